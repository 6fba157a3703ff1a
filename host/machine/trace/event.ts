// Trace events as the host keeps them and the trace file stores them: one small object per
// event, decoded from a kernel record (kernel/shared/trace.ts) or written by a monitor. `t`
// is the core's clock in cycles (lockstep) or wall-clock nanoseconds since the run began
// (parallel mode); `core` the core it happened on. Dispatcher ids are machine-wide; `null`
// means no dispatcher (an idle core).
import { H_BATCH_MASK, H_BATCH_SHIFT, H_FIRST, H_LAST, H_TYPE_SHIFT, H_WORDS_MASK } from '../../../kernel/shared/channel.js';
import { faultText } from '../../../kernel/shared/faults.js';
import {
  NONE, NONE16, R_A, R_B, R_C, R_D, R_HEAD, R_TIME, TR_BLOCK, TR_CHAN, TR_CLOSE, TR_CREATE,
  TR_EXIT, TR_FAULT, TR_RECV, TR_SEND, TR_SWITCH, TR_WAKE,
} from '../../../kernel/shared/trace.js';
import type { BindStep, CallStep, MonRecvStep, MonSendStep } from '../../os/events.js';
import { syscallName } from '../../os/syscall-names.js';

interface At { t: number; core: number }

/** Slots published on a channel's ring: a batch, the start of a message if `first`. */
export interface SendEvent extends At {
  ev: 'send';
  ch: number; side: number; seq: number; slots: number;
  /** message type (0 for programs' messages; the protocol message for monitors) */
  type: number;
  /** the batch begins a message / ends one */
  first: boolean; last: boolean;
  /** words in the first slot, and the first of them */
  words: number; word: number;
}
/** A slot taken from a channel's ring that begins or ends a message. */
export interface RecvEvent extends At {
  ev: 'recv';
  ch: number; side: number; seq: number; type: number;
  first: boolean; last: boolean; words: number; word: number;
}
export interface SwitchEvent extends At { ev: 'switch'; from: number | null; to: number | null }
/** `fn`: the function at the entry, when the program's symbols are known */
export interface CreateEvent extends At { ev: 'create'; id: number; entry: number; asid: number; fn?: string }
export interface BlockEvent extends At { ev: 'block'; id: number; call: string }
export interface WakeEvent extends At { ev: 'wake'; id: number }
export interface ExitEvent extends At { ev: 'exit'; id: number; code: number }
export interface FaultEvent extends At { ev: 'fault'; id: number; fault: string; addr: number; pc: number; fn?: string }
/** A channel set up between the cores of its sides A and B. */
export interface ChanEvent extends At { ev: 'chan'; ch: number; slots: number; a: number; b: number }
export interface CloseEvent extends At { ev: 'close'; ch: number; side: number }
// monitor protocol steps (os/events.ts), stamped by the recorder
export interface CallEvent extends At, CallStep {}
export interface MonSendEvent extends At, MonSendStep {}
export interface MonRecvEvent extends At, MonRecvStep {}
export interface BindEvent extends At, BindStep {}

export type TraceEvent =
  | SendEvent | RecvEvent | SwitchEvent | CreateEvent | BlockEvent | WakeEvent | ExitEvent
  | FaultEvent | ChanEvent | CloseEvent | CallEvent | MonSendEvent | MonRecvEvent | BindEvent;

export type EventName = TraceEvent['ev'];

/**
 * The fields each event must have, by type ('id?' = a dispatcher id or null), for checking
 * trace files read back: `n` number, `b` boolean, `s` string, `o` object, `n?` number or null.
 */
