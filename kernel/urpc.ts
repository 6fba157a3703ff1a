// URPC, the fast path: one-way rings of 64-byte slots (layout in shared/channel.ts), as in
// Barrelfish's ump_impl.h. The sender writes a slot's payload, then its header word with one
// atomic store; the receiver polls the header word of the next slot, reads the payload and
// frees the slot by moving on. A sender may write several slots and publish them all with
// one atomic store (the first slot's header, written last). Credits travel back lazily: the
// receiver publishes how far it has read only every half ring, and the sender reads that
// only when its ring looks full. Every line touched is charged to the cost model.
// Each side keeps its ring addresses in its private line (ringsInit), so finding a slot
// is a mask and a shift: this is the path every message takes.
import { coreBase, count, stallFor } from "./core";
import { TOUCH_READ, TOUCH_STORE, coherent, touch } from "./coherence";
import { hostWake } from "./host";
import {
  CH_H_SLOTS, CH_PRIVATE, CH_PUBLIC, CH_RINGS, H_BATCH_SHIFT, H_KEY_MASK,
  H_TYPE_SHIFT, H_WORDS_MASK, P_MASK, P_RX_ACKED, P_RX_RING, P_RX_SEQ, P_TX_ACKED, P_TX_HEAD,
  P_TX_RING, P_TX_SEQ, Q_ACK, Q_CLOSED, Q_RX_WAITING, Q_TX_WAITING, SLOT_HEADER, SLOT_SIZE,
  slotHeader, slotKey,
} from "./shared/channel";
import {
  C_ASLEEP, C_DOORBELL, C_MSGS_RECV, C_MSGS_SENT, DB_CHANNEL, coreBlock,
} from "./shared/layout";

@inline export function slots(c: usize): u32 {
  return load<u32>(c + CH_H_SLOTS);
}

/** the line only side `side` writes and reads */
@inline export function privateLine(c: usize, side: u32): usize {
  return c + CH_PRIVATE + (<usize>side << 6);
}

/** the line side `side` writes and the other side reads */
@inline export function publicLine(c: usize, side: u32): usize {
  return c + CH_PUBLIC + (<usize>side << 6);
}

/** slot `seq` of the ring side `side` sends on */
@inline export function slotOf(c: usize, side: u32, seq: u32): usize {
  const n = slots(c);
  return c + CH_RINGS + <usize>side * n * SLOT_SIZE + <usize>(seq & (n - 1)) * SLOT_SIZE;
}

/** Fills in both sides' ring addresses (channel creation, before anyone uses it). */
export function ringsInit(c: usize): void {
  for (let side: u32 = 0; side < 2; side++) {
    const p = privateLine(c, side);
    store<u32>(p + P_TX_RING, <u32>slotOf(c, side, 0));
    store<u32>(p + P_RX_RING, <u32>slotOf(c, side ^ 1, 0));
    store<u32>(p + P_MASK, slots(c) - 1);
  }
}

/** slot `seq` of the ring this side (private line p) sends on: slotOf() from the line */
@inline function txSlot(p: usize, seq: u32): usize {
  return <usize>load<u32>(p + P_TX_RING) + <usize>(seq & load<u32>(p + P_MASK)) * SLOT_SIZE;
}

/** slot `seq` of the ring this side (private line p) receives from */
@inline function rxSlot(p: usize, seq: u32): usize {
  return <usize>load<u32>(p + P_RX_RING) + <usize>(seq & load<u32>(p + P_MASK)) * SLOT_SIZE;
}

/**
 * THE ORDERING RULE. A slot becomes visible to the receiver only through its header word,
 * stored last and atomically (a sequentially consistent store): every payload word written
 * before it is visible to a receiver that has seen the header (read with an atomic load).
 */
@inline function publish(slot: usize, header: u32): void {
  atomic.store<u32>(slot + SLOT_HEADER, header);
}

/** Charges the cost model for a line (lockstep only: the check keeps the fast path lean). */
@inline function charge(line: usize, write: bool): void {
  if (coherent) stallFor(touch(line, write ? TOUCH_STORE : TOUCH_READ));
}

/** Copies `words` words (a slot's payload: a plain loop beats memory.copy at this size). */
@inline function copyWords(dst: usize, src: usize, words: u32): void {
  for (let i: usize = 0; i < <usize>words << 2; i += 4) store<u32>(dst + i, load<u32>(src + i));
}

/** Rings core `core`'s doorbell with `bits` and wakes it if it sleeps. */
export function ring(core: u32, bits: u32): void {
  const bell = <usize>coreBlock(core) + C_DOORBELL;
  atomic.or<u32>(bell, bits);
  if (atomic.load<u32>(<usize>coreBlock(core) + C_ASLEEP) != 0) atomic.notify(bell, 1);
  hostWake(core);
}

/** Takes doorbell bits `bits` of this core (clearing them); returns those that were set. */
export function takeDoorbell(bits: u32): u32 {
  return atomic.and<u32>(coreBase + C_DOORBELL, ~bits) & bits;
}

/** Free slots side `side` may fill, reading the peer's credits only if it needs more than `want`. */
@inline export function credits(c: usize, side: u32, want: u32): u32 {
  const p = privateLine(c, side);
  const n = load<u32>(p + P_MASK) + 1;
  const seq = load<u32>(p + P_TX_SEQ);
  let free = n - (seq - load<u32>(p + P_TX_ACKED));
  if (free < want) {
    const q = publicLine(c, side ^ 1);
    charge(q, false);
    store<u32>(p + P_TX_ACKED, atomic.load<u32>(q + Q_ACK));
    free = n - (seq - load<u32>(p + P_TX_ACKED));
  }
  return free;
}

