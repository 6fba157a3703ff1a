// A channel: the two URPC rings between two cores (urpc.ts) and what sits on them — creating
// and closing it, the flags a waiting side raises, and messages of any length, fragmented
// over consecutive slots (FIRST on the first, LAST on the last: shared/channel.ts). Programs
// (channel-calls.ts) and monitors (monitor-messages.ts) send and receive through the same
// two functions here, sendFragments() and takeFragment().
import { stallFor } from "./core";
import { TOUCH_STORE, touch } from "./coherence";
import {
  CH_H_CORE_A, CH_H_CORE_B, CH_H_MAGIC, CH_H_SLOTS, CH_MAGIC, H_FIRST, H_LAST, H_WORDS_MASK,
  Q_CLOSED, Q_RX_WAITING, Q_TX_WAITING, SLOT_HEADER, SLOT_WORDS, channelSize,
} from "./shared/channel";
import { DB_CHANNEL } from "./shared/layout";
import { TR_CHAN, TR_CLOSE } from "./shared/trace";
import { record, traceRecv, traceSend, tracing } from "./trace";
import {
  freeSlot, nextSlot, peek, publicLine, publishSlots, ring, ringsInit, sealSlot, slotToWrite, slots,
  takeSlot, writeSlot,
} from "./urpc";
import { trRead, trWrite } from "./vm";

/** Initialises a channel of `nslots` (a power of two) slots per ring between two cores. */
export function channelInit(c: usize, nslots: u32, coreA: u32, coreB: u32): void {
  memory.fill(c, 0, channelSize(nslots));
  store<u32>(c + CH_H_SLOTS, nslots);
  store<u32>(c + CH_H_CORE_A, coreA);
  store<u32>(c + CH_H_CORE_B, coreB);
  ringsInit(c);
  atomic.store<u32>(c + CH_H_MAGIC, CH_MAGIC);
  if (tracing) record(TR_CHAN, 0, 0, <u32>c, nslots, coreA, coreB, 0);
}

/**
 * Marks side `side` of channel c closed, with or without an endpoint on it (a side nobody
 * will ever open, or one whose core died), and wakes the other side's core if it waits.
 */
export function closeSide(c: usize, side: u32): void {
  const q = publicLine(c, side);
  stallFor(touch(q, TOUCH_STORE));
  atomic.store<u32>(q + Q_CLOSED, 1);
  if (tracing) record(TR_CLOSE, side, 0, <u32>c, 0, 0, 0, 0);
  const peer = publicLine(c, side ^ 1);
  if (atomic.load<u32>(peer + Q_RX_WAITING) != 0 || atomic.load<u32>(peer + Q_TX_WAITING) != 0) {
    ring(load<u32>(c + (side == 0 ? CH_H_CORE_B : CH_H_CORE_A)), DB_CHANNEL);
  }
}

/** Which sides of channel c have closed: bit 0 side A, bit 1 side B. */
export function closedSides(c: usize): u32 {
  return atomic.load<u32>(publicLine(c, 0) + Q_CLOSED) | (atomic.load<u32>(publicLine(c, 1) + Q_CLOSED) << 1);
}

/** Sets (or clears) waiting flag `flag` (Q_RX_WAITING, Q_TX_WAITING) on side `side`'s public line. */
export function setWaiting(c: usize, side: u32, flag: u32, on: bool): void {
  const q = publicLine(c, side) + flag;
  if ((atomic.load<u32>(q) != 0) == on) return;
  stallFor(touch(q, TOUCH_STORE));
  atomic.store<u32>(q, on ? 1 : 0);
}

/**
 * Writes the next `k` slots of an `n`-word message at `src` of which `done` words are sent,
 * and publishes them with one store; returns the words sent now. `src` is a virtual address
 * of the running dispatcher (`user`) or a physical one. The caller has made sure of k
 * credits (1 ≤ k ≤ MAX_BATCH); an empty message is one empty slot.
 */
@inline export function sendFragments(c: usize, side: u32, src: u32, n: u32, done: u32, k: u32, type: u32, user: bool): u32 {
  for (let s: u32 = 0; s < k; s++) {
    const words = min(SLOT_WORDS, n - done);
    const first = done == 0, last = done + words == n;
    if (user) {
      const slot = slotToWrite(c, side, s);
      for (let i: u32 = 0; i < words; i++) store<u32>(slot + (i << 2), load<u32>(trRead(src + ((done + i) << 2))));
      sealSlot(c, side, s, words, type, first, last);
    } else {
      writeSlot(c, side, s, <usize>src + (done << 2), words, type, first, last);
    }
    done += words;
  }
  if (tracing) traceSend(c, side, k);
  publishSlots(c, side, k);
  return done;
}

/**
 * Takes the next slot (peek() has seen it) into the message at `dst` from word `done` on —
 * a virtual address of the running dispatcher (`user`, its pages checked writable) or a
 * physical one — and frees it; returns the slot's header (its words, FIRST, LAST, type).
 */
@inline export function takeFragment(c: usize, side: u32, peer: u32, dst: u32, done: u32, user: bool): u32 {
  if (tracing) traceRecv(c, side);
  if (!user) return takeSlot(c, side, <usize>dst + (done << 2), peer);
  const slot = nextSlot(c, side);
  const h = load<u32>(slot + SLOT_HEADER); // peek() has read it atomically already
  const words = h & H_WORDS_MASK;
  for (let i: u32 = 0; i < words; i++) store<u32>(trWrite(dst + ((done + i) << 2)), load<u32>(slot + (i << 2)));
  freeSlot(c, side, peer);
  return h;
}

/** Number of slots, from the next one, that make up a complete message (0 if none yet). */
export function completeMessage(c: usize, side: u32): u32 {
  const n = slots(c);
  for (let k: u32 = 0; k < n; k++) {
    const h = peek(c, side, k);
    if (h == 0) return 0;
    if (k == 0 && (h & H_FIRST) == 0) return 0;
    if ((h & H_LAST) != 0) return k + 1;
  }
  return 0;
}
