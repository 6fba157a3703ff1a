// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports and of
// anything but typed constants and small pure functions.
//
// A URPC channel (Barrelfish's UMP): two one-way rings of 64-byte slots in shared memory, one
// per direction, plus one line of state per side. Side A writes only the lines marked A,
// side B only those marked B, so every line has one writer and moves between caches only
// when the other side reads it.
//
//  +0x000 ┌──────────────────────────────────────────┐ header (written once, at creation)
//         │ magic, nslots, core A, core B             │
//  +0x040 ├──────────────────────────────────────────┤ A private: tx seq, cached ack, rx seq,
//         │                                           │ published ack, batch head, ring addresses
//  +0x080 ├──────────────────────────────────────────┤ B private
//  +0x0c0 ├──────────────────────────────────────────┤ A public: the credits A gives back
//         │ ack (rx seq A consumed to), waiting flags, │ (read by B), A's waiting flags and
//         │ closed                                     │ whether A has closed
//  +0x100 ├──────────────────────────────────────────┤ B public
//  +0x140 ├──────────────────────────────────────────┤ ring A→B: nslots × 64 (written by A)
//         ├──────────────────────────────────────────┤ ring B→A: nslots × 64 (written by B)
//         └──────────────────────────────────────────┘
//
// One slot, written payload first and header word last (urpc.ts publish()):
//  ┌──────────────────────────────────────────────────┬──────────────────────────────┐
//  │ payload: SLOT_WORDS words (60 bytes)              │ header word                  │
//  └──────────────────────────────────────────────────┴──────────────────────────────┘
// header word:
//   31          20 19    16 15      8    7      6      5      4    3       0
//  ┌──────────────┬────────┬─────────┬───────┬──────┬──────┬──────┬─────────┐
//  │ seq (low 12) │ batch  │  type   │ VALID │  —   │ LAST │ FIRST│ words   │
//  └──────────────┴────────┴─────────┴───────┴──────┴──────┴──────┴─────────┘
// A slot holds message seq iff VALID is set and its seq bits equal seq's low 12 bits: old
// contents carry an older sequence number, and zeroed memory has VALID clear. A message of
// more than SLOT_WORDS words is fragmented over consecutive slots, FIRST on the first and
// LAST on the last.
//
// Publishing in batches: a sender may fill several slots and publish them with one atomic
// store — the header of the first, written last, with `batch` = how many slots follow it
// (for traces; the receiver does not need it). The other slots' headers are plain stores made
// before that one. The receiver reads every header atomically and in sequence order, so it
// reaches a later slot of a batch only after it has seen the batch's first header, and with
// it everything the sender wrote before.

export const CH_MAGIC: u32 = 0x43505255; // "URPC"
export const CH_HEADER: u32 = 0x000;
export const CH_H_MAGIC: u32 = 0;
export const CH_H_SLOTS: u32 = 4;
export const CH_H_CORE_A: u32 = 8;
export const CH_H_CORE_B: u32 = 12;
export const CH_PRIVATE: u32 = 0x040;   // + side × 64
export const CH_PUBLIC: u32 = 0x0c0;    // + side × 64
export const CH_RINGS: u32 = 0x140;

// private line of a side
export const P_TX_SEQ: u32 = 0;         // sequence number of the next message slot to send
export const P_TX_ACKED: u32 = 4;       // the peer's ack as last read (credits known)
export const P_RX_SEQ: u32 = 8;         // sequence number of the next slot to receive
export const P_RX_ACKED: u32 = 12;      // the ack this side last published
export const P_TX_HEAD: u32 = 16;       // header of the first slot of the batch being written
export const P_TX_RING: u32 = 20;       // address of the ring this side sends on
export const P_RX_RING: u32 = 24;       // address of the ring this side receives from
export const P_MASK: u32 = 28;          // slots per ring - 1 (a power of two minus one)
// public line of a side
export const Q_ACK: u32 = 0;            // this side has consumed every slot before this seq
export const Q_RX_WAITING: u32 = 4;     // a dispatcher here waits for a message
export const Q_TX_WAITING: u32 = 8;     // a dispatcher here waits for credits
export const Q_CLOSED: u32 = 12;        // this side has closed the channel

