// Tracing, kernel side: appends records (shared/trace.ts) to this core's trace buffer while
// the host has turned tracing on. Every record point elsewhere is one test of the `tracing`
// global — a Wasm global, so per core, and cheap: no memory load, a branch that is always
// predicted right — followed by a call here. None sits in an interpreter's instruction loop
// or in the URPC rings (urpc.ts, the fast path the benchmarks measure): messages are recorded
// one layer up (channel.ts sendFragments and takeFragment), once per published batch and
// message end; the rest at dispatcher life-cycle events and context switches.
import { clock, coreBase, dcbAddr } from "./core";
import { hostTime } from "./host";
import { C_TRACE, D_ID, TRACE_SIZE } from "./shared/layout";
import { H_BATCH_SHIFT, H_FIRST, H_LAST, P_RX_SEQ, P_TX_HEAD, P_TX_SEQ, SLOT_HEADER } from "./shared/channel";
import { privateLine, slotOf } from "./urpc";
import {
  NONE, NONE16, R_A, R_B, R_C, R_D, R_E, R_HEAD, R_TIME, TRACE_RECORD, TR_COUNT, TR_DROPPED,
  TR_RECORDS, TR_RECV, TR_SEND, TR_SWITCH, traceCapacity, traceHead,
} from "./shared/trace";

/** records are being written (set by the host through trace_start; a run traces to its end) */
export let tracing: bool = false;
/** stamp records with the host's wall clock (parallel mode) instead of the core's cycles */
let wallTime: bool = false;
export function traceStart(wall: bool): void {
  wallTime = wall;
  store<u32>(coreBase + C_TRACE + TR_COUNT, 0);
  store<u32>(coreBase + C_TRACE + TR_DROPPED, 0);
  tracing = true;
}

/** Appends one record (or counts it dropped if the host has not emptied a full buffer). */
export function record(kind: u32, side: u32, aux: u32, a: u32, b: u32, c: u32, d: u32, e: u32): void {
  const buf = coreBase + C_TRACE;
  const n = load<u32>(buf + TR_COUNT);
  if (n >= traceCapacity(TRACE_SIZE)) {
    store<u32>(buf + TR_DROPPED, load<u32>(buf + TR_DROPPED) + 1);
    return;
  }
  const r = buf + TR_RECORDS + <usize>n * TRACE_RECORD;
  store<u32>(r + R_HEAD, traceHead(kind, side, aux));
  store<u32>(r + R_A, a);
  store<u32>(r + R_B, b);
  store<u32>(r + R_C, c);
  store<u32>(r + R_D, d);
  store<u32>(r + R_E, e);
  if (wallTime) store<f64>(r + R_TIME, hostTime());
  else store<u64>(r + R_TIME, clock());
  store<u32>(buf + TR_COUNT, n + 1);
}

/** The id of the dispatcher in `slot`, or NONE. */
function idOf(slot: u32): u32 {
  return slot == NONE ? NONE : load<u32>(dcbAddr(slot) + D_ID);
}

/**
 * Side `side` of channel c is about to publish the `n` slots it has written (urpc.ts
 * sealSlot): recorded before they are visible, so that no receive can be recorded first.
 * The first slot's header is still in the private line; the others' are in their slots.
 */
export function traceSend(c: usize, side: u32, n: u32): void {
  const p = privateLine(c, side);
  const seq = load<u32>(p + P_TX_SEQ);
  const h = load<u32>(p + P_TX_HEAD) | ((n - 1) << H_BATCH_SHIFT);
  const last = n == 1 ? h : load<u32>(slotOf(c, side, seq + n - 1) + SLOT_HEADER);
  record(TR_SEND, side, last & 0xffff, <u32>c, seq, h, load<u32>(slotOf(c, side, seq)), 0);
}

/** Side `side` of channel c is about to take its next slot (peek() has seen it arrive). */
export function traceRecv(c: usize, side: u32): void {
  const seq = load<u32>(privateLine(c, side) + P_RX_SEQ);
  const slot = slotOf(c, side ^ 1, seq);
  const h = load<u32>(slot + SLOT_HEADER);
  if ((h & (H_FIRST | H_LAST)) == 0) return; // the middle of a long message: nothing to see
  record(TR_RECV, side, 0, <u32>c, seq, h, load<u32>(slot), 0);
}

/** The core switches from dispatcher slot `from` to slot `to` (NONE: no dispatcher). */
export function traceSwitch(from: u32, to: u32): void {
  if (from == to) return;
  record(TR_SWITCH, 0, to == NONE ? NONE16 : to, idOf(to), from, idOf(from), 0, 0);
}

/** A record about dispatcher `slot`: created, blocked, woken, exited, faulted. */
export function traceDispatcher(kind: u32, slot: u32, b: u32, c: u32, d: u32): void {
  record(kind, 0, slot, idOf(slot), b, c, d, 0);
}
