// `wasmfish bench compare --baseline DIR`: this build's interpreters against another built
// wasmfish checkout's (say `git worktree add ../base main && (cd ../base && npm ci)`), in one
// process. Both builds run `bench interp`'s workloads, alternated sample by sample, and each
// sample of this build is divided by the baseline's sample taken next to it. On a host whose
// speed swings by 2× from one second to the next (ours), that paired ratio stays put where
// separate runs of `bench interp` cannot tell 10% apart.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ISA_NAMES } from '../isa/index.js';
import { UserError } from '../toolchain/errors.js';
import { type Build, THIS_BUILD, WORKLOADS, kernelSample, program, workloadArg } from './interp.js';
import { Progress, markdownTable, median, percentile, rate, table, writeResults } from './harness.js';

/**
 * Where a build keeps the modules a sample uses: host/ in layers, and host/ flat as it was
 * before (so a checkout from before the layers can still be the baseline).
 */
const LAYOUTS = [
  { machine: 'host/machine/machine.js', lockstep: 'host/machine/lockstep.js', topology: 'host/hardware/topology.js' },
  { machine: 'host/machine.js', lockstep: 'host/lockstep.js', topology: 'host/topology.js' },
];

/** The modules of the wasmfish built in `dir` that a sample uses. */
async function loadBuild(dir: string): Promise<Build> {
  const file = (rel: string) => join(resolve(dir), 'dist', rel);
  const layout = LAYOUTS.find((l) => existsSync(file(l.machine)));
  if (!layout) {
    throw new UserError(`--baseline ${dir}: not a built wasmfish (no dist/${LAYOUTS[0].machine} there): run \`npm ci\` in it`);
  }
  const load = (rel: string) => import(pathToFileURL(file(rel)).href);
  const [machine, lockstep, topology, build] = await Promise.all([
    load(layout.machine), load(layout.lockstep), load(layout.topology), load('toolchain/build.js'),
  ]);
  return { Machine: machine.Machine, runLockstep: lockstep.runLockstep, resolveTopology: topology.resolveTopology, buildImage: build.buildImage };
}

export interface CompareRow {
  isa: string; workload: string; median: number; baseline: number;
  /** this build's sample / the baseline's next to it: median, and the 1st and 99th percentiles */
  ratio: number; ratioP1: number; ratioP99: number;
}

export async function benchCompare(opts: { baseline?: string; samples?: number; quick?: boolean }): Promise<{ rows: CompareRow[]; file: string }> {
  if (!opts.baseline) throw new UserError('bench compare needs --baseline DIR: another built wasmfish checkout to compare with');
  const base = await loadBuild(opts.baseline);
  const samples = opts.samples ?? (opts.quick ? 3 : 11);
  const names = Object.keys(WORKLOADS);
  const progress = new Progress(ISA_NAMES.length * names.length, 'compare');
  const rows: CompareRow[] = [];
  for (const isa of ISA_NAMES) {
    for (const name of names) {
      progress.tick(`${isa} ${name}`);
      const arg = workloadArg(name, opts.quick);
      const builds = [THIS_BUILD, base].map((b) => ({ b, image: program(isa, name, b), rates: [] as number[] }));
      const sample = (x: (typeof builds)[number]) => {
        const s = kernelSample(x.image, isa, arg, x.b);
        return s.instructions / s.seconds;
      };
      // warm up both (V8 compiles each build's code on first use), then alternate, switching
      // which goes first every round
      for (const x of builds) for (let w = 0; w < 2; w++) sample(x);
      for (let r = 0; r < samples; r++) for (const x of r % 2 ? [...builds].reverse() : builds) x.rates.push(sample(x));
      const [mine, theirs] = builds;
      const ratios = mine.rates.map((v, i) => v / theirs.rates[i]);
      rows.push({
        isa, workload: name, median: median(mine.rates), baseline: median(theirs.rates),
        ratio: median(ratios), ratioP1: percentile(ratios, 1), ratioP99: percentile(ratios, 99),
      });
    }
  }
  progress.stop();
  const file = writeResults('compare', { baseline: resolve(opts.baseline), samples, rows });
  return { rows, file };
}

export function compareTables(rows: CompareRow[], markdown = false): string {
  const fmt = markdown ? markdownTable : (h: string[], r: string[][]) => table(h, r, 2);
  return fmt(
    ['isa', 'workload', 'this build median instr/s', 'baseline median instr/s', 'paired ratio median', 'p1 … p99'],
    rows.map((x) => [x.isa, x.workload, rate(x.median), rate(x.baseline), `${x.ratio.toFixed(3)}×`, `${x.ratioP1.toFixed(2)} … ${x.ratioP99.toFixed(2)}`]),
  );
}
