// Endpoints: a core's handles on channels, kept apart from the channels themselves as in
// Barrelfish. An endpoint names a channel, which side of it this core is and the core on the
// other side; a program's channel handle is the index of its endpoint, valid only for the
// dispatcher that owns it; monitor endpoints are owned by no dispatcher (shared/channel.ts).
import { coreBase, dcbAddr } from "./core";
import { closeSide } from "./channel";
import {
  EPS_FREE, EPS_OPEN, EP_CHANNEL, EP_OWNER, EP_OWNER_ID, EP_PEER, EP_SIDE, EP_SIZE, EP_STATE,
  MAX_ENDPOINTS,
} from "./shared/channel";
import { C_ENDPOINTS, D_ID } from "./shared/layout";

/** The endpoint of handle h. */
@inline export function ep(h: u32): usize {
  return coreBase + C_ENDPOINTS + <usize>h * EP_SIZE;
}

/** The channel of endpoint e. */
@inline export function chanOf(e: usize): usize {
  return <usize>load<u32>(e + EP_CHANNEL);
}

/** Which side of its channel endpoint e is (0 = A, 1 = B). */
@inline export function sideOf(e: usize): u32 {
  return load<u32>(e + EP_SIDE);
}

/** The core on the other side of endpoint e's channel. */
@inline export function peerOf(e: usize): u32 {
  return load<u32>(e + EP_PEER);
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
  closeSide(chanOf(e), sideOf(e));
  store<u32>(e + EP_STATE, EPS_FREE);
}

/** Closes every endpoint dispatcher `slot` owns (it has ended). */
export function closeOwnedBy(slot: u32): void {
  for (let h: u32 = 0; h < MAX_ENDPOINTS; h++) {
    if (load<u32>(ep(h) + EP_STATE) == EPS_OPEN && load<u32>(ep(h) + EP_OWNER) == slot) endpointClose(h);
  }
}

/** The endpoint of a program's handle if dispatcher `slot` owns it, else 0. */
export function userEndpoint(slot: u32, h: u32): usize {
  if (h >= MAX_ENDPOINTS) return 0;
  const e = ep(h);
  if (load<u32>(e + EP_STATE) != EPS_OPEN || load<u32>(e + EP_OWNER) != slot) return 0;
  if (load<u32>(e + EP_OWNER_ID) != load<u32>(dcbAddr(slot) + D_ID)) return 0;
  return e;
}
