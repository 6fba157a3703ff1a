// Virtual memory on this core: a software TLB in front of the two-level page tables
// (layout in shared/layout.ts). Translation returns the physical address — an offset into
// the shared memory — or 0 after recording why it failed; 0 is never a frame address.
import { count, stallFor, tlbExec, tlbRead, tlbWrite } from "./core";
import { TOUCH_READ, TOUCH_RMW, TOUCH_STORE, coherent, touch } from "./coherence";
import { PAGE_MASK, STACKS_BASE, STACKS_END } from "./shared/addrspace";
import {
  FAULT_NOEXEC, FAULT_READONLY, FAULT_STACK_OVERFLOW, FAULT_UNMAPPED,
} from "./shared/faults";
import {
  C_TLB_MISSES, PTE_EXEC, PTE_FLAGS, PTE_PRESENT, PTE_SHARED, PTE_WRITE, TLB_ENTRIES, TLB_INVALID,
  pdeAddr, pteAddr,
} from "./shared/layout";

/** address space id and page directory of the dispatcher running now */
export let asid: u32 = 0;
export let ptRoot: u32 = 0;

/** why the last translation failed: FAULT_* code and the address */
export let faultCode: i32 = 0;
export let faultAddr: u32 = 0;

/** not a fault: an access to a shared page the cost model must see (STOP_TRACKED) */
export const TRACKED: i32 = -1;

/**
 * Accesses to shared pages are allowed (and charged) only while this is set: while the
 * kernel works on a dispatcher's memory, and for the one instruction sched.ts step() redoes.
 */
export let allowTracked: bool = false;
let trackedStall: u64 = 0;

/** no page held (a page's address is a multiple of its size) */
const NONE_HELD: u32 = 1;
/** shared pages whose translation miss(…, hold) put in the TLB until userAccess(false) */
let heldCode: u32 = NONE_HELD;
let heldData: u32 = NONE_HELD;

/**
 * Starts (on) or ends (off) kernel work on user memory; the end charges the stalls and drops
 * the translations of shared pages held for it.
 */
export function userAccess(on: bool): void {
  allowTracked = on;
  if (!on) {
    stallFor(trackedStall);
    trackedStall = 0;
    if (heldCode != NONE_HELD) flushPage(asid, heldCode);
    if (heldData != NONE_HELD) flushPage(asid, heldData);
    heldCode = heldData = NONE_HELD;
  }
}

export const ACC_READ: u32 = 0;
export const ACC_WRITE: u32 = 1;
export const ACC_EXEC: u32 = 2;
/** an atomic read-modify-write: a write that waits for the line (the cost model tells) */
export const ACC_RMW: u32 = 3;

export function enterAddressSpace(id: u32, root: u32): void {
  asid = id;
  ptRoot = root;
}

/**
 * Records a fault for the interpreter to report; returns 0 so callers can `return fault(..)`.
 * The first fault since clearFault() wins: an instruction stops at its first failing access.
 */
export function fault(code: i32, addr: u32): usize {
  if (faultCode == 0) {
    faultCode = code;
    faultAddr = addr;
  }
  return 0;
}

export function clearFault(): void {
  faultCode = 0;
  faultAddr = 0;
}

// The TLB entry for va: index = page number mod TLB_ENTRIES, 8 bytes each.
@inline function entry(tlb: usize, va: u32): usize {
  return tlb + ((va >>> 9) & ((TLB_ENTRIES - 1) << 3));
}

@inline function tag(va: u32): u32 {
  return (va & ~PAGE_MASK) | asid;
}

/**
 * The physical address TLB `tlb` (tlbRead, tlbWrite or tlbExec) holds for va in the address
 * space running, or 0 if it holds none (nothing recorded: miss() is the slow path). The
 * tr*() functions below make the same probe in the form that compiles best where they are
 * inlined with their miss() call: merge the two only if `npm run bench -- compare` shows no loss.
 */
@inline export function tlbLookup(tlb: usize, va: u32): usize {
  const e = entry(tlb, va);
  return load<u32>(e) == tag(va) ? <usize>load<u32>(e, 4) + (va & PAGE_MASK) : 0;
}

/** Physical address for reading va, or 0 (fault recorded). */
@inline export function trRead(va: u32): usize {
  const e = entry(tlbRead, va);
  if (load<u32>(e) == tag(va)) return <usize>load<u32>(e, 4) + (va & PAGE_MASK);
  return miss(va, ACC_READ);
}

/** Physical address for writing va, or 0 (fault recorded). */
@inline export function trWrite(va: u32): usize {
  const e = entry(tlbWrite, va);
  if (load<u32>(e) == tag(va)) return <usize>load<u32>(e, 4) + (va & PAGE_MASK);
  return miss(va, ACC_WRITE);
}

/** Physical address for an atomic read-modify-write of va, or 0 (fault recorded). */
@inline export function trAtomic(va: u32): usize {
  const e = entry(tlbWrite, va);
  if (load<u32>(e) == tag(va)) return <usize>load<u32>(e, 4) + (va & PAGE_MASK);
  return miss(va, ACC_RMW);
}

/** Physical address for fetching an instruction at va, or 0 (fault recorded). */
@inline export function trExec(va: u32): usize {
  const e = entry(tlbExec, va);
  if (load<u32>(e) == tag(va)) return <usize>load<u32>(e, 4) + (va & PAGE_MASK);
  return miss(va, ACC_EXEC);
}

