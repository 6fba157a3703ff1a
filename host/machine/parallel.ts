// Parallel mode: one worker thread per core (host/machine/core-worker.ts), real concurrency
// on the host's cores, the same shared memory and the same kernel and monitor code as
// lockstep. The main thread only boots the board, prints what the cores print, and notices
// the end: every dispatcher gone, or every core asleep or parked with work left (deadlock,
// cycle limit). A core whose worker dies is written off (host/machine/crash.ts): the others
// run on, told by their channels and monitors, and the run ends as crashed, with a summary.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WfxFile } from '../../toolchain/image/format.js';
import { UserError } from '../../toolchain/errors.js';
import { Console } from '../hardware/console.js';
import { instantiateKernel, kernelModule } from '../hardware/kernel.js';
import { type DispatcherRecord, DispatcherLedger, deadlockText } from './dispatchers.js';
import { MachineMemory, type MemoryPlan } from '../hardware/memory.js';
import { initMesh } from '../os/mesh.js';
import { CTL_GO, CTL_STATE, CTL_STOP, CoreState, type WorkerMessage, ctlLive, ctlWords } from './parallel-protocol.js';
import type { CoreWorkerData } from './core-worker.js';
import { projectRoot } from '../hardware/paths.js';
import type { FaultInfo } from '../os/fault-report.js';
import { abandonCore } from './crash.js';
import { type RunOptions, type RunResult, exitCodeOf, maxCyclesText, targetCores } from './run.js';
import { lineLatency, resolveTopology } from '../hardware/topology.js';
import { C_DOORBELL, coreBlock } from '../../kernel/shared/layout.js';
import { FAULT_KILLED, faultText } from '../../kernel/shared/faults.js';
import { symbolName } from '../../toolchain/image/lookup.js';
import type { TraceEvent } from './trace/event.js';
import { buildLog } from './trace/log.js';

export interface ParallelOptions extends RunOptions {
  /** give up after this many seconds of wall time (default 120) */
  readonly timeoutSeconds?: number;
  /**
   * fault injection, for tests (and WASMFISH_FAULT): core `core`'s worker throws once
   * `afterMessages` message slots have passed through the core (sent plus received: an event
   * of the run, whatever the host's speed) or `afterMs` milliseconds after the start — or,
   * with `terminate`, the board terminates it then
   */
  readonly injectFault?: InjectedFault;
}

/** When a core dies (ParallelOptions.injectFault): one of afterMessages and afterMs. */
export interface InjectedFault {
  readonly core: number;
  readonly afterMessages?: number;
  readonly afterMs?: number;
  readonly terminate?: boolean;
}

const noop = () => 0;

