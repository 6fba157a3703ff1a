// The machine's one shared WebAssembly.Memory, sized and laid out at boot as
// kernel/shared/layout.ts draws it. The host reads and writes it through this view; it never
// hard-codes an offset.
import { PAGE_SIZE } from '../../kernel/shared/addrspace.js';
import { MONITOR_SLOTS, USER_SLOTS, channelSize } from '../../kernel/shared/channel.js';
import { DEFAULT_TIMESLICE } from '../../kernel/shared/costs.js';
import {
  CORE_SIZE, CORES_BASE, C_CLOCK, C_FAULTS, C_IDLE, C_INSTRET, C_MSGS_RECV, C_MSGS_SENT,
  C_STALL, C_SWITCHES, C_SYSCALLS, C_TLB_MISSES, DIR_ENTRY, LINE_SIZE, MACHINE_BASE,
  MACHINE_MAGIC, MF_COHERENCE, MF_PARALLEL, M_BUDGET, M_CHANNELS_BASE, M_DIR_BASE, M_FLAGS, M_FRAMES_BASE,
  M_FRAMES_END, M_LAT_BASE, M_MAGIC, M_MEM_PAGES, M_NCORES, M_TIMESLICE, MAX_MEMORY_PAGES, WASM_PAGE, coreBlock,
} from '../../kernel/shared/layout.js';

/** Program channels in each core's pool (its monitor hands them out): fewer on big machines. */
export function channelsPerCore(ncores: number): number {
  return Math.max(8, Math.min(64, Math.floor(2048 / ncores)));
}

export interface MemoryPlan {
  readonly ncores: number;
  /** bytes of physical frames for page tables and programs */
  readonly frameBytes: number;
  readonly timeslice?: number;
  /** cycles any one dispatcher may run before it is killed (default: no limit) */
  readonly budget?: number;
  /** parallel mode: no cost model (cache-line transfers are charged only in lockstep) */
  readonly parallel?: boolean;
  /** cycles to move a line from core a to core b */
  readonly latency?: (a: number, b: number) => number;
}

export interface Layout {
  readonly ncores: number;
  readonly latBase: number;
  readonly dirBase: number;
  /** the monitor mesh first (one channel per pair of cores), then the pools */
  readonly channelsBase: number;
  /** the per-core pools of program channels */
  readonly poolsBase: number;
  /** channels in each core's pool */
  readonly poolSize: number;
  /** one cache line per core that its monitor writes once for every other to read */
  readonly broadcastBase: number;
  readonly framesBase: number;
  readonly framesEnd: number;
  readonly pages: number;
}

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;
export const MONITOR_CHANNEL_BYTES = channelSize(MONITOR_SLOTS);
export const USER_CHANNEL_BYTES = channelSize(USER_SLOTS);

/** Where each region goes for a machine of `plan.ncores` cores. */
export function planLayout(plan: MemoryPlan): Layout {
  const n = plan.ncores;
  const latBase = alignUp(CORES_BASE + n * CORE_SIZE, PAGE_SIZE);
  const meshBytes = alignUp((n * (n - 1)) / 2 * MONITOR_CHANNEL_BYTES, PAGE_SIZE);
  const poolSize = channelsPerCore(n);
  const poolBytes = alignUp(n * poolSize * USER_CHANNEL_BYTES, PAGE_SIZE);
  const frameBytes = alignUp(plan.frameBytes, PAGE_SIZE);
  const broadcastBytes = alignUp(n * LINE_SIZE, PAGE_SIZE);
  const tracked = meshBytes + poolBytes + broadcastBytes + frameBytes;
  const dirBase = alignUp(latBase + n * n * 2, PAGE_SIZE);
  const channelsBase = alignUp(dirBase + (tracked / LINE_SIZE) * DIR_ENTRY, PAGE_SIZE);
  const broadcastBase = channelsBase + meshBytes + poolBytes;
  const framesBase = broadcastBase + broadcastBytes;
  const framesEnd = alignUp(framesBase + frameBytes, WASM_PAGE);
  const pages = framesEnd / WASM_PAGE;
  if (pages > MAX_MEMORY_PAGES) {
    throw new RangeError(`a machine of ${n} cores with ${frameBytes >> 20} MiB of frames needs more than 2 GiB`);
  }
  return { ncores: n, latBase, dirBase, channelsBase, poolsBase: channelsBase + meshBytes, poolSize, broadcastBase, framesBase, framesEnd, pages };
}

