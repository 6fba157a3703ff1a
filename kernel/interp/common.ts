// What every ISA's interpreter shares: entering and leaving a dispatcher (clock, counters,
// a pending system-call result) and turning a fault into a stop. The instructions
// themselves are in kernel/interp/<isa>.ts, one case each, as isa/<isa>.ts specifies them.
import { clock, coreBase, setClock } from "../core";
import { PAGE_MASK } from "../shared/addrspace";
import { recordFault } from "../dispatcher";
import { STOP_FAULT, STOP_TRACKED } from "../shared/kabi";
import {
  C_INSTRET, C_SCRATCH, D_ASID, D_CYCLES, D_INSTRET, D_PC, D_PTROOT, D_RESULT, D_RESULT_PENDING,
} from "../shared/layout";
import {
  TRACKED, clearFault, enterAddressSpace, faultAddr, faultCode, trExec, trRead, trWrite,
} from "../vm";

// Why an instruction loop stopped when what comes next needs a call: r32's loop makes none
// (so V8 keeps its state in registers) and handles these after it, then resumes. A loop takes
// this form only where `npm run bench -- compare` shows it pays (not a32's, more in locals).
export const PENDING_MISS: i32 = -1;   // a TLB miss at maddr (access macc): walk the page table
export const PENDING_FAULT: i32 = -2;  // fault fcode at faddr
export const PENDING_SYS: i32 = -3;    // `sys n`: check n, then stop with STOP_SYS

/** Starts running dispatcher d: switches to its address space. */
export function enter(d: usize): void {
  enterAddressSpace(load<u32>(d + D_ASID), load<u32>(d + D_PTROOT));
  clearFault();
  memOk = true;
}

/** True if a system call result waits to be delivered; result() gives it. Clears the flag. */
@inline export function takePending(d: usize): bool {
  if (load<u32>(d + D_RESULT_PENDING) == 0) return false;
  store<u32>(d + D_RESULT_PENDING, 0);
  return true;
}

@inline export function pendingResult(d: usize): u32 {
  return load<u32>(d + D_RESULT);
}

/** Stops running dispatcher d at pc after `cycles` (since `start`) and `n` instructions. */
export function leave(d: usize, pc: u32, start: u64, cycles: u64, n: u64): void {
  store<u32>(d + D_PC, pc);
  setClock(cycles);
  store<u64>(d + D_CYCLES, load<u64>(d + D_CYCLES) + (cycles - start));
  store<u64>(d + D_INSTRET, load<u64>(d + D_INSTRET) + n);
  store<u64>(coreBase + C_INSTRET, load<u64>(coreBase + C_INSTRET) + n);
}

/** The core clock when a dispatcher starts running. */
@inline export function startClock(): u64 {
  return clock();
}

/** Stop after a failed translation (vm.ts recorded code and address) at pc. */
export function memFault(d: usize, pc: u32): i32 {
  if (faultCode == TRACKED) return STOP_TRACKED;
  recordFault(d, faultCode, faultAddr, pc);
  return STOP_FAULT;
}

/** Stop with fault `code` at `addr` for the instruction at pc. */
export function faultAt(d: usize, code: i32, addr: u32, pc: u32): i32 {
  recordFault(d, code, addr, pc);
  return STOP_FAULT;
}

/**
 * The bytes of the instruction at pc when the fast path cannot take them from one page:
 * assembles them in the core's scratch line, fetching only as many bytes as the opcode's
 * size (so an instruction ending just before an unmapped page is fine). Returns a pointer to
 * them, or 0 with the fault recorded by vm.ts.
 */
export function fetchSlow(pc: u32, sizeTable: usize): usize {
  const p0 = trExec(pc);
  if (p0 == 0) return 0;
  const op = load<u8>(p0);
  const size = <u32>load<u8>(sizeTable + op);
  const buf = coreBase + C_SCRATCH;
  store<u8>(buf, op);
  for (let i: u32 = 1; i < size; i++) {
    const p = trExec(pc + i);
    if (p == 0) return 0;
    store<u8>(buf + i, load<u8>(p));
  }
  return buf;
}

// ── data access for ISAs that allow unaligned access (s32) ─────────────────────────
// Reads report failure through memOk (set false; the interpreter stops at once and
// enter() resets it); writes return whether they happened. An access that straddles two
// pages checks both before touching either.

/** false after a failed read; the fault is recorded by vm.ts */
export let memOk: bool = true;

@inline export function rd32(va: u32): u32 {
  if ((va & PAGE_MASK) <= PAGE_MASK - 3) {
    const p = trRead(va);
    if (p != 0) return load<u32>(p);
    memOk = false;
    return 0;
  }
  return readSlow(va, 4);
}

@inline export function rd16(va: u32): u32 {
  if ((va & PAGE_MASK) != PAGE_MASK) {
    const p = trRead(va);
    if (p != 0) return <u32>load<u16>(p);
    memOk = false;
    return 0;
  }
  return readSlow(va, 2);
}

@inline export function rd8(va: u32): u32 {
  const p = trRead(va);
  if (p != 0) return <u32>load<u8>(p);
  memOk = false;
  return 0;
}

function readSlow(va: u32, n: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const p = trRead(va + i);
    if (p == 0) { memOk = false; return 0; }
    v |= <u32>load<u8>(p) << (i << 3);
  }
  return v;
}

@inline export function wr32(va: u32, v: u32): bool {
  if ((va & PAGE_MASK) <= PAGE_MASK - 3) {
    const p = trWrite(va);
    if (p == 0) return false;
    store<u32>(p, v);
    return true;
  }
  return writeSlow(va, v, 4);
}

@inline export function wr16(va: u32, v: u32): bool {
  if ((va & PAGE_MASK) != PAGE_MASK) {
    const p = trWrite(va);
    if (p == 0) return false;
    store<u16>(p, <u16>v);
    return true;
  }
  return writeSlow(va, v, 2);
}

@inline export function wr8(va: u32, v: u32): bool {
  const p = trWrite(va);
  if (p == 0) return false;
  store<u8>(p, <u8>v);
  return true;
}

function writeSlow(va: u32, v: u32, n: u32): bool {
  if (!writableRange(va, n)) return false;
  for (let i: u32 = 0; i < n; i++) store<u8>(trWrite(va + i), <u8>(v >>> (i << 3)));
  return true;
}

/**
 * True if the n (≤ 4096) bytes at va can be written: checks the page of va and, if the range
 * reaches into the next page, that page from its first byte (the address a fault reports).
 */
export function writableRange(va: u32, n: u32): bool {
  if (trWrite(va) == 0) return false;
  const last = (va + n - 1) & ~PAGE_MASK;
  return last == (va & ~PAGE_MASK) || trWrite(last) != 0;
}
