// `wasmfish bench NAME`: the benchmarks in bench/. Each prints medians and p99s, compares
// against its baseline in the same run, and writes bench/results/NAME.json.
import type { Command } from 'commander';
import { UserError } from '../../../toolchain/errors.js';
import { describeMachine, interpTables, benchInterp } from '../../../bench/interp.js';
import { benchUrpc, urpcTables } from '../../../bench/urpc.js';
import { benchMinnow, minnowTables } from '../../../bench/minnow.js';
import { benchCompare, compareTables } from '../../../bench/compare.js';
import { intOption } from './options.js';

interface BenchFlags { quick?: boolean; samples?: number; markdown?: boolean; baseline?: string }

/** The benchmarks; `all: false` ones run only when named. */
const BENCHMARKS: Record<string, { about: string; all?: false; run: (o: BenchFlags) => Promise<string> }> = {
  interp: {
    about: 'guest instructions/s of each ISA\'s interpreter vs the TypeScript reference; the lockstep machine at 4, 32, 256 cores',
    run: async (o) => {
      const r = await benchInterp(o);
      return `${interpTables(r, o.markdown)}\nresults: ${r.file}\n`;
    },
  },
  urpc: {
    about: 'the URPC fast path between threads vs plain JS, Atomics.wait, MessagePort, native C; guest ping-pong; simulated cycles per preset',
    run: async (o) => {
      const r = await benchUrpc(o);
      return `${urpcTables(r, o.markdown)}\nresults: ${r.file}\n`;
    },
  },
  minnow: {
    about: 'guest instructions, simulated cycles and code bytes of each Minnow example on r32, s32, a32 (simulated: the same on any host)',
    run: async (o) => {
      const r = benchMinnow();
      return `${minnowTables(r.results, o.markdown)}\nresults: ${r.file}\n`;
    },
  },
  compare: {
    about: 'interp\'s workloads on this build against another built checkout (--baseline DIR), alternated in one process: paired ratios',
    all: false,
    run: async (o) => {
      const r = await benchCompare(o);
      return `${compareTables(r.rows, o.markdown)}\nresults: ${r.file}\n`;
    },
  },
};

export function register(program: Command): void {
  program
    .command('bench')
    .description('run a benchmark: ' + Object.keys(BENCHMARKS).join(', '))
    .argument('[name]', 'which benchmark (default: all but compare)')
    .option('--quick', 'a small, fast version (for a smoke test)')
    .option('--samples <n>', 'timed samples per measurement', intOption('--samples', 1, 1000))
    .option('--markdown', 'print the tables as Markdown (for the README)')
    .option('--baseline <dir>', 'compare: another wasmfish checkout, built (npm ci), to measure this build against')
    .addHelpText('after', '\nBenchmarks:\n' + Object.entries(BENCHMARKS).map(([k, v]) => `  ${k.padEnd(8)} ${v.about}`).join('\n') + '\n')
    .action(async (name: string | undefined, o: BenchFlags) => {
      const names = name ? [name] : Object.keys(BENCHMARKS).filter((n) => BENCHMARKS[n].all !== false);
      for (const n of names) {
        const b = BENCHMARKS[n];
        if (!b) throw new UserError(`unknown benchmark '${n}' (there are: ${Object.keys(BENCHMARKS).join(', ')})`);
        process.stdout.write(`== ${n} on ${describeMachine()}\n`);
        process.stdout.write(await b.run(o));
      }
    });
}
