// The machine's one shared WebAssembly.Memory, sized and laid out at boot as
// kernel/shared/layout.ts draws it. The host reads and writes it through this view; it never
// hard-codes an offset.
import { PAGE_SIZE } from '../kernel/shared/addrspace.js';
import {
  CORE_SIZE, CORES_BASE, C_CLOCK, C_FAULTS, C_IDLE, C_INSTRET, C_SWITCHES, C_SYSCALLS,
  C_TLB_MISSES, MACHINE_BASE, MACHINE_MAGIC, MF_PARALLEL, M_CHANNELS_BASE, M_FLAGS,
  M_FRAMES_BASE, M_FRAMES_END, M_MAGIC, M_MEM_PAGES, M_NCORES, M_TIMESLICE, WASM_PAGE,
  coreBlock,
} from '../kernel/shared/layout.js';
import { DEFAULT_TIMESLICE } from '../kernel/shared/costs.js';

/** The module maximum of every kernel (kernel/build.ts): a machine's memory cannot exceed it. */
export const MAX_MEMORY_PAGES = 32768;

export interface MemoryPlan {
  readonly ncores: number;
  /** bytes of physical frames for page tables and programs */
  readonly frameBytes: number;
  readonly timeslice?: number;
  readonly parallel?: boolean;
}

export interface Layout {
  readonly ncores: number;
  readonly channelsBase: number;
  readonly framesBase: number;
  readonly framesEnd: number;
  readonly pages: number;
}

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;

/** Where each region goes for a machine of `plan.ncores` cores. */
export function planLayout(plan: MemoryPlan): Layout {
  const coresEnd = CORES_BASE + plan.ncores * CORE_SIZE;
  const channelsBase = alignUp(coresEnd, PAGE_SIZE);
  const framesBase = channelsBase; // (URPC rings will sit between)
  const framesEnd = alignUp(framesBase + plan.frameBytes, WASM_PAGE);
  const pages = framesEnd / WASM_PAGE;
  if (pages > MAX_MEMORY_PAGES) {
    throw new RangeError(`a machine of ${plan.ncores} cores with ${plan.frameBytes >> 20} MiB of frames needs more than 2 GiB`);
  }
  return { ncores: plan.ncores, channelsBase, framesBase, framesEnd, pages };
}

/** The machine memory and a view of it. */
export class MachineMemory {
  readonly memory: WebAssembly.Memory;
  readonly view: DataView;
  readonly bytes: Uint8Array;
  readonly layout: Layout;

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
    v.setUint32(MACHINE_BASE + M_FLAGS, plan.parallel ? MF_PARALLEL : 0, true);
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
      faults: this.u32(b + C_FAULTS),
      syscalls: this.u32(b + C_SYSCALLS),
      switches: this.u32(b + C_SWITCHES),
      tlbMisses: this.u32(b + C_TLB_MISSES),
    };
  }
}

export interface CoreStats {
  cycles: number;
  instructions: number;
  idle: number;
  faults: number;
  syscalls: number;
  switches: number;
  tlbMisses: number;
}
