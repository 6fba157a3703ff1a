// `wasmfish bench interp`: guest instructions per second of each ISA's kernel interpreter on
// compute loops (sum, fib, sieve, memory walk), against the TypeScript reference interpreter
// on the same programs in the same run; then the whole lockstep machine with 4, 32 and 256
// cores running compute loops at once.
import { join } from 'node:path';
import { ISA_NAMES, type IsaName, isaByName } from '../isa/index.js';
import {
  GuestMemory, buildAddressSpace, completeSys, isFault, startState, step,
} from '../isa/reference/index.js';
import { BumpFrames } from '../isa/pagetable.js';
import { runLockstep } from '../host/machine/lockstep.js';
import { Machine } from '../host/machine/machine.js';
import { projectRoot } from '../host/hardware/paths.js';
import { resolveTopology } from '../host/hardware/topology.js';
import { DATA_BASE, PAGE_SIZE, stackTop } from '../kernel/shared/addrspace.js';
import { SYS_EXIT } from '../kernel/shared/syscalls.js';
import { buildImage } from '../toolchain/build.js';
import type { WfxFile } from '../toolchain/image/format.js';
import { Progress, describeMachine, markdownTable, median, percentile, rate, table, writeResults } from './harness.js';

/** The workloads and their argument (size) for the kernel; the reference gets REF_ARGS. */
export const WORKLOADS: Record<string, number> = { sum: 20_000_000, fib: 27, sieve: 24, memwalk: 600 };
const REF_ARGS: Record<string, number> = { sum: 100_000, fib: 16, sieve: 1, memwalk: 3 };

/** A workload's argument: smaller with --quick. */
export function workloadArg(name: string, quick?: boolean): number {
  return name === 'fib' ? WORKLOADS[name] - (quick ? 5 : 0) : Math.ceil(WORKLOADS[name] * (quick ? 0.1 : 1));
}

/** The parts of a wasmfish build a sample uses: this one's, or another checkout's (bench compare). */
export interface Build {
  Machine: typeof Machine;
  runLockstep: typeof runLockstep;
  resolveTopology: typeof resolveTopology;
  buildImage: typeof buildImage;
}
export const THIS_BUILD: Build = { Machine, runLockstep, resolveTopology, buildImage };

export function program(isa: IsaName, name: string, build = THIS_BUILD): WfxFile {
  return build.buildImage([join(projectRoot(), 'test', 'programs', isa, `${name}.s`)]);
}

/** One run on the emulator: guest instructions and wall seconds of the lockstep run. */
export function kernelSample(image: WfxFile, isa: IsaName, arg: number, build = THIS_BUILD): { instructions: number; seconds: number } {
  const m = new build.Machine({ topology: build.resolveTopology('default', isa), console: { sink: () => {} }, diag: () => {} });
  m.spawn(m.load(image, 'bench'), 0, arg);
  const t0 = process.hrtime.bigint();
  build.runLockstep(m);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { instructions: m.stats(0).instructions, seconds };
}

