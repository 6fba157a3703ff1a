// This core's identity and its block of shared memory. Wasm globals are per instance, so
// they are safe for per-core scalars; everything else lives in the core block the host hands
// to init(), never in static data (see DESIGN.md "Shared memory").
import {
  C_CLOCK, C_CURRENT, C_DCBS, C_ID, C_ISA, C_LAST, C_PERIOD, C_STALL, C_TLB_EXEC, C_TLB_READ, C_TLB_WRITE, CORE_SIZE,
  DCB_SIZE, MACHINE_BASE, MF_PARALLEL, M_FLAGS, M_NCORES, M_TIMESLICE, NO_SLOT, TLB_ENTRIES,
} from "./shared/layout";

/** this core's number */
export let coreId: u32 = 0;
/** address of this core's block */
export let coreBase: usize = 0;
/** the three software TLBs of this core */
export let tlbRead: usize = 0;
export let tlbWrite: usize = 0;
export let tlbExec: usize = 0;

/** Binds this instance to core `id` whose block is at `base`, and clears the block. */
export function initCore(id: u32, base: usize, isa: i32, period: u32): void {
  coreId = id;
  coreBase = base;
  tlbRead = base + C_TLB_READ;
  tlbWrite = base + C_TLB_WRITE;
  tlbExec = base + C_TLB_EXEC;
  memory.fill(base, 0, CORE_SIZE);
  store<u32>(base + C_ID, id);
  store<u32>(base + C_ISA, <u32>isa);
  store<u32>(base + C_CURRENT, NO_SLOT);
  store<u32>(base + C_LAST, NO_SLOT);
  store<u32>(base + C_PERIOD, period);
  flushAllTlbs();
}

export function flushAllTlbs(): void {
  // every tag TLB_INVALID (all ones): 3 arrays of TLB_ENTRIES × 8 bytes, contiguous
  memory.fill(tlbRead, 0xff, 3 * TLB_ENTRIES * 8);
}

@inline export function dcbAddr(slot: u32): usize {
  return coreBase + C_DCBS + <usize>slot * DCB_SIZE;
}

@inline export function clock(): u64 {
  return load<u64>(coreBase + C_CLOCK);
}

@inline export function setClock(c: u64): void {
  store<u64>(coreBase + C_CLOCK, c);
}

@inline export function ncores(): u32 {
  return load<u32>(MACHINE_BASE + M_NCORES);
}

/** The cores run on worker threads (parallel mode), not in lockstep. */
@inline export function parallelMode(): bool {
  return (load<u32>(MACHINE_BASE + M_FLAGS) & MF_PARALLEL) != 0;
}

@inline export function timeslice(): u64 {
  return <u64>load<u32>(MACHINE_BASE + M_TIMESLICE);
}

/** Adds `n` to the u32 counter at `off` in the core block. */
@inline export function count(off: u32, n: u32 = 1): void {
  store<u32>(coreBase + off, load<u32>(coreBase + off) + n);
}

/** Adds `cycles` spent waiting for cache lines to this core's clock. */
export function stallFor(cycles: u64): void {
  if (cycles == 0) return;
  setClock(clock() + cycles);
  store<u64>(coreBase + C_STALL, load<u64>(coreBase + C_STALL) + cycles);
}
