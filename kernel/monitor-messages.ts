// The monitors' messages, kernel side: a monitor (host code) writes a message into its core's
// message buffer (C_MSGBUF) and sends it on a monitor endpoint, all or nothing, or takes a
// whole message into the buffer — the same rings and fragments as programs use (channel.ts),
// without blocking: a monitor that finds no room or no message tries again later. Beside
// them, the broadcast lines a monitor writes once for every other to read (shared/channel.ts).
import { coreBase, stallFor } from "./core";
import { TOUCH_READ, TOUCH_STORE, touch } from "./coherence";
import { completeMessage, sendFragments, takeFragment } from "./channel";
import { chanOf, ep, peerOf, sideOf } from "./endpoint";
import { BCAST_SEQ, BCAST_WORDS, E_CLOSED, E_TOO_LONG, H_WORDS_MASK, SLOT_WORDS } from "./shared/channel";
import { C_MSGBUF, DB_MONITOR } from "./shared/layout";
import { credits, giveCredits, peerClosed, ring, slots, typeOf } from "./urpc";

/**
 * Sends the `n` words in this core's message buffer on monitor endpoint h as one message of
 * `type`, all or nothing: 0, or -1 if the ring has no room for it now (try again later),
 * or E_CLOSED.
 */
export function monitorSend(h: u32, n: u32, type: u32): i32 {
  const e = ep(h);
  const c = chanOf(e), side = sideOf(e);
  const k: u32 = n == 0 ? 1 : (n + SLOT_WORDS - 1) / SLOT_WORDS;
  if (k > slots(c)) return E_TOO_LONG;
  if (peerClosed(c, side)) return E_CLOSED;
  if (credits(c, side, k) < k) return -1;
  sendFragments(c, side, <u32>(coreBase + C_MSGBUF), n, 0, k, type, false);
  ring(peerOf(e), DB_MONITOR);
  return 0;
}

/**
 * Receives the next complete message on monitor endpoint h into the message buffer:
 * (type << 16) | words, or -1 if there is none.
 */
export function monitorRecv(h: u32): i32 {
  const e = ep(h);
  const c = chanOf(e), side = sideOf(e), peer = peerOf(e);
  const k = completeMessage(c, side);
  if (k == 0) return -1;
  const buf = <u32>(coreBase + C_MSGBUF);
  let words: u32 = 0, type: u32 = 0;
  for (let i: u32 = 0; i < k; i++) {
    const h2 = takeFragment(c, side, peer, buf, words, false);
    if (i == 0) type = typeOf(h2);
    words += h2 & H_WORDS_MASK;
  }
  giveCredits(c, side, peer); // monitors give credits back at once: their rings are small
  return <i32>((type << 16) | words);
}

/**
 * Writes the first `n` (≤ BCAST_WORDS) words of the message buffer, then `seq`, to the
 * broadcast line at `line` — publishing like a URPC slot, with the cost model watching.
 */
export function broadcastWrite(line: usize, n: u32, seq: u32): void {
  stallFor(touch(line, TOUCH_STORE));
  const buf = coreBase + C_MSGBUF;
  for (let i: u32 = 0; i < n; i++) store<u32>(line + (i << 2), load<u32>(buf + (i << 2)));
  atomic.store<u32>(line + BCAST_SEQ, seq);
}

/** Reads the broadcast line at `line` into the message buffer; returns its sequence word. */
export function broadcastRead(line: usize): u32 {
  stallFor(touch(line, TOUCH_READ));
  const seq = atomic.load<u32>(line + BCAST_SEQ);
  const buf = coreBase + C_MSGBUF;
  for (let i: u32 = 0; i < BCAST_WORDS; i++) store<u32>(buf + (i << 2), load<u32>(line + (i << 2)));
  return seq;
}
