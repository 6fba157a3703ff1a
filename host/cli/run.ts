// `wasmfish run`: builds a program (Minnow, assembly, objects or an image) and runs it on an
// emulated machine until it ends; exits with the program's exit code.
import type { Command } from 'commander';
import { buildImage } from '../../toolchain/build.js';
import { runParallel } from '../parallel.js';
import { type RunOptions, formatStats, runImage } from '../run.js';
import { writeLog } from '../trace/log.js';
import { isaOption } from './as.js';
import { intOption, programOptions } from './options.js';

interface RunFlags {
  machine?: string;
  cores?: string;
  core?: number[] | 'all';
  maxCycles?: number;
  stats?: boolean;
  prefix?: boolean;
  isa?: string;
  entry?: string;
  arg?: number;
  quantum?: number;
  timeslice?: number;
  memory?: number;
  parallel?: boolean;
  timeout?: number;
  trace?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('run')
    .description('build a program and run it on an emulated machine (lockstep, deterministic)')
    .argument('<files...>', 'a .mn program, .s sources and .o objects to link, or a .wfx image');
  programOptions(cmd)
    .option('--stats', 'print per-core instructions, cycles and faults when it ends (to stderr)')
    .option('--quantum <cycles>', 'cycles a core runs before the scheduler switches cores', intOption('--quantum', 1, 1e9))
    .option('-p, --parallel', 'one worker thread per core: real concurrency, no cycle cost model')
    .option('--timeout <seconds>', 'parallel mode: give up after this much wall time', intOption('--timeout', 1, 86400))
    .option('--trace <file>', 'write a trace of the messages, dispatchers and monitor steps to <file> (see wasmfish view)')
    .addHelpText('after', `
Exit status: the program's exit code; 139 if it faulted, 124 if --max-cycles stopped it,
125 if its dispatchers deadlocked.

Examples:
  $ wasmfish run examples/asm/hello-r32.s --stats
  $ wasmfish run hello-s32.s --cores r32,s32 --core 1     # on core 1, an s32 core
  $ wasmfish run prog.wfx --machine amd-4x4 --core all --prefix
  $ wasmfish run loop.s --max-cycles 1_000_000
  $ wasmfish run pingpong-r32.s pingpong-a32.s --parallel --prefix
`)
    .action(async (files: string[], flags: RunFlags) => {
      const image = buildImage(files, { isa: isaOption(flags.isa), entry: flags.entry });
      const run = flags.parallel
        ? (img: typeof image, name: string, o: RunOptions) => runParallel(img, name, { ...o, timeoutSeconds: flags.timeout })
        : runImage;
      const result = await run(image, files.join(' '), {
        machine: flags.machine,
        cores: flags.cores,
        on: flags.core,
        maxCycles: flags.maxCycles,
        prefix: flags.prefix,
        arg: flags.arg,
        quantum: flags.quantum,
        timeslice: flags.timeslice,
        memoryMiB: flags.memory,
        trace: flags.trace !== undefined,
      });
      if (flags.trace !== undefined && result.trace) writeLog(flags.trace, result.trace);
      if (flags.stats) process.stderr.write(formatStats(result));
      process.exitCode = result.exitCode;
    });
}
