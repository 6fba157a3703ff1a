// The channel system calls of programs — send, recv, try_recv, wait, close — on their
// endpoints (endpoint.ts), with messages of any length (channel.ts). A call that cannot finish
// blocks its dispatcher; the doorbell retries it (retryBlocked) when the other side has news,
// and a message copied partly before the block goes on where it stopped (D_MSG_DONE, which
// this file alone sets and clears).
import { dcbAddr, parallelMode } from "./core";
import { completeMessage, sendFragments, setWaiting, takeFragment } from "./channel";
import { chanOf, endpointClose, peerOf, sideOf, userEndpoint } from "./endpoint";
import {
  E_CLOSED, E_EMPTY, E_TOO_LONG, H_FIRST, H_LAST, H_WORDS_MASK, MAX_BATCH, MAX_ENDPOINTS, MAX_MSG_WORDS,
  Q_RX_WAITING, Q_TX_WAITING, SLOT_WORDS,
} from "./shared/channel";
import {
  BLK_CHANNEL, DS_BLOCKED, D_ASID, D_BLOCKED_ON, D_MSG_DONE, D_PTROOT, D_STATE, D_SYS_ARGS, D_SYS_NUM,
  D_WAIT_NEXT, MAX_DISPATCHERS,
} from "./shared/layout";
import { RECV_SPIN_POLLS } from "./shared/spin";
import { SYS_CLOSE, SYS_RECV, SYS_SEND, SYS_TRY_RECV, SYS_WAIT } from "./shared/syscalls";
import { credits, freeSlot, giveCredits, notifyReceiver, peek, peerClosed } from "./urpc";
import { enterAddressSpace, readable, trRead, writable } from "./vm";

/** What a channel call returns besides a result: it blocked, or it faulted the caller. */
export const CALL_BLOCKED: i64 = -1 << 32;
export const CALL_FAULTED: i64 = -2 << 32;
/** set by a call that faulted: the address to report */
export let badAddr: u32 = 0;

@inline function fault(addr: u32): i64 {
  badAddr = addr;
  return CALL_FAULTED;
}

/** Is `num` a system call this file serves? */
export function isChannelCall(num: i32): bool {
  return num == SYS_SEND || num == SYS_RECV || num == SYS_TRY_RECV || num == SYS_WAIT || num == SYS_CLOSE;
}

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
  // The call is over however it ended (a result, E_CLOSED halfway through a long message, a
  // fault): the progress of a message it was sending or receiving must not leak into the
  // dispatcher's next channel call.
  else store<u32>(d + D_MSG_DONE, 0);
  return r;
}

/** send(ch, buf, nwords): the message in slots of SLOT_WORDS, blocking while the ring is full. */
function sendCall(d: usize, e: usize, buf: u32, n: u32): i64 {
  if (<i32>n < 0) return fault(n);
  if (n > MAX_MSG_WORDS) return <i64>E_TOO_LONG;
  if (!readable(buf, n << 2)) return fault(buf);
  const c = chanOf(e), side = sideOf(e), peer = peerOf(e);
  if (peerClosed(c, side)) return <i64>E_CLOSED;
  let done = load<u32>(d + D_MSG_DONE);
  do {
    // as many slots as the message still needs, the credits allow, one publish can carry
    const need = max<u32>(1, (n - done + SLOT_WORDS - 1) / SLOT_WORDS);
    let k = min(min(need, MAX_BATCH), credits(c, side, min(need, MAX_BATCH)));
    if (k == 0) {
      // ring full: wait for credits — flag first, then look again, so no wake-up is lost
      notifyReceiver(c, side, peer);
      setWaiting(c, side, Q_TX_WAITING, true);
      k = min(min(need, MAX_BATCH), credits(c, side, 1));
      if (k == 0) {
        store<u32>(d + D_MSG_DONE, done);
        return CALL_BLOCKED;
      }
    }
    done = sendFragments(c, side, buf, n, done, k, 0, true);
  } while (done < n);
  setWaiting(c, side, Q_TX_WAITING, false);
  notifyReceiver(c, side, peer);
  return 0;
}

/**
 * recv(ch, buf) / try_recv(ch, buf): a whole message into buf, returning its words. recv
 * blocks until it is all there (copying the fragments that have arrived); try_recv takes
 * only a message that is complete, else E_EMPTY.
 */
function recvCall(d: usize, e: usize, buf: u32, blocking: bool): i64 {
  const c = chanOf(e), side = sideOf(e), peer = peerOf(e);
  let done = load<u32>(d + D_MSG_DONE);
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
      setWaiting(c, side, Q_RX_WAITING, true);
      h = peek(c, side, 0);
      if (h == 0) {
        store<u32>(d + D_MSG_DONE, done);
        return CALL_BLOCKED;
      }
    }
    const words = h & H_WORDS_MASK;
    if (done == 0 && (h & H_FIRST) == 0) { freeSlot(c, side, peer); continue; } // stray fragment
    if (!writable(buf + (done << 2), words << 2)) return fault(buf);
    takeFragment(c, side, peer, buf, done, true);
    done += words;
    if ((h & H_LAST) != 0) {
      setWaiting(c, side, Q_RX_WAITING, false);
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
      const c = chanOf(e), side = sideOf(e);
      if (peek(c, side, 0) != 0) {
        store<u32>(d + D_WAIT_NEXT, i + 1);
        return <i64>i;
      }
      if (closed < 0 && peerClosed(c, side)) closed = <i64>i;
      // first pass: flag every channel, then look once more before sleeping
      if (pass == 0) setWaiting(c, side, Q_RX_WAITING, true);
    }
    if (closed >= 0) return closed;
  }
  return CALL_BLOCKED;
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