/**
 * Where slot `i` of the batch being sent goes (i = 0 is the next slot to send): the caller
 * writes its payload there, then seals it. The caller has made sure of the credits
 * (credits() > i).
 */
@inline export function slotToWrite(c: usize, side: u32, i: u32): usize {
  const p = privateLine(c, side);
  const slot = txSlot(p, load<u32>(p + P_TX_SEQ) + i);
  charge(slot, true);
  return slot;
}

/** Seals slot `i` of the batch: `words` words of payload. Not visible until publishSlots(). */
@inline export function sealSlot(c: usize, side: u32, i: u32, words: u32, type: u32, first: bool, last: bool): void {
  const p = privateLine(c, side);
  const seq = load<u32>(p + P_TX_SEQ) + i;
  const h = slotHeader(seq, type, words, first, last);
  // the first slot's header is the one the receiver polls: it is stored last, by publishSlots
  if (i == 0) store<u32>(p + P_TX_HEAD, h);
  else store<u32>(txSlot(p, seq) + SLOT_HEADER, h);
}

/** Writes and seals slot `i` of the batch: `words` (≤ SLOT_WORDS) words from physical address `src`. */
@inline export function writeSlot(c: usize, side: u32, i: u32, src: usize, words: u32, type: u32, first: bool, last: bool): void {
  copyWords(slotToWrite(c, side, i), src, words);
  sealSlot(c, side, i, words, type, first, last);
}

/** Publishes the `n` slots written (1 ≤ n ≤ MAX_BATCH) with one atomic store. */
@inline export function publishSlots(c: usize, side: u32, n: u32): void {
  const p = privateLine(c, side);
  const seq = load<u32>(p + P_TX_SEQ);
  publish(txSlot(p, seq), load<u32>(p + P_TX_HEAD) | ((n - 1) << H_BATCH_SHIFT));
  store<u32>(p + P_TX_SEQ, seq + n);
  count(C_MSGS_SENT, n);
}

/** Tells the receiving side's core there is news if one of its dispatchers waits for it. */
export function notifyReceiver(c: usize, side: u32, peerCore: u32): void {
  const q = publicLine(c, side ^ 1);
  if (atomic.load<u32>(q + Q_RX_WAITING) != 0) ring(peerCore, DB_CHANNEL);
}

/**
 * The slot `ahead` places after the next one to receive if its message has arrived, else 0.
 * Its header is read atomically, and in order (ahead counts up from 0): see "Publishing in
 * batches" in shared/channel.ts.
 */
@inline export function arrived(c: usize, side: u32, ahead: u32): usize {
  const p = privateLine(c, side);
  const seq = load<u32>(p + P_RX_SEQ) + ahead;
  const slot = rxSlot(p, seq);
  charge(slot, false);
  return (atomic.load<u32>(slot + SLOT_HEADER) & H_KEY_MASK) == slotKey(seq) ? slot : 0;
}

/** The header of arrived(c, side, ahead), or 0 if that message is not there yet. */
@inline export function peek(c: usize, side: u32, ahead: u32): u32 {
  const slot = arrived(c, side, ahead);
  // the sender does not touch an arrived slot until this side frees it: a plain load
  return slot == 0 ? 0 : load<u32>(slot + SLOT_HEADER);
}

/** The next slot to receive (peek() has seen it): its payload at +0, its header at SLOT_HEADER. */
@inline export function nextSlot(c: usize, side: u32): usize {
  const p = privateLine(c, side);
  return rxSlot(p, load<u32>(p + P_RX_SEQ));
}

/**
 * Frees the next slot (read through nextSlot()): the sender may reuse it from now on. Every
 * half ring it gives the credits back, waking a sender that waits for them.
 */
@inline export function freeSlot(c: usize, side: u32, peerCore: u32): void {
  const p = privateLine(c, side);
  const seq = load<u32>(p + P_RX_SEQ) + 1;
  store<u32>(p + P_RX_SEQ, seq);
  count(C_MSGS_RECV);
  // half a ring read since the last credits (mask >> 1 = half a ring - 1)
  if (seq - load<u32>(p + P_RX_ACKED) > load<u32>(p + P_MASK) >> 1) giveCredits(c, side, peerCore);
}

/** Receives the next slot (peek() saw it) into physical address `dst` and frees it; returns its header. */
@inline export function takeSlot(c: usize, side: u32, dst: usize, peerCore: u32): u32 {
  const slot = nextSlot(c, side);
  const h = load<u32>(slot + SLOT_HEADER); // peek() has read it atomically already
  copyWords(dst, slot, h & H_WORDS_MASK);
  freeSlot(c, side, peerCore);
  return h;
}

/** Publishes how far this side has read; wakes the sender if it waits for credits. */
export function giveCredits(c: usize, side: u32, peerCore: u32): void {
  const p = privateLine(c, side);
  const seq = load<u32>(p + P_RX_SEQ);
  if (seq == load<u32>(p + P_RX_ACKED)) return;
  const q = publicLine(c, side);
  charge(q, true);
  atomic.store<u32>(q + Q_ACK, seq);
  store<u32>(p + P_RX_ACKED, seq);
  if (atomic.load<u32>(publicLine(c, side ^ 1) + Q_TX_WAITING) != 0) ring(peerCore, DB_CHANNEL);
}

/** True once the other side has closed the channel. */
export function peerClosed(c: usize, side: u32): bool {
  return atomic.load<u32>(publicLine(c, side ^ 1) + Q_CLOSED) != 0;
}

/** The message type in a header. */
@inline export function typeOf(h: u32): u32 {
  return (h >>> H_TYPE_SHIFT) & 0xff;
}

