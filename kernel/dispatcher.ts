// Dispatchers on this core: control blocks, the run queue, creation and the end of a
// dispatcher. A dispatcher is a program's presence on one core (Barrelfish's term).
import { coreBase, count, dcbAddr } from "./core";
import { closeOwnedBy } from "./endpoint";
import { hostEvent } from "./host";
import { stackTop } from "./shared/addrspace";
import { EV_EXIT, EV_FAULT } from "./shared/kabi";
import {
  C_CURRENT, C_FAULTS, C_RQ_COUNT, C_RQ_HEAD, C_RUNQ, DCB_SIZE, DS_BLOCKED, DS_EXITED, DS_FAULTED,
  DS_FREE, DS_RUNNABLE, D_ASID, D_BUDGET, D_EXIT_CODE, D_FAULT, D_FAULT_ADDR, D_FAULT_INSN, D_FAULT_PC,
  D_ID, D_PC, D_PTROOT, D_RESULT, D_RESULT_PENDING, D_STACK_SLOT, D_STATE, D_SYS_NUM, D_SYS_PC, MACHINE_BASE,
  MAX_DISPATCHERS, M_BUDGET, NO_SLOT,
} from "./shared/layout";
import { TR_BLOCK, TR_CREATE, TR_EXIT, TR_FAULT, TR_WAKE } from "./shared/trace";
import { traceDispatcher, traceSwitch, tracing } from "./trace";
import { copyInsn, enterAddressSpace } from "./vm";

/** Sets up the ISA's registers for a dispatcher entering `entry` with `arg` (see isa/<name>.ts
 *  "Entry and exit"); false if its stack is not writable. */
export type StartFn = (d: usize, entry: u32, arg: u32, stackTop: u32) => bool;

@inline export function state(d: usize): u32 {
  return load<u32>(d + D_STATE);
}

/** The slot of the running dispatcher, or NO_SLOT. */
@inline export function current(): u32 {
  return load<u32>(coreBase + C_CURRENT);
}

/** Makes `slot` the running dispatcher (NO_SLOT: none): every context switch passes here. */
@inline export function setCurrent(slot: u32): void {
  if (tracing) traceSwitch(current(), slot);
  store<u32>(coreBase + C_CURRENT, slot);
}

// ── run queue: a ring of MAX_DISPATCHERS slot numbers in the core block ─────────────
@inline export function rqCount(): u32 {
  return load<u32>(coreBase + C_RQ_COUNT);
}

export function rqPush(slot: u32): void {
  const head = load<u32>(coreBase + C_RQ_HEAD);
  const n = rqCount();
  store<u32>(coreBase + C_RUNQ + (((head + n) % MAX_DISPATCHERS) << 2), slot);
  store<u32>(coreBase + C_RQ_COUNT, n + 1);
}

export function rqPop(): u32 {
  const head = load<u32>(coreBase + C_RQ_HEAD);
  const slot = load<u32>(coreBase + C_RUNQ + (head << 2));
  store<u32>(coreBase + C_RQ_HEAD, (head + 1) % MAX_DISPATCHERS);
  store<u32>(coreBase + C_RQ_COUNT, rqCount() - 1);
  return slot;
}

/** Removes `slot` from the run queue if it is queued, keeping the others' order. */
function rqRemove(slot: u32): void {
  const n = rqCount();
  for (let i: u32 = 0; i < n; i++) {
    const s = rqPop();
    if (s != slot) rqPush(s);
  }
}

// ── life cycle ─────────────────────────────────────────────────────────────────────
/**
 * Creates a dispatcher of address space `asid` (page directory `root`) that starts at
 * `entry` with `arg` on stack slot `stackSlot`, and queues it. Returns its slot, -1 if this
 * core has no free slot, -2 if its stack is not mapped writable.
 */
export function createDispatcher(
  id: u32, asid: u32, root: u32, entry: u32, arg: u32, stackSlot: u32, start: StartFn,
): i32 {
  let slot: u32 = 0;
  while (slot < MAX_DISPATCHERS && state(dcbAddr(slot)) != DS_FREE) slot++;
  if (slot == MAX_DISPATCHERS) return -1;
  const d = dcbAddr(slot);
  memory.fill(d, 0, DCB_SIZE);
  store<u32>(d + D_ID, id);
  store<u32>(d + D_ASID, asid);
  store<u32>(d + D_PTROOT, root);
  store<u32>(d + D_STACK_SLOT, stackSlot);
  store<u64>(d + D_BUDGET, load<u64>(MACHINE_BASE + M_BUDGET));
  enterAddressSpace(asid, root);
  if (!start(d, entry, arg, stackTop(stackSlot))) return -2;
  store<u32>(d + D_STATE, DS_RUNNABLE);
  rqPush(slot);
  if (tracing) traceDispatcher(TR_CREATE, slot, entry, asid, 0);
  return <i32>slot;
}