export const EVENT_FIELDS: Record<EventName, Record<string, 'n' | 'b' | 's' | 'o' | 'n?'>> = {
  send: { ch: 'n', side: 'n', seq: 'n', slots: 'n', type: 'n', first: 'b', last: 'b', words: 'n', word: 'n' },
  recv: { ch: 'n', side: 'n', seq: 'n', type: 'n', first: 'b', last: 'b', words: 'n', word: 'n' },
  switch: { from: 'n?', to: 'n?' },
  create: { id: 'n', entry: 'n', asid: 'n' },
  block: { id: 'n', call: 's' },
  wake: { id: 'n' },
  exit: { id: 'n', code: 'n' },
  fault: { id: 'n', fault: 's', addr: 'n', pc: 'n' },
  chan: { ch: 'n', slots: 'n', a: 'n', b: 'n' },
  close: { ch: 'n', side: 'n' },
  call: { id: 'n', call: 's' },
  msend: { to: 'n', msg: 's', fields: 'o' },
  mrecv: { from: 'n', msg: 's', fields: 'o' },
  bind: { ch: 'n', service: 's', client: 'n' },
};
export const EVENT_NAMES = Object.keys(EVENT_FIELDS) as EventName[];

/** What is wrong with a parsed event's fields, or undefined if nothing is. */
export function badField(e: Record<string, unknown>): string | undefined {
  for (const [f, kind] of Object.entries(EVENT_FIELDS[e.ev as EventName])) {
    const v = e[f];
    const ok = kind === 'n' ? typeof v === 'number' : kind === 'n?' ? v === null || typeof v === 'number'
      : kind === 'b' ? typeof v === 'boolean' : kind === 's' ? typeof v === 'string' : typeof v === 'object' && v !== null;
    if (!ok) return `"${f}" must be ${{ n: 'a number', 'n?': 'a number or null', b: 'true or false', s: 'a string', o: 'an object' }[kind]}`;
  }
  return undefined;
}

const id = (v: number) => (v === NONE ? null : v);

/** The fields a slot header word carries. */
function header(h: number) {
  return {
    type: (h >>> H_TYPE_SHIFT) & 0xff, first: (h & H_FIRST) !== 0, last: (h & H_LAST) !== 0,
    words: h & H_WORDS_MASK,
  };
}

/**
 * Decodes the kernel record at byte `at` of `view`, on core `core`; `wall` says its time is
 * the host's wall clock (an f64) rather than cycles (a u64).
 */
export function decodeRecord(view: DataView, at: number, core: number, wall: boolean): TraceEvent | undefined {
  const head = view.getUint32(at + R_HEAD, true);
  const kind = head & 0xff, side = (head >>> 8) & 0xff, aux = head >>> 16;
  const a = view.getUint32(at + R_A, true), b = view.getUint32(at + R_B, true);
  const c = view.getUint32(at + R_C, true), d = view.getUint32(at + R_D, true);
  const t = wall ? view.getFloat64(at + R_TIME, true)
    : view.getUint32(at + R_TIME, true) + view.getUint32(at + R_TIME + 4, true) * 2 ** 32;
  switch (kind) {
    case TR_SEND: {
      const h = header(c);
      return { t, core, ev: 'send', ch: a, side, seq: b, slots: ((c >>> H_BATCH_SHIFT) & H_BATCH_MASK) + 1, type: h.type, first: h.first, last: (aux & H_LAST) !== 0, words: h.words, word: d };
    }
    case TR_RECV: return { t, core, ev: 'recv', ch: a, side, seq: b, ...header(c), word: d };
    case TR_SWITCH: return { t, core, ev: 'switch', from: id(c), to: aux === NONE16 ? null : id(a) };
    case TR_CREATE: return { t, core, ev: 'create', id: a, entry: b, asid: c };
    case TR_BLOCK: return { t, core, ev: 'block', id: a, call: syscallName(b) };
    case TR_WAKE: return { t, core, ev: 'wake', id: a };
    case TR_EXIT: return { t, core, ev: 'exit', id: a, code: b | 0 };
    case TR_FAULT: return { t, core, ev: 'fault', id: a, fault: faultText(b), addr: c, pc: d };
    case TR_CHAN: return { t, core, ev: 'chan', ch: a, slots: b, a: c, b: d };
    case TR_CLOSE: return { t, core, ev: 'close', ch: a, side };
    default: return undefined;
  }
}
