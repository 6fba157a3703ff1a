// Channels as dispatchers and monitors use them: endpoints (a core's handles on channels),
// the channel system calls — send, recv, try_recv, wait, close — with messages of any length
// fragmented over slots, and blocking that gives the core to others. The rings themselves
// are urpc.ts. A channel call that cannot finish blocks its dispatcher; the doorbell retries
// it (retryBlocked) when the other side has news.
import { coreBase, dcbAddr, parallelMode, stallFor } from "./core";
import { TOUCH_STORE, touch } from "./coherence";
import {
  CH_H_CORE_A, CH_H_CORE_B, CH_H_MAGIC, CH_H_SLOTS, CH_MAGIC, E_CLOSED, E_EMPTY, E_TOO_LONG,
  EPS_FREE, EPS_OPEN, EP_CHANNEL, EP_OWNER, EP_OWNER_ID, EP_PEER, EP_SIDE, EP_SIZE, EP_STATE,
  H_FIRST, H_LAST, H_WORDS_MASK, MAX_BATCH, MAX_ENDPOINTS, MAX_MSG_WORDS, Q_CLOSED, Q_RX_WAITING,
  Q_TX_WAITING, SLOT_WORDS, channelSize,
} from "./shared/channel";
import {
  BLK_CHANNEL, C_DOORBELL, C_ENDPOINTS, C_MSGBUF, DB_CHANNEL, DB_MONITOR, DS_BLOCKED,
  D_ASID, D_BLOCKED_ON, D_ID, D_PTROOT, D_WAIT_NEXT, D_RECV_DONE, D_STATE, D_SYS_ARGS, D_SYS_NUM,
  MAX_DISPATCHERS,
} from "./shared/layout";
import { RECV_SPIN_POLLS } from "./shared/spin";
import { SYS_CLOSE, SYS_RECV, SYS_SEND, SYS_TRY_RECV, SYS_WAIT } from "./shared/syscalls";
import {
  completeMessage, credits, freeSlot, giveCredits, nextSlot, notifyReceiver, peek, peerClosed,
  publicLine, publishSlots, ring, ringsInit, sealSlot, slotToWrite, slots, takeSlot, typeOf,
  writeSlot,
} from "./urpc";
import { TR_CHAN, TR_CLOSE } from "./shared/trace";
import { record, traceRecv, traceSend, tracing } from "./trace";
import { enterAddressSpace, readable, trRead, trWrite, writable } from "./vm";

/** What a channel call returns besides a result: it blocked, or it faulted the caller. */
export const CALL_BLOCKED: i64 = -1 << 32;
export const CALL_FAULTED: i64 = -2 << 32;
/** set by a call that faulted: the address to report */
export let badAddr: u32 = 0;

@inline function ep(h: u32): usize {
  return coreBase + C_ENDPOINTS + <usize>h * EP_SIZE;
}

// ── endpoints ────────────────────────────────────────────────────────────────────
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

/** Opens this core's end (`side`) of channel c; returns the handle, or -1 if the table is full. */
export function endpointOpen(c: usize, side: u32, peer: u32, ownerSlot: u32, ownerId: u32): i32 {
  for (let h: u32 = 0; h < MAX_ENDPOINTS; h++) {
    const e = ep(h);
    if (load<u32>(e + EP_STATE) != EPS_FREE) continue;
    store<u32>(e + EP_CHANNEL, <u32>c);
    store<u32>(e + EP_SIDE, side);
    store<u32>(e + EP_PEER, peer);
    store<u32>(e + EP_OWNER, ownerSlot);
    store<u32>(e + EP_OWNER_ID, ownerId);
    store<u32>(e + EP_STATE, EPS_OPEN);
    return <i32>h;
  }
  return -1;
}

