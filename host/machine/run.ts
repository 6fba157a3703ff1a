// Running a program to completion: boot a machine, load the image, start its main dispatcher
// on the chosen cores, run the lockstep scheduler, and summarise how it ended. The CLI's
// `run`, the demo and the tests all go through here.
import type { WfxFile } from '../../toolchain/image/format.js';
import { UserError } from '../../toolchain/errors.js';
import { symbolName } from '../../toolchain/image/lookup.js';
import { runLockstep, type StopReason } from './lockstep.js';
import { type DispatcherRecord, deadlockText } from './dispatchers.js';
import { Machine } from './machine.js';
import type { CoreStats, MachineMemory } from '../hardware/memory.js';
import { resolveTopology, type Topology } from '../hardware/topology.js';
import type { TraceLog } from './trace/log.js';
import { MachineRecorder } from './trace/recorder.js';

export interface RunOptions {
  /** preset name or machine file (default: 'default') */
  readonly machine?: string;
  /** --cores list applied to the machine */
  readonly cores?: string;
  /** which cores start the program: a list of core numbers, or 'all' (default: [0]) */
  readonly on?: readonly number[] | 'all';
  readonly maxCycles?: number;
  readonly quantum?: number;
  readonly timeslice?: number;
  /** cycles any one dispatcher may run: more is the fault "cycle budget exhausted" */
  readonly budget?: number;
  readonly memoryMiB?: number;
  /** label output lines with [core N isa] */
  readonly prefix?: boolean;
  /** program output (default: process.stdout) */
  readonly sink?: (text: string) => void;
  /** fault reports and machine messages (default: process.stderr) */
  readonly diag?: (text: string) => void;
  /** the argument main() receives */
  readonly arg?: number;
  /** record a trace of the run (RunResult.trace; docs/tracing.md) */
  readonly trace?: boolean;
}

export interface RunResult {
  readonly reason: StopReason | 'deadlock' | 'timeout' | 'crashed';
  /**
   * the program's exit code, or 139 if it faulted, 124 at the cycle limit or wall-time limit,
   * 125 on deadlock, 70 if a core crashed
   */
  readonly exitCode: number;
  /** the dispatchers started on the cores asked for, in core order */
  readonly main: readonly DispatcherRecord[];
  readonly dispatchers: readonly DispatcherRecord[];
  readonly stats: readonly CoreStats[];
  readonly topology: Topology;
  /** everything each core printed */
  readonly output: readonly string[];
  /** the machine (lockstep runs only) */
  readonly machine?: Machine;
  /** the machine's memory (parallel runs), to look into after the run */
  readonly memory?: MachineMemory;
  /** what happened, when asked for (RunOptions.trace) */
  readonly trace?: TraceLog;
  /**
   * a parallel run that ended with every core waiting (deadlock, cycle limit): the wall time
   * and this process's CPU time (every thread) from when the board first saw every core
   * asleep to the end it declared — what an idle machine costs the host
   */
  readonly quiet?: { readonly wallMs: number; readonly cpuMs: number };
}

export const EXIT_FAULT = 139;
export const EXIT_MAX_CYCLES = 124;
export const EXIT_DEADLOCK = 125;
export const EXIT_CRASHED = 70;

/** The cores a program starts on. */
export function targetCores(topology: Topology, on: RunOptions['on']): readonly number[] {
  const cores = on === 'all' ? topology.cores.map((_, i) => i) : on ?? [0];
  for (const c of cores) {
    if (!Number.isInteger(c) || c < 0 || c >= topology.cores.length) {
      throw new UserError(`--core ${c}: machine ${topology.name} has cores 0..${topology.cores.length - 1}`);
    }
  }
  return cores;
}

/** A lockstep machine as `opts` describe it, and the cores the program is to start on. */
export function bootMachine(opts: RunOptions = {}): { machine: Machine; on: readonly number[] } {
  const topology = resolveTopology(opts.machine, opts.cores);
  const machine = new Machine({
    topology,
    memoryMiB: opts.memoryMiB,
    timeslice: opts.timeslice,
    budget: opts.budget,
    console: { prefix: opts.prefix, sink: opts.sink },
    diag: opts.diag,
  });
  return { machine, on: targetCores(topology, opts.on) };
}

/** Loads the program and starts it on cores `on` (with --arg): its main dispatchers. */
export function startProgram(machine: Machine, image: WfxFile, name: string, on: readonly number[], arg = 0): DispatcherRecord[] {
  const program = machine.load(image, name);
  return on.map((core) => machine.spawn(program, core, arg));
}

export function runImage(image: WfxFile, name: string, opts: RunOptions = {}): RunResult {
  const { machine, on } = bootMachine(opts);
  const topology = machine.topology;
  const recorder = opts.trace ? new MachineRecorder(machine) : undefined;
  const main = startProgram(machine, image, name, on, opts.arg);
  let reason: RunResult['reason'] = runLockstep(machine, {
    maxCycles: opts.maxCycles, quantum: opts.quantum, afterRun: recorder && ((c) => recorder.drain(c.id)),
  });
  machine.console.flush();
  const diag = opts.diag ?? ((t: string) => process.stderr.write(t));
  const stuck = machine.live();
  if (reason === 'done' && stuck.length > 0) {
    reason = 'deadlock';
    diag(deadlockText(stuck) + '\n');
  }
  if (reason === 'max-cycles') diag(maxCyclesText(opts.maxCycles));
  return {
    reason,
    exitCode: exitCodeOf(reason, main),
    main,
    dispatchers: [...machine.dispatchers.values()],
    stats: topology.cores.map((_, i) => machine.stats(i)),
    topology,
    output: machine.console.perCore,
    machine,
    trace: recorder?.log(name, (pc) => symbolName(image, pc)),
  };
}

/** What a run that hit --max-cycles says (lockstep and parallel mode alike). */
export function maxCyclesText(maxCycles: number | undefined): string {
  return `stopped: the cycle limit (${maxCycles}) was reached before the program finished\n`;
}

export function exitCodeOf(reason: RunResult['reason'], main: readonly DispatcherRecord[]): number {
  if (reason === 'crashed') return EXIT_CRASHED;
  if (main.some((d) => d.state === 'faulted')) return EXIT_FAULT;
  if (reason === 'max-cycles' || reason === 'timeout') return EXIT_MAX_CYCLES;
  if (reason === 'deadlock') return EXIT_DEADLOCK;
  return main.map((d) => d.exitCode ?? 0).find((c) => c !== 0) ?? 0;
}
