// The machine's one shared WebAssembly.Memory, sized and laid out at boot as
// kernel/shared/layout.ts draws it and kernel/shared/memplan.ts plans it. The host reads and
// writes it through this view; it never hard-codes an offset.
import { DEFAULT_TIMESLICE } from '../kernel/shared/costs.js';
import {
  C_CLOCK, C_FAULTS, C_IDLE, C_INSTRET, C_MSGS_RECV, C_MSGS_SENT,
  C_STALL, C_SWITCHES, C_SYSCALLS, C_TLB_MISSES, MACHINE_BASE,
  MACHINE_MAGIC, MF_COHERENCE, MF_PARALLEL, M_BUDGET, M_CHANNELS_BASE, M_DIR_BASE, M_FLAGS, M_FRAMES_BASE,
  M_FRAMES_END, M_LAT_BASE, M_MAGIC, M_MEM_PAGES, M_NCORES, M_TIMESLICE, MAX_MEMORY_PAGES, coreBlock,
} from '../kernel/shared/layout.js';
import { type Layout, frameShareEnd, frameShareStart, planLayout } from '../kernel/shared/memplan.js';

export { type Layout, broadcastLine, monitorChannel, poolChannel } from '../kernel/shared/memplan.js';

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

/** The frames of core `core`'s share: [start, end). */
export function frameShare(l: Layout, core: number): [number, number] {
  return [frameShareStart(l, core), frameShareEnd(l, core)];
}

/** The machine memory and a view of it. */
export class MachineMemory {
  readonly memory: WebAssembly.Memory;
  readonly view: DataView;
  readonly bytes: Uint8Array;
  readonly layout: Layout;

  /** Lays out a new machine memory, or wraps an existing one (a worker's view of it). */
  constructor(plan: MemoryPlan, memory?: WebAssembly.Memory) {
    this.layout = planLayout(plan.ncores, plan.frameBytes);
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