export const SLOT_SIZE: u32 = 64;
export const SLOT_WORDS: u32 = 15;
export const SLOT_HEADER: u32 = 60;
export const H_WORDS_MASK: u32 = 0xf;
export const H_FIRST: u32 = 0x10;
export const H_LAST: u32 = 0x20;
export const H_VALID: u32 = 0x80;
export const H_TYPE_SHIFT: u32 = 8;
export const H_BATCH_SHIFT: u32 = 16;
export const H_BATCH_MASK: u32 = 0xf;
export const H_SEQ_SHIFT: u32 = 20;
export const H_SEQ_MASK: u32 = 0xfff;
/** the header bits that say which message a slot holds: seq and VALID (slotKey) */
export const H_KEY_MASK: u32 = (H_SEQ_MASK << H_SEQ_SHIFT) | H_VALID;
/** the most slots one atomic store publishes */
export const MAX_BATCH: u32 = 16;

/** slots per ring of a program's channel, and of a channel between two monitors */
export const USER_SLOTS: u32 = 32;
export const MONITOR_SLOTS: u32 = 8;
/** the longest message, in words (longer sends fail with E_TOO_LONG) */
export const MAX_MSG_WORDS: u32 = 16384;

/** Bytes of a channel with `nslots` slots per ring (a multiple of 64). */
export function channelSize(nslots: u32): u32 {
  return CH_RINGS + 2 * nslots * SLOT_SIZE;
}

/** The bits of the header (under H_KEY_MASK) of a slot that holds message slot `seq`. */
export function slotKey(seq: u32): u32 {
  return ((seq & H_SEQ_MASK) << H_SEQ_SHIFT) | H_VALID;
}

/** The header word of slot `seq` holding `words` words of a message of `type`. */
export function slotHeader(seq: u32, type: u32, words: u32, first: bool, last: bool): u32 {
  return slotKey(seq) | ((type & 0xff) << H_TYPE_SHIFT) |
    (last ? H_LAST : 0) | (first ? H_FIRST : 0) | (words & H_WORDS_MASK);
}

// ── broadcast lines: one cache line per monitor, which it writes for all others to read ───
// (the TLB shootdown's broadcast protocol). Written like a slot, payload first and its
// sequence word last with one atomic store; a reader that sees a new sequence number sees
// the payload written before it.
//  ┌──────────────────────────────────────────────────┬──────────────────────────────┐
//  │ payload: BCAST_WORDS words (60 bytes)             │ sequence word (BCAST_SEQ)    │
//  └──────────────────────────────────────────────────┴──────────────────────────────┘
export const BCAST_SEQ: u32 = 60;
export const BCAST_WORDS: u32 = BCAST_SEQ >> 2;

// ── endpoints: a core's handles on channels (in its core block, C_ENDPOINTS) ─────────
// A program's channel handle is the index of its endpoint; it is only valid for the
// dispatcher that owns it. Monitor endpoints are owned by no dispatcher.
export const MAX_ENDPOINTS: u32 = 128;
export const EP_SIZE: u32 = 32;
export const EP_STATE: u32 = 0;         // EPS_*
export const EP_OWNER: u32 = 4;         // dispatcher slot, or NO_OWNER
export const EP_CHANNEL: u32 = 8;       // channel address
export const EP_SIDE: u32 = 12;         // 0 = A, 1 = B
export const EP_PEER: u32 = 16;         // the other side's core
export const EP_OWNER_ID: u32 = 20;     // the owner's dispatcher id (guards against slot reuse)
export const EPS_FREE: u32 = 0;
export const EPS_OPEN: u32 = 1;
export const NO_OWNER: u32 = 0xffffffff;

// ── results of channel system calls (negative) ────────────────────────────────────
export const E_EMPTY: i32 = -1;         // try_recv: no complete message
export const E_CLOSED: i32 = -2;        // the other side has closed (or ended) the channel
export const E_TOO_LONG: i32 = -3;      // send: more than MAX_MSG_WORDS words
export const E_NOT_FOUND: i32 = -4;     // no such service, core or function
export const E_NO_MEMORY: i32 = -5;     // out of frames, slots or channels
export const E_NO_CODE: i32 = -6;       // spawn: the program has no code for that core's ISA
export const E_EXISTS: i32 = -7;        // serve: the name is taken