export async function runParallel(image: WfxFile, name: string, opts: ParallelOptions = {}): Promise<RunResult> {
  const topology = resolveTopology(opts.machine, opts.cores);
  const n = topology.cores.length;
  const plan: MemoryPlan = {
    ncores: n, frameBytes: (opts.memoryMiB ?? 64) << 20, timeslice: opts.timeslice, budget: opts.budget,
    parallel: true, latency: (a, b) => lineLatency(topology, a, b),
  };
  const mem = new MachineMemory(plan);
  // the board's own kernel instance: it lays down the monitor mesh before any core runs, and
  // closes the channels of a core that dies
  const board = instantiateKernel(kernelModule(topology.cores[0].isa), mem.memory, { host_console: noop, host_event: noop, host_syscall: noop, host_wake: noop });
  initMesh(board, mem.layout);
  const control = new SharedArrayBuffer(4 * ctlWords(n));
  const ctl = new Int32Array(control);
  const console = new Console(topology, { prefix: opts.prefix, sink: opts.sink });
  const diag = opts.diag ?? ((t: string) => process.stderr.write(t));
  const on = targetCores(topology, opts.on);
  const records = new DispatcherLedger(console, topology.cores.map((c) => c.isa), () => image, diag);
  /** the main dispatchers each core started (its programs' exit codes are the run's) */
  const mains: number[][] = topology.cores.map(() => []);
  const images = [{ id: 1, image, name }];
  const inject = opts.injectFault;
  if (inject && !(Number.isInteger(inject.core) && inject.core >= 0 && inject.core < n)) {
    throw new UserError(`fault injection: core ${inject.core} does not exist (machine ${topology.name} has cores 0..${n - 1})`);
  }
  if (inject && (inject.afterMs === undefined) === (inject.afterMessages === undefined)) {
    throw new UserError('fault injection: give one of afterMs and afterMessages');
  }
  /** the cores that died, and why */
  const dead = new Map<number, string>();
  // tracing: every worker stamps events with wall-clock time since this moment
  const epoch = performance.timeOrigin + performance.now();
  const traced: TraceEvent[][] = topology.cores.map(() => []);
  const dropped = topology.cores.map(() => 0);

  const workers = topology.cores.map((spec, core) => {
    const data: CoreWorkerData = {
      core, isas: topology.cores.map((c) => c.isa), memory: mem.memory, plan: { ...plan, latency: undefined }, module: kernelModule(spec.isa),
      period: Math.round(1e6 / spec.mhz), images, control,
      start: on.filter((c) => c === core).map(() => ({ image: 1, arg: opts.arg ?? 0 })),
      quantum: opts.quantum ?? 20000, maxCycles: opts.maxCycles ?? Number.MAX_SAFE_INTEGER,
      dieAfterMs: inject?.core === core && !inject.terminate ? inject.afterMs : undefined,
      dieAfterMessages: inject?.core === core ? inject.afterMessages : undefined,
      terminateToDie: inject?.core === core && inject.terminate === true,
      trace: opts.trace ? { epoch } : undefined,
    };
    return new Worker(join(projectRoot(), 'dist', 'host', 'machine', 'core-worker.js'), { workerData: data });
  });

  let stopping = false;
  let quiet: RunResult['quiet'];
  const done = workers.map((w) => new Promise<void>((r) => {
    w.on('message', (m: WorkerMessage) => { if (m.kind === 'done') r(); });
    w.once('exit', () => r());
  }));
  let reason = await new Promise<RunResult['reason']>((resolve) => {
    const ready = new Set<number>();
    let booted = 0;
    let quietChecks = 0;
    /** when every core was first seen asleep (this stretch) */
    let quietSince = { cpu: process.cpuUsage(), wall: 0 };
    let settled = false;
    let terminator: NodeJS.Timeout | undefined;
    const finish = (r: RunResult['reason']) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      clearTimeout(deadline);
      clearTimeout(terminator);
      resolve(r);
    };
    const check = () => {
      const alive = topology.cores.map((_, c) => c).filter((c) => !dead.has(c));
      if (!alive.every((c) => ready.has(c))) return;
      if (alive.every((c) => Atomics.load(ctl, ctlLive(n, c)) === 0)) return finish('done');
      const states = alive.map((c) => Atomics.load(ctl, CTL_STATE + c));
      const bells = alive.map((c) => mem.u32(coreBlock(c) + C_DOORBELL));
      const still = states.every((s) => s === CoreState.Asleep || s === CoreState.Parked) && bells.every((b) => b === 0);
      if (still && quietChecks === 0) quietSince = { cpu: process.cpuUsage(), wall: performance.now() };
      quietChecks = still ? quietChecks + 1 : 0;
      if (quietChecks >= 5) {
        const cpu = process.cpuUsage(quietSince.cpu);
        quiet = { wallMs: performance.now() - quietSince.wall, cpuMs: (cpu.user + cpu.system) / 1000 };
        finish(states.some((s) => s === CoreState.Parked) ? 'max-cycles' : 'deadlock');
      }
    };
    /** Core `core`'s worker died: write the core off and let the others run on. */
    const died = (core: number, why: string) => {
      if (settled || dead.has(core)) return;
      dead.set(core, why);
      diag(`wasmfish: core ${core} (${topology.cores[core].isa}) died: ${why}\n`);
      abandonCore(board, mem, core);
      for (const r of records.values()) if (r.core === core && r.state === 'live') killed(r);
      Atomics.store(ctl, ctlLive(n, core), 0);
      check();
    };
    const timer = setInterval(check, 50);
    const deadline = setTimeout(() => finish('timeout'), (opts.timeoutSeconds ?? 120) * 1000);
    workers.forEach((w) => {
      w.on('message', (m: WorkerMessage) => {
        switch (m.kind) {
          case 'booted':
            if (++booted === n) {
              Atomics.store(ctl, CTL_GO, 1);
              Atomics.notify(ctl, CTL_GO);
              if (inject?.terminate && inject.afterMs !== undefined) terminator = setTimeout(() => void workers[inject.core].terminate(), inject.afterMs);
            }
            break;
          case 'ready': mains[m.core] = [...m.mains]; ready.add(m.core); check(); break;
          case 'output': console.write(m.core, m.dispatcher, m.bytes); break;
          case 'started': {
            const rec = records.started(m);
            if (dead.has(m.core)) killed(rec); // (its news came after the death)
            break;
          }
          case 'ended': records.ended(m); check(); break;
          case 'error': diag(`wasmfish: core ${m.core}: ${m.message}\n`); finish('crashed'); break;
          case 'doomed': void workers[m.core].terminate(); break;
          case 'trace': for (const e of m.events) traced[m.core].push(e); dropped[m.core] = m.dropped; break;
          case 'done': break;
        }
      });
      const core = workers.indexOf(w);
      w.on('error', (e) => died(core, e.message));
      w.once('exit', (code) => { if (!stopping) died(core, `its worker thread was terminated (exit code ${code})`); });
    });
  });

  // stop every core: raise the flag, ring every doorbell, wait for the loops to end
  stopping = true;
  Atomics.store(ctl, CTL_STOP, 1);
  const words = new Int32Array(mem.memory.buffer);
  for (let c = 0; c < n; c++) Atomics.notify(words, (coreBlock(c) + C_DOORBELL) >> 2);
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(done), new Promise((r) => { grace = setTimeout(r, 5000); })]);
  clearTimeout(grace);
  await Promise.all(workers.map((w) => w.terminate()));
  console.flush();
  if (dead.size > 0) {
    // (after the living cores' last news has come in)
    reason = 'crashed';
    diag(crashSummary(dead, topology.cores.map((c) => c.isa), [...records.values()]));
  }
  if (reason === 'deadlock') diag(deadlockText(records.live()) + '\n');
  if (reason === 'max-cycles') diag(maxCyclesText(opts.maxCycles));
  if (reason === 'timeout') diag(`stopped: no end after ${opts.timeoutSeconds ?? 120} s of wall time\n`);
  const mainRecords = on.map((core) => mains[core].shift()).filter((id) => id !== undefined).map((id) => records.get(id)!);
  if (mainRecords.length < on.length && reason !== 'crashed') throw new UserError('the program did not start on every core asked for');
  return {
    reason, exitCode: exitCodeOf(reason, mainRecords), main: mainRecords, dispatchers: [...records.values()], quiet,
    stats: topology.cores.map((_, i) => mem.coreStats(i)), topology, output: console.perCore, memory: mem,
    trace: opts.trace ? buildLog({ mode: 'parallel', program: name, topology, layout: mem.layout, perCore: traced, dropped, symbol: (pc) => symbolName(image, pc) }) : undefined,
  };
}

