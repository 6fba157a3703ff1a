// The Wasm/host boundary, kernel side: what every kernel-<isa>.wasm exports besides the
// per-ISA entry points in kernel/main-<isa>.ts. 64-bit quantities cross as f64 (exact up
// to 2^53 cycles) so the host never pays for BigInt conversions. host/kernel.ts is the
// other side.
import { clock, coreBase, setClock } from "./core";
import { ring, takeDoorbell } from "./urpc";
import { complete as completeSlot, faultCaller } from "./dispatcher";
import { C_IDLE } from "./shared/layout";
import { flushAsid, flushPage } from "./vm";
import { traceStart } from "./trace";
import { benchPing, benchPong, benchRecv, benchSend, benchSendBatched } from "./bench";
import { channelInit, closeSide, closedSides } from "./channel";
import { endpointOpen } from "./endpoint";
import { broadcastRead, broadcastWrite, monitorRecv, monitorSend } from "./monitor-messages";

/** Delivers `result` as the return value of dispatcher `slot`'s system call; wakes it. */
export function complete(slot: u32, result: u32): void {
  completeSlot(slot, result);
}

/** Faults dispatcher `slot` for its system call: fault `code` (a bad argument at `addr`). */
export function fault(slot: u32, code: i32, addr: u32): void {
  faultCaller(slot, code, addr);
}

/** This core's simulated clock. */
export function now(): f64 {
  return <f64>clock();
}

/** Advances an idle core's clock to `t` (if later), counting the gap as idle time. */
export function idle_until(t: f64): void {
  const to = <u64>t;
  const c = clock();
  if (to <= c) return;
  store<u64>(coreBase + C_IDLE, load<u64>(coreBase + C_IDLE) + (to - c));
  setClock(to);
}

/** Drops TLB entries of address space `asid` (all of them, or the page of `va`). */
export function tlb_flush(asid: u32): void {
  flushAsid(asid);
}

export function tlb_flush_page(asid: u32, va: u32): void {
  flushPage(asid, va);
}

// ── channels, for the monitors (monitors use the same fast path as programs) ─────────
/** Initialises a channel of `nslots` slots per ring between cores a and b at address c. */
export function chan_init(c: u32, nslots: u32, a: u32, b: u32): void {
  channelInit(c, nslots, a, b);
}

/** Opens this core's side of channel c; owner NO_OWNER for a monitor endpoint. Handle or -1. */
export function ep_open(c: u32, side: u32, peer: u32, ownerSlot: u32, ownerId: u32): i32 {
  return endpointOpen(c, side, peer, ownerSlot, ownerId);
}

/** Closes side `side` of channel c that has no endpoint (never opened, or its core died). */
export function chan_close(c: u32, side: u32): void {
  closeSide(c, side);
}

/** Which sides of channel c have closed: bit 0 side A, bit 1 side B. */
export function chan_closed(c: u32): u32 {
  return closedSides(c);
}

/** Sends the message buffer's first `n` words as one message: 0, -1 (no room now) or < -1. */
export function mon_send(h: u32, n: u32, type: u32): i32 {
  return monitorSend(h, n, type);
}

/** Receives one complete message into the message buffer: (type << 16) | words, or -1. */
export function mon_recv(h: u32): i32 {
  return monitorRecv(h);
}

/** Takes (clears) doorbell bits; returns those that were set. */
export function doorbell_take(bits: u32): u32 {
  return takeDoorbell(bits);
}

/** Publishes the first `n` (≤ BCAST_WORDS) words of the message buffer and `seq` in the broadcast line at `line`. */
export function line_write(line: u32, n: u32, seq: u32): void {
  broadcastWrite(line, n, seq);
}

/** Reads the broadcast line at `line` into the message buffer; returns its sequence word. */
export function line_read(line: u32): u32 {
  return broadcastRead(line);
}

/** Rings core `core`'s doorbell with `bits` (DB_*). */
export function doorbell_ring(core: u32, bits: u32): void {
  ring(core, bits);
}

// ── tracing (kernel/trace.ts, shared/trace.ts) ───────────────────────────────────────
/** Starts writing trace records to this core's buffer, stamped with cycles or (wall != 0)
 *  the host's wall clock. */
export function trace_start(wall: u32): void {
  traceStart(wall != 0);
}

/** Charges `cycles` of monitor work to this core's clock. */
export function charge(cycles: u32): void {
  setClock(clock() + <u64>cycles);
}

// ── micro-benchmarks of the fast path (bench/urpc.ts) ────────────────────────────────
export function bench_ping(c: u32, side: u32, peer: u32, n: u32): u32 {
  return benchPing(c, side, peer, n);
}

export function bench_pong(c: u32, side: u32, peer: u32, n: u32): void {
  benchPong(c, side, peer, n);
}

export function bench_send(c: u32, side: u32, n: u32): void {
  benchSend(c, side, n);
}

export function bench_send_batched(c: u32, side: u32, n: u32, batch: u32): void {
  benchSendBatched(c, side, n, batch);
}

export function bench_recv(c: u32, side: u32, peer: u32, n: u32): u32 {
  return benchRecv(c, side, peer, n);
}
