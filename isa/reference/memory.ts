// Guest memory as the reference interpreter sees it: virtual addresses translated through the
// program's two-level page table (isa/pagetable.ts) over a DataView of physical memory, and
// per-instruction transactions that make "an instruction that faults has no effect" true by
// construction: every access is checked when the semantics makes it, writes are only staged,
// and the staged writes reach memory only when the whole instruction has succeeded.
import { walk } from '../pagetable.js';
import { PAGE_MASK, STACKS_BASE, STACKS_END } from '../../kernel/shared/addrspace.js';
import {
  FAULT_MISALIGNED, FAULT_NOEXEC, FAULT_READONLY, FAULT_STACK_OVERFLOW, FAULT_UNMAPPED,
} from '../../kernel/shared/faults.js';
import { PTE_EXEC, PTE_WRITE } from '../../kernel/shared/layout.js';

/**
 * Thrown by any check that fails during an instruction; `step` turns it into a
 * `{ fault, addr }` result and throws the instruction's work away.
 */
export class GuestFault extends Error {
  constructor(readonly code: number, readonly addr: number) {
    super(`guest fault ${code} at 0x${(addr >>> 0).toString(16)}`);
  }
}

export type AccessKind = 'read' | 'write' | 'exec';

/** A program's address space: physical memory and the physical address of its page directory. */
export class GuestMemory {
  constructor(readonly phys: DataView, readonly root: number) {}

  /**
   * Physical address of the byte at `va` for an access of `kind`, or a GuestFault at `va`.
   * The checks, in order: mapped (else stack overflow inside the stacks region — the
   * unmapped pages there are the guard pages — and unmapped elsewhere), then writable for
   * a write, executable for a fetch. Every present page is readable.
   */
  translate(va: number, kind: AccessKind): number {
    va >>>= 0;
    const m = walk(this.phys, this.root, va);
    if (!m) throw new GuestFault(STACKS_BASE <= va && va < STACKS_END ? FAULT_STACK_OVERFLOW : FAULT_UNMAPPED, va);
    if (kind === 'write' && (m.flags & PTE_WRITE) === 0) throw new GuestFault(FAULT_READONLY, va);
    if (kind === 'exec' && (m.flags & PTE_EXEC) === 0) throw new GuestFault(FAULT_NOEXEC, va);
    return m.frame + (va & PAGE_MASK);
  }
}

/**
 * The memory accesses of one instruction. Sizes are 1, 2 or 4 bytes, little-endian; values
 * are returned unsigned. An access is checked byte by byte, lowest address first (addresses
 * wrap around at 2³²), so a fault reports the first byte that fails: the address of the
 * access itself, or — when only the second page of an access spanning two pages fails —
 * the first byte of that page. Alignment is checked before any translation.
 */
export class Transaction {
  /** staged writes: physical byte address → byte value */
  private readonly staged = new Map<number, number>();

  constructor(readonly mem: GuestMemory, private readonly alignedData: boolean) {}

  /** Reads `size` bytes at `va` (a data read: alignment enforced if the ISA wants it). */
  load(va: number, size: number): number {
    this.checkAlignment(va, size, this.alignedData);
    return this.readBytes(this.translateAll(va, size, 'read'));
  }

  /** Stages a write of the low `size` bytes of `value` at `va`. */
  store(va: number, size: number, value: number): void {
    this.checkAlignment(va, size, this.alignedData);
    this.writeBytes(this.translateAll(va, size, 'write'), value);
  }

  /**
   * An atomic read-modify-write of the word at `va`: returns the old value and stages
   * `update(old)`. Atomics are 4-aligned on every ISA, and need write permission even when
   * `update` leaves the value as it was (a failed compare-and-swap still faults on a
   * read-only page), so the outcome never depends on the data.
   */
  rmw32(va: number, update: (old: number) => number): number {
    this.checkAlignment(va, 4, true);
    const phys = this.translateAll(va, 4, 'write');
    const old = this.readBytes(phys);
    this.writeBytes(phys, update(old));
    return old;
  }

  /** Instruction bytes: `size` bytes at `va`, from executable pages. */
  fetch(va: number, size: number): Uint8Array {
    const phys = this.translateAll(va, size, 'exec');
    return Uint8Array.from(phys, (p) => this.byteAt(p));
  }

  /** Makes the staged writes real; called once the instruction has fully succeeded. */
  commit(): void {
    for (const [p, b] of this.staged) this.mem.phys.setUint8(p, b);
    this.staged.clear();
  }

  private checkAlignment(va: number, size: number, aligned: boolean): void {
    if (aligned && size > 1 && (va >>> 0) % size !== 0) throw new GuestFault(FAULT_MISALIGNED, va >>> 0);
  }

  private translateAll(va: number, size: number, kind: AccessKind): number[] {
    const out: number[] = [];
    for (let i = 0; i < size; i++) out.push(this.mem.translate((va + i) >>> 0, kind));
    return out;
  }

  /** A byte as this instruction sees it: its own staged writes first. */
  private byteAt(p: number): number {
    return this.staged.get(p) ?? this.mem.phys.getUint8(p);
  }

  private readBytes(phys: number[]): number {
    let v = 0;
    for (let i = phys.length - 1; i >= 0; i--) v = v * 256 + this.byteAt(phys[i]);
    return v;
  }

  private writeBytes(phys: number[], value: number): void {
    phys.forEach((p, i) => this.staged.set(p, (value >>> (8 * i)) & 0xff));
  }
}
