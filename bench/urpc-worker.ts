// One side of a `wasmfish bench urpc` measurement, in its own thread. Each variant is a pair
// of roles: the pinging side times `samples` batches of `batch` round trips; the streaming
// receiver times `samples` batches of `batch` messages. Both start together on the main
// thread's go.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { MAX_BATCH } from '../kernel/shared/channel.js';
import { coreBlock } from '../kernel/shared/layout.js';
import { instantiateKernel } from '../host/hardware/kernel.js';

export type Variant = 'wasm' | 'js' | 'atomics-wait' | 'messageport';
export type Role = 'ping' | 'pong' | 'send' | 'send-batched' | 'recv';

export interface UrpcWorkerData {
  readonly variant: Variant;
  readonly role: Role;
  readonly samples: number;
  readonly batch: number;
  /** wasm: the machine memory, the kernel module, the channel, this side's core */
  readonly memory?: WebAssembly.Memory;
  readonly module?: WebAssembly.Module;
  readonly channel?: number;
  /** js and atomics-wait: the shared buffer */
  readonly sab?: SharedArrayBuffer;
  /** messageport: this side's port */
  readonly port?: MessagePort;
  readonly go: SharedArrayBuffer;
}

const d = workerData as UrpcWorkerData;
const side = d.role === 'ping' || d.role.startsWith('send') ? 0 : 1;
const total = d.samples * d.batch;
const go = new Int32Array(d.go);
const noop = () => 0;

/** Waits for the main thread's start signal. */
function ready(): void {
  Atomics.add(go, 1, 1);
  while (Atomics.load(go, 0) === 0) Atomics.wait(go, 0, 0, 50);
}

/** Per-batch times in ns per round trip (or per message). */
function timeBatches(roundTrips: (n: number) => void): number[] {
  const out: number[] = [];
  for (let s = 0; s < d.samples; s++) {
    const t0 = process.hrtime.bigint();
    roundTrips(d.batch);
    out.push(Number(process.hrtime.bigint() - t0) / d.batch);
  }
  return out;
}

// ── the plain-JS copy of the URPC protocol on a SharedArrayBuffer ────────────────────
// Layout in 32-bit words: two rings of 32 slots × 16 words (header last), then two ack
// words on their own lines.
const SLOTS = 32;
function jsRing(sab: SharedArrayBuffer) {
  const w = new Int32Array(sab);
  const ring = (s: number) => s * SLOTS * 16;
  const ackAt = (s: number) => 2 * SLOTS * 16 + s * 16;
  let tx = 0, txAcked = 0, rx = 0, rxAcked = 0;
  return {
    send(v: number) {
      while (tx - txAcked >= SLOTS) txAcked = Atomics.load(w, ackAt(side ^ 1));
      const slot = ring(side) + (tx % SLOTS) * 16;
      w[slot] = v;
      Atomics.store(w, slot + 15, ((tx + 1) & 0x7fffffff) | 0); // the header, last
      tx++;
    },
    recv(): number {
      const slot = ring(side ^ 1) + (rx % SLOTS) * 16;
      while (Atomics.load(w, slot + 15) !== ((rx + 1) & 0x7fffffff)) {}
      const v = w[slot];
      rx++;
      if (rx - rxAcked >= SLOTS / 2) { Atomics.store(w, ackAt(side), rx); rxAcked = rx; }
      return v;
    },
  };
}

function run(): { times?: number[]; check?: number } {
  if (d.variant === 'wasm') {
    const k = instantiateKernel(d.module!, d.memory!, { host_console: noop, host_event: noop, host_syscall: noop, host_wake: noop });
    k.init(side, coreBlock(side), 500);
    const c = d.channel!, peer = side ^ 1;
    ready();
    // every side calls in batches: V8 uses its optimised code only from the next call on
    switch (d.role) {
      case 'ping': return { times: timeBatches((n) => k.bench_ping(c, side, peer, n)) };
      case 'pong': for (let s = 0; s < d.samples; s++) k.bench_pong(c, side, peer, d.batch); return {};
      case 'send': for (let s = 0; s < d.samples; s++) k.bench_send(c, side, d.batch); return {};
      case 'send-batched': for (let s = 0; s < d.samples; s++) k.bench_send_batched(c, side, d.batch, MAX_BATCH); return {};
      case 'recv': {
        // the receiver times each sample: ns per message
        let check = 0;
        const times = timeBatches((n) => { check = (check + k.bench_recv(c, side, peer, n)) >>> 0; });
        return { times, check };
      }
    }
  }
  if (d.variant === 'js') {
    const r = jsRing(d.sab!);
    ready();
    switch (d.role) {
      case 'ping': return { times: timeBatches((n) => { for (let i = 0; i < n; i++) { r.send(i); r.recv(); } }) };
      case 'pong': for (let i = 0; i < total; i++) r.send(r.recv() + 1); return {};
      case 'send': for (let s = 0; s < d.samples; s++) for (let i = 0; i < d.batch; i++) r.send(i); return {};
      case 'recv': { let s = 0; const times = timeBatches((n) => { for (let i = 0; i < n; i++) s = (s + r.recv()) | 0; }); return { times, check: s >>> 0 }; }
    }
  }
  if (d.variant === 'atomics-wait') {
    // a flag word: odd = ping's turn done, even = pong's; each side sleeps until its turn
    const w = new Int32Array(d.sab!);
    ready();
    if (d.role === 'ping') {
      let v = 0;
      return { times: timeBatches((n) => { for (let i = 0; i < n; i++) { Atomics.store(w, 0, ++v); Atomics.notify(w, 0); while (Atomics.load(w, 0) === v) Atomics.wait(w, 0, v); v++; } }) };
    }
    for (let i = 0, v = 1; i < total; i++, v += 2) {
      while (Atomics.load(w, 0) !== v) Atomics.wait(w, 0, v - 1);
      Atomics.store(w, 0, v + 1);
      Atomics.notify(w, 0);
    }
    return {};
  }
  return {};
}

if (d.variant === 'messageport') {
  // asynchronous by nature: the pong side answers from its event loop
  const port = d.port!;
  if (d.role === 'pong') {
    let left = total;
    port.on('message', (v: number) => { port.postMessage(v + 1); if (--left === 0) { port.close(); parentPort!.postMessage({}); } });
    ready();
  } else {
    ready();
    const times: number[] = [];
    let s = 0, i = 0, t0 = process.hrtime.bigint();
    port.on('message', () => {
      if (++i === d.batch) {
        times.push(Number(process.hrtime.bigint() - t0) / d.batch);
        i = 0; s++; t0 = process.hrtime.bigint();
        if (s === d.samples) { port.close(); parentPort!.postMessage({ times }); return; }
      }
      port.postMessage(i);
    });
    port.postMessage(0);
  }
} else {
  parentPort!.postMessage(run());
}
