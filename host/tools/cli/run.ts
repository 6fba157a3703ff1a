// `wasmfish run`: builds a program (Minnow, assembly, objects or an image) and runs it on an
// emulated machine until it ends; exits with the program's exit code.
import type { Command } from 'commander';
import { type ParallelOptions, runParallel } from '../../machine/parallel.js';
import { runImage } from '../../machine/run.js';
import { formatLog } from '../../machine/trace/log.js';
import { UserError } from '../../../toolchain/errors.js';
import { type ProgramFlags, intOption, programCommand, programFrom } from './options.js';
import { formatStats, writeOutput } from './output.js';

interface RunFlags extends ProgramFlags {
  stats?: boolean;
  quantum?: number;
  parallel?: boolean;
  timeout?: number;
  trace?: string;
}

export function register(program: Command): void {
  programCommand(program, 'run', 'build a program and run it on an emulated machine (lockstep, deterministic)')
    .option('--stats', 'print per-core instructions, cycles and faults when it ends (to stderr)')
    .option('--quantum <cycles>', 'cycles a core runs before the scheduler switches cores', intOption('--quantum', 1, 1e9))
    .option('-p, --parallel', 'one worker thread per core: real concurrency, no cycle cost model')
    .option('--timeout <seconds>', 'parallel mode: give up after this much wall time', intOption('--timeout', 1, 86400))
    .option('--trace <file>', 'write a trace of the messages, dispatchers and monitor steps to <file> (see wasmfish view)')
    .addHelpText('after', `
Exit status: the program's exit code; 139 if it faulted, 124 if --max-cycles stopped it,
125 if its dispatchers deadlocked, 70 if a core died (--parallel).

Examples:
  $ wasmfish run examples/asm/hello-r32.s --stats
  $ wasmfish run hello-s32.s --cores r32,s32 --core 1     # on core 1, an s32 core
  $ wasmfish run prog.wfx --machine amd-4x4 --core all --prefix
  $ wasmfish run loop.s --max-cycles 1_000_000
  $ wasmfish run forever.s --budget 50_000_000            # a runaway dispatcher is killed
  $ wasmfish run pingpong-r32.s pingpong-a32.s --parallel --prefix
`)
    .action(async (files: string[], flags: RunFlags) => {
      const { image, name, options } = programFrom(files, flags);
      const o = { ...options, quantum: flags.quantum, trace: flags.trace !== undefined };
      const injectFault = injectedFault(flags.parallel);
      const result = flags.parallel ? await runParallel(image, name, { ...o, timeoutSeconds: flags.timeout, injectFault }) : runImage(image, name, o);
      if (flags.trace !== undefined && result.trace) writeOutput('--trace', flags.trace, formatLog(result.trace));
      if (flags.stats) process.stderr.write(formatStats(result));
      process.exitCode = result.exitCode;
    });
}

/**
 * WASMFISH_FAULT=core@Nmsgs[,terminate] or core@ms[,terminate]: a fault-injection hook for
 * testing the machine's reaction to a dying core — core's worker throws (or is terminated)
 * once N messages have passed through the core (sent plus received), or ms after the start.
 */
function injectedFault(parallel?: boolean): ParallelOptions['injectFault'] {
  const v = process.env.WASMFISH_FAULT;
  if (!v) return undefined;
  const m = /^(\d+)@(\d+)(msgs|ms)?(,terminate)?$/.exec(v);
  if (!m) throw new UserError(`WASMFISH_FAULT: '${v}' is not core@<n>msgs or core@<milliseconds>, optionally followed by ,terminate`);
  if (!parallel) throw new UserError('WASMFISH_FAULT: cores have worker threads to kill only with --parallel');
  const after = Number(m[2]);
  return { core: Number(m[1]), ...(m[3] === 'msgs' ? { afterMessages: after } : { afterMs: after }), terminate: m[4] !== undefined };
}