/** Closes an endpoint: the other side sees the channel closed (and is woken if it waits). */
export function endpointClose(h: u32): void {
  const e = ep(h);
  if (h >= MAX_ENDPOINTS || load<u32>(e + EP_STATE) != EPS_OPEN) return;
  closeSide(<usize>load<u32>(e + EP_CHANNEL), load<u32>(e + EP_SIDE));
  store<u32>(e + EP_STATE, EPS_FREE);
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

/** Closes every endpoint dispatcher `slot` owns (it has ended). */
export function closeOwnedBy(slot: u32): void {
  for (let h: u32 = 0; h < MAX_ENDPOINTS; h++) {
    if (load<u32>(ep(h) + EP_STATE) == EPS_OPEN && load<u32>(ep(h) + EP_OWNER) == slot) endpointClose(h);
  }
}

/** The endpoint of a program's handle if dispatcher `slot` owns it, else 0. */
function userEndpoint(slot: u32, h: u32): usize {
  if (h >= MAX_ENDPOINTS) return 0;
  const e = ep(h);
  if (load<u32>(e + EP_STATE) != EPS_OPEN || load<u32>(e + EP_OWNER) != slot) return 0;
  if (load<u32>(e + EP_OWNER_ID) != load<u32>(dcbAddr(slot) + D_ID)) return 0;
  return e;
}

@inline function chanOf(e: usize): usize {
  return <usize>load<u32>(e + EP_CHANNEL);
}

/** Sets (or clears) a waiting flag on this side's public line. */
function setWaiting(e: usize, flag: u32, on: bool): void {
  const q = publicLine(chanOf(e), load<u32>(e + EP_SIDE)) + flag;
  if ((atomic.load<u32>(q) != 0) == on) return;
  stallFor(touch(q, TOUCH_STORE));
  atomic.store<u32>(q, on ? 1 : 0);
}

@inline function fault(addr: u32): i64 {
  badAddr = addr;
  return CALL_FAULTED;
}

// ── the channel system calls ─────────────────────────────────────────────────────
/**
 * Performs channel system call `num` of dispatcher `slot` with the arguments in its DCB:
 * the result, CALL_BLOCKED (retried when the doorbell rings) or CALL_FAULTED (badAddr).
 */
export function channelCall(slot: u32, num: i32): i64 {
  const d = dcbAddr(slot);
  const a0 = load<u32>(d + D_SYS_ARGS), a1 = load<u32>(d + D_SYS_ARGS + 4), a2 = load<u32>(d + D_SYS_ARGS + 8);
  enterAddressSpace(load<u32>(d + D_ASID), load<u32>(d + D_PTROOT));
  let r: i64;
  if (num == SYS_WAIT) r = waitCall(slot, d, a0, a1);
  else {
    const e = userEndpoint(slot, a0);
    if (e == 0) r = fault(a0);
    else if (num == SYS_SEND) r = sendCall(d, e, a1, a2);
    else if (num == SYS_RECV) r = recvCall(d, e, a1, true);
    else if (num == SYS_TRY_RECV) r = recvCall(d, e, a1, false);
    else { endpointClose(a0); r = 0; } // SYS_CLOSE
  }
  if (r == CALL_BLOCKED) store<u32>(d + D_BLOCKED_ON, BLK_CHANNEL);
  return r;
}

/** send(ch, buf, nwords): the message in slots of SLOT_WORDS, blocking while the ring is full. */
function sendCall(d: usize, e: usize, buf: u32, n: u32): i64 {
  if (<i32>n < 0) return fault(n);
  if (n > MAX_MSG_WORDS) return <i64>E_TOO_LONG;
  if (!readable(buf, n << 2)) return fault(buf);
  const c = chanOf(e), side = load<u32>(e + EP_SIDE), peer = load<u32>(e + EP_PEER);
  if (peerClosed(c, side)) return <i64>E_CLOSED;
  let done = load<u32>(d + D_RECV_DONE);
  do {
    // as many slots as the message still needs, the credits allow, one publish can carry
    const need = max<u32>(1, (n - done + SLOT_WORDS - 1) / SLOT_WORDS);
    let k = min(min(need, MAX_BATCH), credits(c, side, min(need, MAX_BATCH)));
    if (k == 0) {
      // ring full: wait for credits — flag first, then look again, so no wake-up is lost
      notifyReceiver(c, side, peer);
      setWaiting(e, Q_TX_WAITING, true);
      k = min(min(need, MAX_BATCH), credits(c, side, 1));
      if (k == 0) {
        store<u32>(d + D_RECV_DONE, done);
        return CALL_BLOCKED;
      }
    }
    for (let s: u32 = 0; s < k; s++) {
      const words = min(SLOT_WORDS, n - done);
      const slot = slotToWrite(c, side, s);
      for (let i: u32 = 0; i < words; i++) store<u32>(slot + (i << 2), load<u32>(trRead(buf + ((done + i) << 2))));
      sealSlot(c, side, s, words, 0, done == 0, done + words == n);
      done += words;
    }
    if (tracing) traceSend(c, side, k);
    publishSlots(c, side, k);
  } while (done < n);
  setWaiting(e, Q_TX_WAITING, false);
  notifyReceiver(c, side, peer);
  return 0;
}

/**
 * recv(ch, buf) / try_recv(ch, buf): a whole message into buf, returning its words. recv
 * blocks until it is all there (copying the fragments that have arrived); try_recv takes
 * only a message that is complete, else E_EMPTY.
 */
function recvCall(d: usize, e: usize, buf: u32, blocking: bool): i64 {
  const c = chanOf(e), side = load<u32>(e + EP_SIDE), peer = load<u32>(e + EP_PEER);
  let done = load<u32>(d + D_RECV_DONE);
  if (!blocking && done == 0 && completeMessage(c, side) == 0) {
    return peerClosed(c, side) && peek(c, side, 0) == 0 ? <i64>E_CLOSED : <i64>E_EMPTY;
  }
  for (;;) {
    let h = peek(c, side, 0);
    // parallel mode: poll for a while before sleeping (shared/spin.ts)
    if (h == 0 && blocking && parallelMode()) for (let i: u32 = 0; h == 0 && i < RECV_SPIN_POLLS; i++) h = peek(c, side, 0);
    if (h == 0) {
      if (peerClosed(c, side) && peek(c, side, 0) == 0) return <i64>E_CLOSED;
      giveCredits(c, side, peer);
      setWaiting(e, Q_RX_WAITING, true);
      h = peek(c, side, 0);
      if (h == 0) {
        store<u32>(d + D_RECV_DONE, done);
        return CALL_BLOCKED;
      }
    }
    const words = h & H_WORDS_MASK;
    if (done == 0 && (h & H_FIRST) == 0) { freeSlot(c, side, peer); continue; } // stray fragment
    if (!writable(buf + (done << 2), words << 2)) return fault(buf);
    if (tracing) traceRecv(c, side);
    const slot = nextSlot(c, side);
    for (let i: u32 = 0; i < words; i++) store<u32>(trWrite(buf + ((done + i) << 2)), load<u32>(slot + (i << 2)));
    freeSlot(c, side, peer);
    done += words;
    if ((h & H_LAST) != 0) {
      setWaiting(e, Q_RX_WAITING, false);
      return <i64>done;
    }
  }
  return unreachable();
}

/**
 * wait(chans, n): the index of a channel with a message, scanning round robin from after the
 * last one returned so no channel starves; else of a channel whose other side has closed;
 * else it blocks until one of them is ready.
 */
function waitCall(slot: u32, d: usize, chans: u32, n: u32): i64 {
  if (n == 0 || n > MAX_ENDPOINTS || !readable(chans, n << 2)) return fault(chans);
  const first = load<u32>(d + D_WAIT_NEXT) % n;
  for (let pass = 0; pass < 2; pass++) {
    let closed: i64 = -1;
    for (let k: u32 = 0; k < n; k++) {
      const i = (first + k) % n;
      const h = load<u32>(trRead(chans + (i << 2)));
      const e = userEndpoint(slot, h);
      if (e == 0) return fault(chans + (i << 2));
      const c = chanOf(e), side = load<u32>(e + EP_SIDE);
      if (peek(c, side, 0) != 0) {
        store<u32>(d + D_WAIT_NEXT, i + 1);
        return <i64>i;
      }
      if (closed < 0 && peerClosed(c, side)) closed = <i64>i;
      // first pass: flag every channel, then look once more before sleeping
      if (pass == 0) setWaiting(e, Q_RX_WAITING, true);
    }
    if (closed >= 0) return closed;
  }
  return CALL_BLOCKED;
}

/** Is `num` a system call this file serves? */
export function isChannelCall(num: i32): bool {
  return num == SYS_SEND || num == SYS_RECV || num == SYS_TRY_RECV || num == SYS_WAIT || num == SYS_CLOSE;
}

/** Takes doorbell bits `bits` (clearing them); returns those that were set. */
export function takeDoorbell(bits: u32): u32 {
  return atomic.and<u32>(coreBase + C_DOORBELL, ~bits) & bits;
}

/**
 * The doorbell rang for channels: retry the channel call of every dispatcher blocked in one.
 * `done` receives each call that finished: (slot, result or CALL_FAULTED).
 */
export function retryBlocked(done: (slot: u32, r: i64) => void): void {
  for (let slot: u32 = 0; slot < MAX_DISPATCHERS; slot++) {
    const d = dcbAddr(slot);
    if (load<u32>(d + D_STATE) != DS_BLOCKED || load<u32>(d + D_BLOCKED_ON) != BLK_CHANNEL) continue;
    const r = channelCall(slot, load<i32>(d + D_SYS_NUM));
    if (r != CALL_BLOCKED) done(slot, r);
  }
}

// ── monitor messages ─────────────────────────────────────────────────────────────
/**
 * Sends the `n` words in this core's message buffer on monitor endpoint h as one message of
 * `type`, all or nothing: 0, or -1 if the ring has no room for it now (try again later),
 * or E_CLOSED.
 */
export function monitorSend(h: u32, n: u32, type: u32): i32 {
  const e = ep(h);
  const c = chanOf(e), side = load<u32>(e + EP_SIDE);
  const k: u32 = n == 0 ? 1 : (n + SLOT_WORDS - 1) / SLOT_WORDS;
  if (k > slots(c)) return E_TOO_LONG;
  if (peerClosed(c, side)) return E_CLOSED;
  if (credits(c, side, k) < k) return -1;
  const buf = coreBase + C_MSGBUF;
  for (let done: u32 = 0, i: u32 = 0; i < k; i++) {
    const words = min(SLOT_WORDS, n - done);
    writeSlot(c, side, i, buf + (done << 2), words, type, i == 0, i == k - 1);
    done += words;
  }
  if (tracing) traceSend(c, side, k);
  publishSlots(c, side, k);
  ring(load<u32>(e + EP_PEER), DB_MONITOR);
  return 0;
}

/**
 * Receives the next complete message on monitor endpoint h into the message buffer:
 * (type << 16) | words, or -1 if there is none.
 */
export function monitorRecv(h: u32): i32 {
  const e = ep(h);
  const c = chanOf(e), side = load<u32>(e + EP_SIDE), peer = load<u32>(e + EP_PEER);
  const k = completeMessage(c, side);
  if (k == 0) return -1;
  const buf = coreBase + C_MSGBUF;
  let words: u32 = 0, type: u32 = 0;
  for (let i: u32 = 0; i < k; i++) {
    if (tracing) traceRecv(c, side);
    const h2 = takeSlot(c, side, buf + (words << 2), peer);
    if (i == 0) type = typeOf(h2);
    words += h2 & H_WORDS_MASK;
  }
  giveCredits(c, side, peer); // monitors give credits back at once: their rings are small
  return <i32>((type << 16) | words);
}