/** The page-table entry for va, or 0 if unmapped (or the tables point outside memory). */
function walk(va: u32): u32 {
  const memEnd = <usize>memory.size() << 16;
  const pdeAt = <usize>pdeAddr(ptRoot, va);
  if (pdeAt + 4 > memEnd) return 0;
  const pde = load<u32>(pdeAt);
  if ((pde & PTE_PRESENT) == 0) return 0;
  const pteAt = <usize>pteAddr(pde & ~PTE_FLAGS, va);
  if (pteAt + 4 > memEnd) return 0;
  const pte = load<u32>(pteAt);
  if ((pte & PTE_PRESENT) == 0) return 0;
  if (<usize>(pte & ~PTE_FLAGS) + PAGE_MASK + 1 > memEnd) return 0;
  return pte;
}

/**
 * TLB miss: walk the page table, check the access, fill the TLB. A shared page's translation
 * is never kept (every access must reach the cost model) unless `hold`: an interpreter that
 * only runs from its TLB asks for that for the one instruction sched.ts step() redoes, and
 * userAccess(false) right after drops it.
 */
export function miss(va: u32, acc: u32, hold: bool = false): usize {
  count(C_TLB_MISSES);
  const pte = walk(va);
  if (pte == 0) {
    return fault(va >= STACKS_BASE && va < STACKS_END ? FAULT_STACK_OVERFLOW : FAULT_UNMAPPED, va);
  }
  if ((acc == ACC_WRITE || acc == ACC_RMW) && (pte & PTE_WRITE) == 0) return fault(FAULT_READONLY, va);
  if (acc == ACC_EXEC && (pte & PTE_EXEC) == 0) return fault(FAULT_NOEXEC, va);
  const frame = pte & ~PTE_FLAGS;
  if ((pte & PTE_SHARED) != 0 && coherent) {
    // never cached in the TLB: every access is seen by the cost model
    if (!allowTracked) return fault(TRACKED, va);
    trackedStall += touch(<usize>frame + (va & PAGE_MASK), acc == ACC_READ ? TOUCH_READ : acc == ACC_RMW ? TOUCH_RMW : TOUCH_STORE);
    if (hold) {
      fill(va, acc, frame);
      if (acc == ACC_EXEC) heldCode = va & ~PAGE_MASK;
      else heldData = va & ~PAGE_MASK;
    }
    return <usize>frame + (va & PAGE_MASK);
  }
  fill(va, acc, frame);
  return <usize>frame + (va & PAGE_MASK);
}

/** Puts va's page (in `frame`) in the TLBs access `acc` looks in. */
function fill(va: u32, acc: u32, frame: u32): void {
  const t = tag(va);
  let e = entry(tlbRead, va);
  store<u32>(e, t);
  store<u32>(e, frame, 4);
  if (acc == ACC_WRITE || acc == ACC_RMW) {
    e = entry(tlbWrite, va);
    store<u32>(e, t);
    store<u32>(e, frame, 4);
  } else if (acc == ACC_EXEC) {
    e = entry(tlbExec, va);
    store<u32>(e, t);
    store<u32>(e, frame, 4);
  }
}

/** Drops every TLB entry of address space `id` (after its page table changed). */
export function flushAsid(id: u32): void {
  for (let i: u32 = 0; i < 3 * TLB_ENTRIES; i++) {
    const e = tlbRead + (<usize>i << 3);
    if ((load<u32>(e) & PAGE_MASK) == id) store<u32>(e, TLB_INVALID);
  }
}

/** Drops the TLB entries for the page holding va in address space `id`. */
export function flushPage(id: u32, va: u32): void {
  const t = (va & ~PAGE_MASK) | id;
  dropEntry(entry(tlbRead, va), t);
  dropEntry(entry(tlbWrite, va), t);
  dropEntry(entry(tlbExec, va), t);
}

@inline function dropEntry(e: usize, t: u32): void {
  if (load<u32>(e) == t) store<u32>(e, TLB_INVALID);
}

/** True if all n bytes at va are mapped readable (n may be 0). */
export function readable(va: u32, n: u32): bool {
  return mapped(va, n, false);
}

/** True if all n bytes at va are mapped writable (n may be 0). */
export function writable(va: u32, n: u32): bool {
  return mapped(va, n, true);
}

// Checks va's page, then every further page of the range from its first byte (so a fault
// records the first address that cannot be accessed).
function mapped(va: u32, n: u32, write: bool): bool {
  if (n == 0) return true;
  const last = va + n - 1;
  if (last < va) return false; // wraps around the address space
  for (let p = va & ~PAGE_MASK; ; p += PAGE_MASK + 1) {
    const at = p < va ? va : p;
    if ((write ? trWrite(at) : trRead(at)) == 0) return false;
    if (p >= (last & ~PAGE_MASK)) break;
  }
  return true;
}

/**
 * Copies up to 8 instruction bytes at pc into dst (unreadable bytes read as 0). Overwrites
 * faultCode/faultAddr: save them first.
 */
export function copyInsn(dst: usize, pc: u32): void {
  for (let i: u32 = 0; i < 8; i++) {
    const p = trExec(pc + i);
    store<u8>(dst + i, p ? load<u8>(p) : 0);
  }
}
