// Parallel mode: one worker thread per core (host/core-worker.ts), real concurrency on the
// host's cores, the same shared memory and the same kernel and monitor code as lockstep. The
// main thread only boots the board, prints what the cores print, and notices the end: every
// dispatcher gone, or every core asleep or parked with work left (deadlock, cycle limit).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WfxFile } from '../toolchain/image/format.js';
import { UserError } from '../toolchain/errors.js';
import { Console } from './devices/console.js';
import { instantiateKernel, kernelModule } from './kernel.js';
import type { DispatcherRecord } from './machine.js';
import { MachineMemory, type MemoryPlan } from './memory.js';
import { initMesh } from './mesh.js';
import { CTL_GO, CTL_LIVE, CTL_STATE, CTL_STOP, CoreState, type WorkerMessage } from './parallel-protocol.js';
import type { CoreWorkerData } from './core-worker.js';
import { projectRoot } from './paths.js';
import { formatFault } from './report.js';
import { type RunOptions, type RunResult, exitCodeOf, targetCores } from './run.js';
import { lineLatency, resolveTopology } from './topology.js';
import { C_DOORBELL, coreBlock } from '../kernel/shared/layout.js';
import { symbolName } from '../toolchain/image/lookup.js';
import type { TraceEvent } from './trace/event.js';
import { buildLog } from './trace/log.js';

export interface ParallelOptions extends RunOptions {
  /** give up after this many seconds of wall time (default 120) */
  readonly timeoutSeconds?: number;
  /** doorbell polls before a core sleeps (default 20000) */
  readonly spin?: number;
}

const noop = () => 0;

