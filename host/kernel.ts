// The Wasm/host boundary, host side: the exports of kernel-<isa>.wasm and the imports the
// host provides to it (kernel/host.ts and kernel/api.ts are the other side). Every call
// between the TypeScript host and a core's kernel goes through these two interfaces.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type { IsaName } from '../isa/index.js';
import { kernelWasmPath } from './paths.js';

/** What a core's kernel instance exports (kernel/main-<isa>.ts, kernel/api.ts). */
export interface KernelExports {
  /** binds the instance to a core; `period` is its clock period in picoseconds */
  init(core: number, base: number, period: number): void;
  /** runs until the core clock reaches `limit`: RUN_LIMIT or RUN_IDLE (shared/kabi.ts) */
  run(limit: number): number;
  dispatcher_create(id: number, asid: number, root: number, entry: number, arg: number, stackSlot: number): number;
  debug_run(slot: number, until: number): number;
  complete(slot: number, result: number): void;
  fault(slot: number, code: number, addr: number): void;
  now(): number;
  idle_until(t: number): void;
  tlb_flush(asid: number): void;
  tlb_flush_page(asid: number, va: number): void;
  /** dispatchers that can run now */
  runnable(): number;
  // channels, for the monitor (kernel/channel.ts)
  chan_init(c: number, nslots: number, a: number, b: number): void;
  ep_open(c: number, side: number, peer: number, ownerSlot: number, ownerId: number): number;
  /** closes side `side` of channel c, which has no endpoint (never opened, or its core died) */
  chan_close(c: number, side: number): void;
  /** which sides of channel c have closed: bit 0 side A, bit 1 side B */
  chan_closed(c: number): number;
  /** sends the first n words of the message buffer: 0, -1 (no room now) or an E_* error */
  mon_send(h: number, n: number, type: number): number;
  /** one complete message into the message buffer: (type << 16) | words, or -1 */
  mon_recv(h: number): number;
  doorbell_take(bits: number): number;
  charge(cycles: number): void;
  /** starts trace records in the core's buffer (kernel/shared/trace.ts); wall: 1 = stamp them
   *  with host_time() instead of the core's cycles */
  trace_start(wall: number): void;
  /** publishes n words of the message buffer and `seq` in a shared line (cost model sees it) */
  line_write(line: number, n: number, seq: number): void;
  /** reads a shared line into the message buffer; returns its sequence word */
  line_read(line: number): number;
  doorbell_ring(core: number, bits: number): void;
  // micro-benchmark loops over the fast path (kernel/bench.ts)
  bench_ping(c: number, side: number, peer: number, n: number): number;
  bench_pong(c: number, side: number, peer: number, n: number): void;
  bench_send(c: number, side: number, n: number): void;
  bench_send_batched(c: number, side: number, n: number, batch: number): void;
  bench_recv(c: number, side: number, peer: number, n: number): number;
}

/** What the host provides to a core's kernel instance (kernel/host.ts). */
export interface KernelImports {
  /** dispatcher `slot` wrote `len` bytes into the core's console buffer */
  host_console(slot: number, len: number): void;
  /** dispatcher `slot` exited or faulted (EV_*) */
  host_event(kind: number, slot: number): void;
  /** serve system call `num` of dispatcher `slot`: HS_DONE or HS_BLOCKED */
  host_syscall(slot: number, num: number): number;
  /** this kernel rang core `core`'s doorbell */
  host_wake(core: number): void;
  /** wall-clock nanoseconds since the run began, for trace records (parallel mode only) */
  host_time?(): number;
}

const modules = new Map<IsaName, WebAssembly.Module>();

/**
 * The compiled kernel for an ISA (compiled once per process, then shared by every core).
 * Compiled by V8's optimising compiler up front (--no-liftoff, for the whole process): a
 * kernel takes about a millisecond that way, and a core then runs optimised code from its
 * first instruction instead of V8's baseline code until a function tiers up, which it does
 * only between calls. This is for the first instructions, not for steady-state speed (which
 * `npm run bench -- compare` measures).
 */
export function kernelModule(isa: IsaName): WebAssembly.Module {
  let m = modules.get(isa);
  if (!m) {
    setFlagsFromString('--no-liftoff');
    const path = kernelWasmPath(isa);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch {
      throw new Error(`the ${isa} kernel is not built (${path}): run \`npm run build\``);
    }
    m = new WebAssembly.Module(bytes);
    modules.set(isa, m);
  }
  return m;
}

/** Instantiates a core's kernel on the machine memory and binds it to core `core`. */
export function instantiateKernel(
  module: WebAssembly.Module, memory: WebAssembly.Memory, imports: KernelImports,
): KernelExports {
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      host_console: imports.host_console,
      host_event: imports.host_event,
      host_syscall: imports.host_syscall,
      host_wake: imports.host_wake,
      // only called while tracing with wall-clock stamps
      host_time: imports.host_time ?? (() => 0),
    },
  });
  return instance.exports as unknown as KernelExports;
}
