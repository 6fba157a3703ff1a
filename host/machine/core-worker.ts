// One core in parallel mode: a worker thread owning this core's kernel instance and monitor —
// the same code as lockstep — on the shared machine memory. It runs its core in quanta,
// gives its monitor a turn after each, and when nothing is left to do polls its doorbell for
// a bounded spin, then sleeps on it with Atomics.wait until another core rings.
import { parentPort, workerData } from 'node:worker_threads';
import type { IsaName } from '../../isa/index.js';
import { RUN_IDLE } from '../../kernel/shared/kabi.js';
import { C_ASLEEP, C_DOORBELL, C_MSGS_RECV, C_MSGS_SENT, coreBlock } from '../../kernel/shared/layout.js';
import { DOORBELL_SPIN_POLLS } from '../../kernel/shared/spin.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { ImageStore } from '../hardware/images.js';
import { instantiateKernel } from '../hardware/kernel.js';
import { MachineMemory, type MemoryPlan } from '../hardware/memory.js';
import { Monitor } from '../os/monitor.js';
import { CTL_GO, CTL_STATE, CTL_STOP, CoreState, type WorkerMessage, ctlLive } from './parallel-protocol.js';
import type { TraceEvent } from './trace/event.js';
import { CoreRecorder } from './trace/recorder.js';

export interface CoreWorkerData {
  readonly core: number;
  readonly isas: readonly IsaName[];
  readonly memory: WebAssembly.Memory;
  readonly plan: MemoryPlan;
  readonly module: WebAssembly.Module;
  readonly period: number;
  readonly images: readonly { id: number; image: WfxFile; name: string }[];
  /** programs to start on this core: image id and argument */
  readonly start: readonly { image: number; arg: number }[];
  readonly control: SharedArrayBuffer;
  readonly quantum: number;
  readonly maxCycles: number;
  /** fault injection: throw this many milliseconds after the start (tests, WASMFISH_FAULT) */
  readonly dieAfterMs?: number;
  /**
   * fault injection: once this many message slots have passed through the core (sent plus
   * received), throw — or, with terminateToDie, ask the board to terminate the worker
   */
  readonly dieAfterMessages?: number;
  readonly terminateToDie?: boolean;
  /** record a trace, stamped with wall-clock time since `epoch` (ms, performance.timeOrigin based) */
  readonly trace?: { readonly epoch: number };
}

const d = workerData as CoreWorkerData;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const ctl = new Int32Array(d.control);
const setState = (s: CoreState) => Atomics.store(ctl, CTL_STATE + d.core, s);
const live = ctlLive(d.isas.length, d.core);

const mem = new MachineMemory(d.plan, d.memory);
const images = new ImageStore();
for (const i of d.images) images.put(i.id, i.image, i.name);
const monitor = new Monitor({
  core: d.core, isas: d.isas, mem, images,
  events: {
    output: (core, dispatcher, bytes) => post({ kind: 'output', core, dispatcher, bytes }),
    started: (e) => { Atomics.add(ctl, live, 1); post({ kind: 'started', ...e }); },
    ended: (e) => { Atomics.sub(ctl, live, 1); post({ kind: 'ended', ...e }); },
  },
});
// trace records are stamped with one wall clock shared by every worker: ns since the run began
const wallClock = d.trace && ((epoch: number) => () => (performance.timeOrigin + performance.now() - epoch) * 1e6)(d.trace.epoch);
// the kernel rings doorbells and notifies sleepers itself (kernel/urpc.ts ring())
const kernel = instantiateKernel(d.module, d.memory, { ...monitor.imports(() => {}), host_time: wallClock });
kernel.init(d.core, coreBlock(d.core), d.period);
monitor.attach(kernel);
const recorder = wallClock && new CoreRecorder({ core: d.core, kernel, view: mem.view, wallClock });
if (recorder) monitor.trace = (s) => recorder.step(s);
/** trace events not yet posted to the main thread: sent in batches, and before sleeping */
let traced: TraceEvent[] = [];
function postTrace(force: boolean): void {
  if (!recorder) return;
  for (const e of recorder.take()) traced.push(e);
  if (traced.length === 0 || (!force && traced.length < 2000)) return;
  post({ kind: 'trace', core: d.core, events: traced, dropped: recorder.dropped });
  traced = [];
}
// boot barrier: a core's init clears its block (doorbell included), so nobody may ring it
// before every core is up
post({ kind: 'booted', core: d.core });
while (Atomics.load(ctl, CTL_GO) === 0) Atomics.wait(ctl, CTL_GO, 0, 100);
const mains: number[] = [];
try {
  for (const s of d.start) mains.push(monitor.domains.startProgram(s.image, s.arg));
} catch (e) {
  post({ kind: 'error', core: d.core, message: (e as Error).message });
}
post({ kind: 'ready', core: d.core, mains });

const words = new Int32Array(d.memory.buffer);
const bell = (coreBlock(d.core) + C_DOORBELL) >> 2;
const asleep = (coreBlock(d.core) + C_ASLEEP) >> 2;
const dieAt = d.dieAfterMs === undefined ? Infinity : Date.now() + d.dieAfterMs;
/** the core's message traffic: slots sent plus slots received */
const traffic = () => mem.u32(coreBlock(d.core) + C_MSGS_SENT) + mem.u32(coreBlock(d.core) + C_MSGS_RECV);
let doomed = false;

while (Atomics.load(ctl, CTL_STOP) === 0) {
  if (dieAt !== Infinity && Date.now() >= dieAt) throw new Error(`injected fault (${d.dieAfterMs} ms after the start)`);
  if (d.dieAfterMessages !== undefined && !doomed && traffic() >= d.dieAfterMessages) {
    if (!d.terminateToDie) throw new Error(`injected fault (after ${d.dieAfterMessages} messages)`);
    doomed = true; // it runs on until the board has terminated it
    post({ kind: 'doomed', core: d.core });
  }
  const now = kernel.now();
  if (now >= d.maxCycles) {
    // parked at the cycle limit: nothing more runs here
    setState(CoreState.Parked);
    Atomics.wait(words, bell, Atomics.load(words, bell), 100);
    continue;
  }
  const r = kernel.run(Math.min(d.maxCycles, now + d.quantum));
  monitor.turn();
  postTrace(false);
  if (r !== RUN_IDLE || kernel.runnable() > 0 || monitor.busy) continue;
  // poll-then-block: a bounded spin on the doorbell, then sleep until a sender rings it
  for (let i = 0; i < DOORBELL_SPIN_POLLS && Atomics.load(words, bell) === 0; i++);
  if (Atomics.load(words, bell) !== 0) continue;
  postTrace(true);
  Atomics.store(words, asleep, 1);
  setState(CoreState.Asleep);
  if (Atomics.load(words, bell) === 0 && Atomics.load(ctl, CTL_STOP) === 0) Atomics.wait(words, bell, 0, 200);
  Atomics.store(words, asleep, 0);
  setState(CoreState.Running);
}
setState(CoreState.Done);
postTrace(true);
post({ kind: 'done', core: d.core });