/** What a dispatcher that died with its core is recorded as. */
const KILLED: FaultInfo = { code: FAULT_KILLED, reason: faultText(FAULT_KILLED), addr: 0, pc: 0, instruction: '(its core died)' };

function killed(r: DispatcherRecord): void {
  r.state = 'faulted';
  r.fault = KILLED;
}

/** The end of a run in which cores died: which, why, and what became of every dispatcher. */
export function crashSummary(dead: ReadonlyMap<number, string>, isas: readonly string[], records: readonly DispatcherRecord[]): string {
  const list = (rs: readonly DispatcherRecord[]) => rs.map((r) => `${r.id}`).join(', ');
  const lost = records.filter((r) => r.fault === KILLED);
  const others = records.filter((r) => r.fault !== KILLED);
  const count = (s: DispatcherRecord['state']) => others.filter((r) => r.state === s).length;
  return [...dead].map(([core, why]) => `crashed: core ${core} (${isas[core]}) died: ${why}\n`).join('') +
    `  killed with ${dead.size > 1 ? 'them' : 'it'}: ${lost.length ? `dispatcher${lost.length > 1 ? 's' : ''} ${list(lost)}` : 'no dispatcher'}\n` +
    `  on the other ${isas.length - dead.size} core${isas.length - dead.size === 1 ? '' : 's'}: ${count('exited')} exited, ${count('faulted')} faulted, ${count('live')} still waiting\n`;
}
