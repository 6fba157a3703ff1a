// Micro-benchmark loops over the URPC fast path (urpc.ts), for `wasmfish bench urpc`: the
// same ring functions programs and monitors use, driven in tight loops inside Wasm so the
// host measures the rings, not calls into them. One-word messages, written and read in place
// (as the send and recv system calls copy straight between user memory and slots); the
// waiting side spins.
import { arrived, credits, freeSlot, publishSlots, sealSlot, slotToWrite } from "./urpc";

/** Waits for the next message and returns its (one) word, freeing its slot. */
@inline function receiveWord(c: usize, side: u32, peer: u32): u32 {
  let slot: usize;
  while ((slot = arrived(c, side, 0)) == 0) {}
  const v = load<u32>(slot);
  freeSlot(c, side, peer);
  return v;
}

/** Writes `v` into slot `i` of the batch being sent, as a whole one-word message. */
@inline function writeWord(c: usize, side: u32, i: u32, v: u32): void {
  store<u32>(slotToWrite(c, side, i), v);
  sealSlot(c, side, i, 1, 0, true, true);
}

/** Sends `v` as soon as there is a credit. */
@inline function sendWord(c: usize, side: u32, v: u32): void {
  while (credits(c, side, 1) == 0) {}
  writeWord(c, side, 0, v);
  publishSlots(c, side, 1);
}

/** Round trips as the pinging side: send, spin until the answer is there, take it. */
export function benchPing(c: usize, side: u32, peer: u32, n: u32): u32 {
  let sum: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    sendWord(c, side, i);
    sum += receiveWord(c, side, peer);
  }
  return sum;
}

/** Round trips as the answering side: take each message and send it back plus one. */
export function benchPong(c: usize, side: u32, peer: u32, n: u32): void {
  for (let i: u32 = 0; i < n; i++) sendWord(c, side, receiveWord(c, side, peer) + 1);
}

/** One-way stream, sending side: n messages as fast as credits allow. */
export function benchSend(c: usize, side: u32, n: u32): void {
  for (let i: u32 = 0; i < n; i++) sendWord(c, side, i);
}

/** One-way stream, sending side, publishing `batch` one-word messages with one atomic store. */
export function benchSendBatched(c: usize, side: u32, n: u32, batch: u32): void {
  for (let i: u32 = 0; i < n; ) {
    const k = min(batch, n - i);
    while (credits(c, side, k) < k) {}
    for (let s: u32 = 0; s < k; s++) writeWord(c, side, s, i + s);
    publishSlots(c, side, k);
    i += k;
  }
}

/** One-way stream, receiving side: returns the sum of the words (checked by the host). */
export function benchRecv(c: usize, side: u32, peer: u32, n: u32): u32 {
  let sum: u32 = 0;
  for (let i: u32 = 0; i < n; i++) sum += receiveWord(c, side, peer);
  return sum;
}