/** Hands a system call result to a dispatcher and makes it runnable if it was blocked. */
export function complete(slot: u32, result: u32): void {
  const d = dcbAddr(slot);
  store<u32>(d + D_RESULT, result);
  store<u32>(d + D_RESULT_PENDING, 1);
  if (state(d) == DS_BLOCKED) {
    store<u32>(d + D_STATE, DS_RUNNABLE);
    rqPush(slot);
    if (tracing) traceDispatcher(TR_WAKE, slot, 0, 0, 0);
  }
}

/** Blocks a dispatcher: it leaves the run queue until complete(). */
export function block(slot: u32): void {
  const d = dcbAddr(slot);
  if (state(d) != DS_RUNNABLE) return;
  if (current() == slot) setCurrent(NO_SLOT);
  else rqRemove(slot);
  store<u32>(d + D_STATE, DS_BLOCKED);
  if (tracing) traceDispatcher(TR_BLOCK, slot, load<u32>(d + D_SYS_NUM), 0, 0);
}

/** Records the fault left by the interpreter or a system call (code, address) at pc. */
export function recordFault(d: usize, code: i32, addr: u32, pc: u32): void {
  store<i32>(d + D_FAULT, code);
  store<u32>(d + D_FAULT_ADDR, addr);
  store<u32>(d + D_FAULT_PC, pc);
  store<u32>(d + D_PC, pc);
  enterAddressSpace(load<u32>(d + D_ASID), load<u32>(d + D_PTROOT));
  copyInsn(d + D_FAULT_INSN, pc);
}

/** Ends a dispatcher (exited or faulted), tells the host, and frees its slot. */
export function finish(slot: u32, endState: u32): void {
  const d = dcbAddr(slot);
  const s = state(d);
  if (s == DS_FREE || s == DS_EXITED || s == DS_FAULTED) return;
  if (current() == slot) setCurrent(NO_SLOT);
  else if (s == DS_RUNNABLE) rqRemove(slot);
  store<u32>(d + D_STATE, endState);
  if (endState == DS_FAULTED) count(C_FAULTS);
  if (tracing) {
    if (endState == DS_FAULTED) traceDispatcher(TR_FAULT, slot, load<u32>(d + D_FAULT), load<u32>(d + D_FAULT_ADDR), load<u32>(d + D_FAULT_PC));
    else traceDispatcher(TR_EXIT, slot, load<u32>(d + D_EXIT_CODE), 0, 0);
  }
  closeOwnedBy(slot);
  hostEvent(endState == DS_FAULTED ? EV_FAULT : EV_EXIT, slot);
  store<u32>(d + D_STATE, DS_FREE);
}

/** Kills dispatcher `slot` (runnable or blocked) with fault `code` at `addr`, at its pc. */
export function kill(slot: u32, code: i32, addr: u32): void {
  killAt(slot, code, addr, D_PC);
}

/**
 * Faults dispatcher `slot` for the system call it made (a bad argument at `addr`, say): the
 * report shows the `sys` instruction, not the one after it.
 */
export function faultCaller(slot: u32, code: i32, addr: u32): void {
  killAt(slot, code, addr, D_SYS_PC);
}

// Kills dispatcher `slot` if it is runnable or blocked, reporting the pc in its field `pcAt`.
function killAt(slot: u32, code: i32, addr: u32, pcAt: u32): void {
  const d = dcbAddr(slot);
  const s = state(d);
  if (s != DS_RUNNABLE && s != DS_BLOCKED) return;
  recordFault(d, code, addr, load<u32>(d + pcAt));
  finish(slot, DS_FAULTED);
}

/** Exits dispatcher `slot` with `code`. */
export function exitDispatcher(slot: u32, code: u32): void {
  store<u32>(dcbAddr(slot) + D_EXIT_CODE, code);
  finish(slot, DS_EXITED);
}