/** The same program on the reference interpreter (system calls answered with 0). */
function referenceSample(image: WfxFile, isaName: IsaName, arg: number): { instructions: number; seconds: number } {
  const isa = isaByName(isaName)!;
  const text = image.sections.find((s) => s.kind === 'text')!;
  const rwEnd = Math.max(DATA_BASE, ...image.sections.filter((s) => s.kind !== 'text').map((s) => s.addr + s.size));
  const view = new DataView(new ArrayBuffer(4 << 20));
  const space = buildAddressSpace(view, new BumpFrames(view, PAGE_SIZE, view.byteLength), isa, {
    text: text.bytes, dataSize: rwEnd - DATA_BASE,
  });
  const mem = new GuestMemory(view, space.root);
  const s = startState(isa, mem, text.entry!, arg, stackTop(0));
  const t0 = process.hrtime.bigint();
  for (;;) {
    const r = step(s, mem);
    if (r === 'ok') continue;
    if (isFault(r) || 'halt' in r || 'exit' in r) break;
    if (r.sys === SYS_EXIT) break;
    completeSys(s, mem, 0);
  }
  return { instructions: s.instret, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

interface Row { isa: IsaName; workload: string; median: number; p99: number; reference: number; ratio: number }
interface MachineRow { cores: number; mix: string; median: number; p99: number; perCore: number }

export async function benchInterp(opts: { samples?: number; quick?: boolean } = {}): Promise<{ rows: Row[]; machine: MachineRow[]; file: string }> {
  const samples = opts.samples ?? (opts.quick ? 2 : 7);
  const names = Object.keys(WORKLOADS);
  const machineSizes = opts.quick ? [4, 32] : [4, 32, 256];
  const progress = new Progress(ISA_NAMES.length * names.length + machineSizes.length * 2, 'interp');
  const rows: Row[] = [];
  for (const isa of ISA_NAMES) {
    for (const name of names) {
      progress.tick(`${isa} ${name}`);
      const image = program(isa, name);
      const arg = workloadArg(name, opts.quick);
      // warm up: V8 compiles Wasm with Liftoff first and tiers hot functions up to TurboFan in
      // the background; two full-size runs let that finish before the timed samples
      for (let w = 0; w < 2; w++) kernelSample(image, isa, arg);
      const k = Array.from({ length: samples }, () => kernelSample(image, isa, arg)).map((s) => s.instructions / s.seconds);
      const ref = Array.from({ length: Math.max(2, Math.ceil(samples / 2)) }, () => referenceSample(image, isa, REF_ARGS[name]))
        .map((s) => s.instructions / s.seconds);
      rows.push({ isa, workload: name, median: median(k), p99: percentile(k, 1), reference: median(ref), ratio: median(k) / median(ref) });
    }
  }

  // the whole machine: every core runs `sum` (its own ISA's slice of one fat image)
  const fat = buildImage(ISA_NAMES.map((isa) => join(projectRoot(), 'test', 'programs', isa, 'sum.s')));
  const machine: MachineRow[] = [];
  for (const n of machineSizes) {
    for (const mix of ['r32', 'r32,r32,s32,a32']) {
      progress.tick(`${n} cores ${mix}`);
      const cores = mix === 'r32' ? `r32*${n}` : Array.from({ length: n }, (_, i) => mix.split(',')[i % 4]).join(',');
      const perCore = Math.ceil((opts.quick ? 4e6 : 60e6) / n);
      const rates: number[] = [];
      for (let s = 0; s < Math.max(2, Math.ceil(samples / 2)); s++) {
        const m = new Machine({ topology: resolveTopology('default', cores), memoryMiB: 64 + n / 2, console: { sink: () => {} }, diag: () => {} });
        for (let c = 0; c < n; c++) m.spawn(m.load(fat, 'sum'), c, perCore);
        const t0 = process.hrtime.bigint();
        runLockstep(m);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const total = m.cores.reduce((a, c) => a + m.stats(c.id).instructions, 0);
        rates.push(total / seconds);
      }
      machine.push({ cores: n, mix: mix === 'r32' ? 'all r32' : 'r32,r32,s32,a32 repeated', median: median(rates), p99: percentile(rates, 1), perCore: median(rates) / n });
    }
  }
  progress.stop();
  const file = writeResults('interp', { samples, rows, machine });
  return { rows, machine, file };
}

export function interpTables(r: { rows: Row[]; machine: MachineRow[] }, markdown = false): string {
  const fmt = markdown ? markdownTable : (h: string[], rows: string[][]) => table(h, rows, 2);
  const t1 = fmt(
    ['isa', 'workload', 'kernel median instr/s', 'p99 (slowest 1%)', 'reference instr/s', 'kernel / reference'],
    r.rows.map((x) => [x.isa, x.workload, rate(x.median), rate(x.p99), rate(x.reference), `${x.ratio.toFixed(1)}×`]),
  );
  const t2 = fmt(
    ['cores', 'ISAs', 'aggregate median instr/s', 'p99 (slowest 1%)', 'per core'],
    r.machine.map((x) => [String(x.cores), x.mix, rate(x.median), rate(x.p99), rate(x.perCore)]),
  );
  return `${t1}\n${t2}`;
}

export { describeMachine };
