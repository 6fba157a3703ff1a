// Micro-benchmark loops over the URPC fast path (urpc.ts), for `wasmfish bench urpc`: the
// same ring functions programs and monitors use, driven in tight loops inside Wasm so the
// host measures the rings, not calls into them. One-word messages; the ping side spins.
import { coreBase } from "./core";
import { C_SCRATCH } from "./shared/layout";
import { credits, peek, publishSlots, sendSlot, takeSlot, writeSlot } from "./urpc";

/** Round trips as the pinging side: send, spin until the answer is there, take it. */
export function benchPing(c: usize, side: u32, peer: u32, n: u32): u32 {
  const buf = coreBase + C_SCRATCH;
  let sum: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(buf, i);
    while (credits(c, side, 1) == 0) {}
    sendSlot(c, side, buf, 1, 0, true, true);
    while (peek(c, side, 0) == 0) {}
    takeSlot(c, side, buf, peer);
    sum += load<u32>(buf);
  }
  return sum;
}

/** Round trips as the answering side: take each message and send it back plus one. */
export function benchPong(c: usize, side: u32, peer: u32, n: u32): void {
  const buf = coreBase + C_SCRATCH;
  for (let i: u32 = 0; i < n; i++) {
    while (peek(c, side, 0) == 0) {}
    takeSlot(c, side, buf, peer);
    store<u32>(buf, load<u32>(buf) + 1);
    while (credits(c, side, 1) == 0) {}
    sendSlot(c, side, buf, 1, 0, true, true);
  }
}

/** One-way stream, sending side: n messages as fast as credits allow. */
export function benchSend(c: usize, side: u32, n: u32): void {
  const buf = coreBase + C_SCRATCH;
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(buf, i);
    while (credits(c, side, 1) == 0) {}
    sendSlot(c, side, buf, 1, 0, true, true);
  }
}

/** One-way stream, sending side, publishing `batch` one-word messages with one atomic store. */
export function benchSendBatched(c: usize, side: u32, n: u32, batch: u32): void {
  const buf = coreBase + C_SCRATCH;
  for (let i: u32 = 0; i < n; ) {
    const k = min(batch, n - i);
    while (credits(c, side, k) < k) {}
    for (let s: u32 = 0; s < k; s++) {
      store<u32>(buf, i + s);
      writeSlot(c, side, s, buf, 1, 0, true, true);
    }
    publishSlots(c, side, k);
    i += k;
  }
}

/** One-way stream, receiving side: returns the sum of the words (checked by the host). */
export function benchRecv(c: usize, side: u32, peer: u32, n: u32): u32 {
  const buf = coreBase + C_SCRATCH;
  let sum: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    while (peek(c, side, 0) == 0) {}
    takeSlot(c, side, buf, peer);
    sum += load<u32>(buf);
  }
  return sum;
}