export async function runParallel(image: WfxFile, name: string, opts: ParallelOptions = {}): Promise<RunResult> {
  const topology = resolveTopology(opts.machine, opts.cores);
  const n = topology.cores.length;
  const plan: MemoryPlan = {
    ncores: n, frameBytes: (opts.memoryMiB ?? 64) << 20, timeslice: opts.timeslice,
    parallel: true, coherence: false, latency: (a, b) => lineLatency(topology, a, b),
  };
  const mem = new MachineMemory(plan);
  // the board lays down the monitor mesh before any core runs
  initMesh(instantiateKernel(kernelModule(topology.cores[0].isa), mem.memory, { host_console: noop, host_event: noop, host_syscall: noop, host_wake: noop }), mem.layout);
  const control = new SharedArrayBuffer(4 * (CTL_STATE + n));
  const ctl = new Int32Array(control);
  const console = new Console(topology, { prefix: opts.prefix, sink: opts.sink });
  const diag = opts.diag ?? ((t: string) => process.stderr.write(t));
  const on = targetCores(topology, opts.on);
  const records = new Map<number, DispatcherRecord>();
  const main: number[] = [];
  const images = [{ id: 1, image, name }];
  // tracing: every worker stamps events with wall-clock time since this moment
  const epoch = performance.timeOrigin + performance.now();
  const traced: TraceEvent[][] = topology.cores.map(() => []);
  const dropped = topology.cores.map(() => 0);

  const workers = topology.cores.map((spec, core) => {
    const data: CoreWorkerData = {
      core, isas: topology.cores.map((c) => c.isa), memory: mem.memory, plan: { ...plan, latency: undefined }, module: kernelModule(spec.isa),
      period: Math.round(1e6 / spec.mhz), images, control,
      start: on.filter((c) => c === core).map(() => ({ image: 1, arg: opts.arg ?? 0 })),
      quantum: opts.quantum ?? 20000, maxCycles: opts.maxCycles ?? Number.MAX_SAFE_INTEGER, spin: opts.spin ?? 20000,
      trace: opts.trace ? { epoch } : undefined,
    };
    return new Worker(join(projectRoot(), 'dist', 'host', 'core-worker.js'), { workerData: data });
  });

  const done = workers.map((w) => new Promise<void>((r) => {
    w.on('message', (m: WorkerMessage) => { if (m.kind === 'done') r(); });
    w.once('exit', () => r());
  }));
  const reason = await new Promise<RunResult['reason']>((resolve) => {
    let ready = 0;
    let booted = 0;
    let quietChecks = 0;
    let settled = false;
    const finish = (r: RunResult['reason']) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      clearTimeout(deadline);
      resolve(r);
    };
    const check = () => {
      if (ready < n) return;
      if (Atomics.load(ctl, CTL_LIVE) === 0) return finish('done');
      const states = topology.cores.map((_, c) => Atomics.load(ctl, CTL_STATE + c));
      const bells = topology.cores.map((_, c) => mem.u32(coreBlock(c) + C_DOORBELL));
      const still = states.every((s) => s === CoreState.Asleep || s === CoreState.Parked) && bells.every((b) => b === 0);
      quietChecks = still ? quietChecks + 1 : 0;
      if (quietChecks >= 5) finish(states.some((s) => s === CoreState.Parked) ? 'max-cycles' : 'deadlock');
    };
    const timer = setInterval(check, 50);
    const deadline = setTimeout(() => finish('timeout'), (opts.timeoutSeconds ?? 120) * 1000);
    workers.forEach((w) => {
      w.on('message', (m: WorkerMessage) => {
        switch (m.kind) {
          case 'booted':
            if (++booted === n) { Atomics.store(ctl, CTL_GO, 1); Atomics.notify(ctl, CTL_GO); }
            break;
          case 'ready': ready++; check(); break;
          case 'output': console.write(m.core, m.dispatcher, m.bytes); break;
          case 'started': {
            records.set(m.id, { id: m.id, domain: m.domain, core: m.core, program: m.program, state: 'live' });
            if (main.length < on.length && on[main.length] === m.core && !main.includes(m.id)) main.push(m.id);
            break;
          }
          case 'ended': {
            console.flushDispatcher(m.core, m.id);
            const rec = records.get(m.id);
            if (rec) {
              rec.state = m.fault ? 'faulted' : 'exited';
              rec.exitCode = m.code;
              rec.fault = m.fault;
            }
            if (m.fault) diag(formatFault(m.fault, m.core, topology.cores[m.core].isa, `dispatcher ${m.id} of ${m.program}`, image));
            check();
            break;
          }
          case 'error': diag(`wasmfish: core ${m.core}: ${m.message}\n`); finish('crashed'); break;
          case 'trace': for (const e of m.events) traced[m.core].push(e); dropped[m.core] = m.dropped; break;
          case 'done': break;
        }
      });
      w.on('error', (e) => { diag(`wasmfish: core ${workers.indexOf(w)} died: ${e.message}\n`); finish('crashed'); });
    });
  });

  // stop every core: raise the flag, ring every doorbell, wait for the loops to end
  Atomics.store(ctl, CTL_STOP, 1);
  const words = new Int32Array(mem.memory.buffer);
  for (let c = 0; c < n; c++) Atomics.notify(words, (coreBlock(c) + C_DOORBELL) >> 2);
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(done), new Promise((r) => { grace = setTimeout(r, 5000); })]);
  clearTimeout(grace);
  await Promise.all(workers.map((w) => w.terminate()));
  console.flush();
  const stuck = [...records.values()].filter((d) => d.state === 'live');
  if (reason === 'deadlock') diag(`deadlock: ${stuck.map((d) => `dispatcher ${d.id} (core ${d.core})`).join(', ')} blocked with nothing left to wake ${stuck.length > 1 ? 'them' : 'it'}\n`);
  if (reason === 'max-cycles') diag(`stopped: the cycle limit (${opts.maxCycles}) was reached before the program finished\n`);
  if (reason === 'timeout') diag(`stopped: no end after ${opts.timeoutSeconds ?? 120} s of wall time\n`);
  const mainRecords = main.map((id) => records.get(id)!);
  if (mainRecords.length < on.length && reason !== 'crashed') throw new UserError('the program did not start on every core asked for');
  return {
    reason, exitCode: exitCodeOf(reason, mainRecords), main: mainRecords, dispatchers: [...records.values()],
    stats: topology.cores.map((_, i) => mem.coreStats(i)), topology, output: console.perCore,
    trace: opts.trace ? buildLog({ mode: 'parallel', program: name, topology, layout: mem.layout, perCore: traced, dropped, symbol: (pc) => symbolName(image, pc) }) : undefined,
  };
}
