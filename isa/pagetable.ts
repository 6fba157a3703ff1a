// Page tables, the memory-management format every ISA shares: two levels over a 32-bit
// virtual address, laid out in physical frames exactly as kernel/shared/layout.ts draws it.
// The OS builds them (host/os/address-space.ts), the reference interpreter walks them with
// walk(), and the kernel's own walk (kernel/vm.ts) reads the same bits.
import {
  PTE_EXEC, PTE_FLAGS, PTE_PRESENT, PTE_WRITE, pdeAddr, pteAddr,
} from '../kernel/shared/layout.js';
import { PAGE_MASK, PAGE_SIZE } from '../kernel/shared/addrspace.js';

export { PTE_EXEC, PTE_PRESENT, PTE_WRITE };

/** Hands out zeroed physical frames (page-aligned physical addresses). */
export interface FrameSource {
  allocFrame(): number;
}

/** Atomic access to page-table words: monitors on other cores may map into the same table. */
function words(mem: DataView): Int32Array {
  return new Int32Array(mem.buffer, 0, mem.buffer.byteLength >> 2);
}

export interface Mapping {
  /** physical address of the frame */
  readonly frame: number;
  /** PTE_* flags */
  readonly flags: number;
}

/** The mapping of the page holding `va`, or null if unmapped. */
export function walk(mem: DataView, root: number, va: number): Mapping | null {
  const pde = mem.getUint32(pdeAddr(root, va >>> 0), true);
  if ((pde & PTE_PRESENT) === 0) return null;
  const pte = mem.getUint32(pteAddr((pde & ~PTE_FLAGS) >>> 0, va >>> 0), true);
  if ((pte & PTE_PRESENT) === 0) return null;
  return { frame: (pte & ~PTE_FLAGS) >>> 0, flags: pte & PTE_FLAGS };
}

/** Maps the page holding `va` to `frame` with `flags` (PTE_PRESENT is added). */
export function mapPage(mem: DataView, frames: FrameSource, root: number, va: number, frame: number, flags: number): void {
  if (frame & PAGE_MASK) throw new Error(`frame 0x${frame.toString(16)} is not page aligned`);
  const pdeAt = pdeAddr(root, va >>> 0);
  let pde = mem.getUint32(pdeAt, true);
  if ((pde & PTE_PRESENT) === 0) {
    // install a new page table — unless another monitor installs one first (then use that)
    const table = (frames.allocFrame() | PTE_PRESENT) >>> 0;
    const was = Atomics.compareExchange(words(mem), (mem.byteOffset + pdeAt) >> 2, pde | 0, table | 0) >>> 0;
    pde = was === pde ? table : was; // (the lost table frame stays with the caller's ledger)
  }
  const pteAt = pteAddr((pde & ~PTE_FLAGS) >>> 0, va >>> 0);
  mem.setUint32(pteAt, (frame | (flags & PTE_FLAGS) | PTE_PRESENT) >>> 0, true);
}

/** Adds `flags` to the mapping of the page holding `va` (if it is mapped). */
export function setPageFlags(mem: DataView, root: number, va: number, flags: number): void {
  const pde = mem.getUint32(pdeAddr(root, va >>> 0), true);
  if ((pde & PTE_PRESENT) === 0) return;
  const pteAt = pteAddr((pde & ~PTE_FLAGS) >>> 0, va >>> 0);
  if (mem.getUint32(pteAt, true) & PTE_PRESENT) Atomics.or(words(mem), (mem.byteOffset + pteAt) >> 2, flags);
}

/** Removes the mapping of the page holding `va`; returns the frame it had, or null. */
export function unmapPage(mem: DataView, root: number, va: number): number | null {
  const pde = mem.getUint32(pdeAddr(root, va >>> 0), true);
  if ((pde & PTE_PRESENT) === 0) return null;
  const pteAt = pteAddr((pde & ~PTE_FLAGS) >>> 0, va >>> 0);
  const pte = mem.getUint32(pteAt, true);
  if ((pte & PTE_PRESENT) === 0) return null;
  mem.setUint32(pteAt, 0, true);
  return (pte & ~PTE_FLAGS) >>> 0;
}

/**
 * Maps `size` bytes at `va` (page aligned) to fresh frames and copies `bytes` (if any) into
 * them.
 */
export function mapRegion(
  mem: DataView, frames: FrameSource, root: number, va: number, size: number, flags: number,
  bytes?: Uint8Array,
): void {
  if (va & PAGE_MASK) throw new Error(`region 0x${va.toString(16)} is not page aligned`);
  const u8 = new Uint8Array(mem.buffer, mem.byteOffset, mem.byteLength);
  for (let off = 0; off < size; off += PAGE_SIZE) {
    const frame = frames.allocFrame();
    mapPage(mem, frames, root, va + off, frame, flags);
    if (bytes && off < bytes.length) u8.set(bytes.subarray(off, Math.min(off + PAGE_SIZE, bytes.length)), frame);
  }
}

/** A frame source over [base, end) of a memory, handing out zeroed frames in order. */
export class BumpFrames implements FrameSource {
  private next: number;
  constructor(private readonly mem: DataView, base: number, private readonly end: number) {
    this.next = base;
  }
  allocFrame(): number {
    if (this.next + PAGE_SIZE > this.end) throw new Error('out of physical frames');
    const f = this.next;
    this.next += PAGE_SIZE;
    new Uint8Array(this.mem.buffer, this.mem.byteOffset + f, PAGE_SIZE).fill(0);
    return f;
  }
  get used(): number {
    return this.next;
  }
}
