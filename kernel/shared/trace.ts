// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports and of
// anything but typed constants and small pure functions.
//
// The trace buffer: while tracing is on, a core's kernel appends one fixed-size record per
// event (a message slot published or taken, a dispatcher created, switched, blocked, woken,
// ended, a channel set up or closed) to a buffer in its own core block (layout.ts C_TRACE).
// The host empties it after every run() — on the thread that owns the core, so the buffer
// needs no atomics and no ring: the kernel appends, the host reads `count` records and sets
// count back to 0. A record that does not fit is counted as dropped, never blocks the core.
//
// buffer: C_TRACE in the core block, TRACE_SIZE bytes
//  +0x00 ┌───────────────────────────────────────────────────────────┐ header line
//        │ u32 count · u32 dropped (since the last drain)             │
//  +0x40 ├───────────────────────────────────────────────────────────┤
//        │ TRACE_CAPACITY records of TRACE_RECORD bytes               │
//        └───────────────────────────────────────────────────────────┘
// one record (32 bytes):
//   0        8       16               32               64                   192      256
//  ┌────────┬───────┬────────────────┬────────────────┬─ ─ ─ ─ ─ ─ ─ ─ ─ ─┬────────────────┐
//  │ kind   │ side  │ aux (u16)      │ a (u32)        │ b, c, d, e (u32)  │ time (u64)     │
//  └────────┴───────┴────────────────┴────────────────┴─ ─ ─ ─ ─ ─ ─ ─ ─ ─┴────────────────┘
// time: the core's clock in cycles (lockstep), or nanoseconds of wall time since the run
// began as an f64 (parallel mode: the host's clock, through the host_time import).
//
// What a, b, c, d, e and aux hold, per kind ("slot" is a dispatcher slot on this core, "id"
// the machine-wide dispatcher id, NONE for no dispatcher):
//  TR_SEND       side; aux = low 16 bits of the batch's last slot header; a = channel,
//                b = seq of the first slot, c = the first slot's header (its batch field:
//                slots published − 1), d = first payload word
//  TR_RECV       side; a = channel, b = seq, c = the slot's header, d = first payload word
//                (only slots that begin or end a message are recorded)
//  TR_SWITCH     aux = slot now running (NONE16: none); a = its id, b = previous slot, c = its id
//  TR_CREATE     aux = slot; a = id, b = entry pc, c = address space id
//  TR_BLOCK      aux = slot; a = id, b = the system call it waits in
//  TR_WAKE       aux = slot; a = id
//  TR_EXIT       aux = slot; a = id, b = exit code
//  TR_FAULT      aux = slot; a = id, b = fault code, c = address, d = pc
//  TR_CHAN       a = channel, b = slots per ring, c = core of side A, d = core of side B
//  TR_CLOSE      side; a = channel

export const TR_COUNT: u32 = 0;
export const TR_DROPPED: u32 = 4;
export const TR_RECORDS: u32 = 64;
export const TRACE_RECORD: u32 = 32;

/** Records that fit in a buffer of `bytes` (layout.ts TRACE_SIZE). */
export function traceCapacity(bytes: u32): u32 {
  return (bytes - TR_RECORDS) / TRACE_RECORD;
}

// record fields
export const R_HEAD: u32 = 0;                 // kind | side << 8 | aux << 16
export const R_A: u32 = 4;
export const R_B: u32 = 8;
export const R_C: u32 = 12;
export const R_D: u32 = 16;
export const R_E: u32 = 20;
export const R_TIME: u32 = 24;

export const NONE16: u32 = 0xffff;
export const NONE: u32 = 0xffffffff;

// kinds written by the kernel
export const TR_SEND: u32 = 1;
export const TR_RECV: u32 = 2;
export const TR_SWITCH: u32 = 3;
export const TR_CREATE: u32 = 4;
export const TR_BLOCK: u32 = 5;
export const TR_WAKE: u32 = 6;
export const TR_EXIT: u32 = 7;
export const TR_FAULT: u32 = 8;
export const TR_CHAN: u32 = 9;
export const TR_CLOSE: u32 = 10;

/** The head word of a record. */
export function traceHead(kind: u32, side: u32, aux: u32): u32 {
  return (kind & 0xff) | ((side & 0xff) << 8) | ((aux & 0xffff) << 16);
}