/** The channel between the monitors of cores a and b (a ≠ b); its side A is the lower core. */
export function monitorChannel(l: Layout, a: number, b: number): number {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const index = lo * l.ncores - (lo * (lo + 1)) / 2 + (hi - lo - 1);
  return l.channelsBase + index * MONITOR_CHANNEL_BYTES;
}

/** Program channel `i` of core `core`'s pool. */
export function poolChannel(l: Layout, core: number, i: number): number {
  return l.poolsBase + (core * l.poolSize + i) * USER_CHANNEL_BYTES;
}

/** The broadcast line of core `core`'s monitor. */
export function broadcastLine(l: Layout, core: number): number {
  return l.broadcastBase + core * LINE_SIZE;
}

/** The frames of core `core`'s share: [start, end). */
export function frameShare(l: Layout, core: number): [number, number] {
  const pages = (l.framesEnd - l.framesBase) / PAGE_SIZE;
  const per = Math.floor(pages / l.ncores);
  const start = l.framesBase + core * per * PAGE_SIZE;
  return [start, core === l.ncores - 1 ? l.framesEnd : start + per * PAGE_SIZE];
}

/** The machine memory and a view of it. */
export class MachineMemory {
  readonly memory: WebAssembly.Memory;
  readonly view: DataView;
  readonly bytes: Uint8Array;
  readonly layout: Layout;

  /** Lays out a new machine memory, or wraps an existing one (a worker's view of it). */
  constructor(plan: MemoryPlan, memory?: WebAssembly.Memory) {
    this.layout = planLayout(plan);
    this.memory = memory ?? new WebAssembly.Memory({
      initial: this.layout.pages, maximum: MAX_MEMORY_PAGES, shared: true,
    });
    this.view = new DataView(this.memory.buffer);
    this.bytes = new Uint8Array(this.memory.buffer);
    if (!memory) this.writeMachineBlock(plan);
  }

  private writeMachineBlock(plan: MemoryPlan): void {
    const v = this.view;
    const l = this.layout;
    v.setUint32(MACHINE_BASE + M_NCORES, l.ncores, true);
    v.setUint32(MACHINE_BASE + M_MEM_PAGES, l.pages, true);
    v.setUint32(MACHINE_BASE + M_CHANNELS_BASE, l.channelsBase, true);
    v.setUint32(MACHINE_BASE + M_FRAMES_BASE, l.framesBase, true);
    v.setUint32(MACHINE_BASE + M_FRAMES_END, l.framesEnd, true);
    v.setUint32(MACHINE_BASE + M_TIMESLICE, plan.timeslice ?? DEFAULT_TIMESLICE, true);
    v.setUint32(MACHINE_BASE + M_FLAGS, plan.parallel ? MF_PARALLEL : MF_COHERENCE, true);
    v.setUint32(MACHINE_BASE + M_LAT_BASE, l.latBase, true);
    v.setUint32(MACHINE_BASE + M_DIR_BASE, l.dirBase, true);
    v.setBigUint64(MACHINE_BASE + M_BUDGET, BigInt(Math.trunc(plan.budget ?? 0)), true);
    for (let a = 0; a < l.ncores; a++) {
      for (let b = 0; b < l.ncores; b++) {
        v.setUint16(l.latBase + (a * l.ncores + b) * 2, Math.min(65535, plan.latency?.(a, b) ?? 0), true);
      }
    }
    v.setUint32(MACHINE_BASE + M_MAGIC, MACHINE_MAGIC, true);
  }

  u32(addr: number): number {
    return this.view.getUint32(addr, true);
  }

  /** A u64 counter as a number (exact below 2^53). */
  u64(addr: number): number {
    return this.view.getUint32(addr, true) + this.view.getUint32(addr + 4, true) * 2 ** 32;
  }

  /** The counters of core `core`'s block. */
  coreStats(core: number): CoreStats {
    const b = coreBlock(core);
    return {
      cycles: this.u64(b + C_CLOCK),
      instructions: this.u64(b + C_INSTRET),
      idle: this.u64(b + C_IDLE),
      stall: this.u64(b + C_STALL),
      faults: this.u32(b + C_FAULTS),
      syscalls: this.u32(b + C_SYSCALLS),
      switches: this.u32(b + C_SWITCHES),
      tlbMisses: this.u32(b + C_TLB_MISSES),
      messagesSent: this.u32(b + C_MSGS_SENT),
      messagesReceived: this.u32(b + C_MSGS_RECV),
    };
  }
}

export interface CoreStats {
  cycles: number;
  instructions: number;
  idle: number;
  stall: number;
  faults: number;
  syscalls: number;
  switches: number;
  tlbMisses: number;
  messagesSent: number;
  messagesReceived: number;
}
