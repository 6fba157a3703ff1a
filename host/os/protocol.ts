// The monitor protocol: every message monitors exchange, with its fields, defined once.
// A message travels as one URPC message (kernel/urpc.ts) of 32-bit words: its type in the
// slot header, then the fields in order, then (for messages that carry one) a string as
// a length word and its UTF-8 bytes, four to a word.
import { E_CLOSED } from '../../kernel/shared/channel.js';

export const MESSAGES = {
  /** a service was exported: every replica of the name service records it */
  register: { type: 1, fields: ['token', 'service', 'core', 'dispatcher'], text: true },
  registerAck: { type: 2, fields: ['token'], text: false },
  /** a client asks the service's core for a channel to it */
  bind: { type: 3, fields: ['token', 'service', 'core', 'dispatcher'], text: false },
  /** the channel's address, or an E_* error */
  bindReply: { type: 4, fields: ['token', 'channel'], text: false },
  /**
   * start a dispatcher of a domain on core `target`. Every spawn goes through the domain's
   * home, which counts the dispatcher before forwarding it, so a domain never looks ended
   * while one of its dispatchers is being started.
   */
  spawn: { type: 5, fields: ['token', 'domain', 'home', 'image', 'root', 'entry', 'arg', 'target'], text: false },
  /** the new dispatcher's id, or an E_* error */
  spawnReply: { type: 6, fields: ['token', 'dispatcher'], text: false },
  /** the exit code of a dispatcher of `domain` (of no other), once it has ended */
  join: { type: 7, fields: ['token', 'dispatcher', 'domain'], text: false },
  joinReply: { type: 8, fields: ['token', 'code'], text: false },
  /** to a domain's home: one of its dispatchers on the sending core ended */
  dispatcherEnded: { type: 10, fields: ['domain'], text: false },
  /** from a domain's home: the domain has no dispatchers left; free what you hold of it */
  domainEnded: { type: 11, fields: ['domain'], text: false },
  /** to a domain's home: grow its heap */
  memgrow: { type: 12, fields: ['token', 'domain', 'bytes'], text: false },
  memgrowReply: { type: 13, fields: ['token', 'result'], text: false },
  /** ask another monitor for frames from its share */
  frames: { type: 14, fields: ['token', 'count'], text: false },
  /** the frames given (possibly none), as runs [start, count, …] after the fields */
  framesReply: { type: 15, fields: ['token', 'count'], text: false },
  /** measuring round trips (the SKB): answered at once */
  ping: { type: 16, fields: ['token'], text: false },
  pong: { type: 17, fields: ['token'], text: false },
  /** a domain's page table changed (its data became shared): drop its TLB entries */
  tlbFlush: { type: 18, fields: ['domain'], text: false },
  /** to a domain's home: unmap pages, shooting down every core's TLB entries for them */
  unmap: { type: 19, fields: ['token', 'domain', 'va', 'pages'], text: false },
  unmapReply: { type: 20, fields: ['token', 'result'], text: false },
  /**
   * drop the TLB entries of these pages, and (multicast) pass the request on to the cores
   * listed after the fields; answer once they have all answered
   */
  invalidate: { type: 21, fields: ['token', 'domain', 'va', 'pages'], text: false },
  invalidateAck: { type: 22, fields: ['token'], text: false },
  /** two-phase commit: can you apply this change to your replica? (lock it if so) */
  prepare: { type: 23, fields: ['token', 'txn', 'delta'], text: false },
  vote: { type: 24, fields: ['token', 'yes'], text: false },
  /** two-phase commit: apply (commit = 1) or drop (0) the prepared change */
  decide: { type: 25, fields: ['token', 'txn', 'commit'], text: false },
  decided: { type: 26, fields: ['token'], text: false },
} as const;

export type Kind = keyof typeof MESSAGES;
export type Fields<K extends Kind> = { [F in (typeof MESSAGES)[K]['fields'][number]]: number };

/** The exit code join() reports for a dispatcher that faulted (or was killed with its core). */
export const FAULTED_EXIT = 139;

/**
 * What each request gets in place of its reply when the monitor it went to has died with its
 * core: a request fails the way its system call fails when the resource is not there, and an
 * acknowledgement from a core that no longer runs anything is as good as given.
 */
export const FAILED_REPLIES: { readonly [K in Kind]?: { readonly kind: Kind; readonly fields: Readonly<Record<string, number>> } } = {
  register: { kind: 'registerAck', fields: {} },
  bind: { kind: 'bindReply', fields: { channel: E_CLOSED } },
  spawn: { kind: 'spawnReply', fields: { dispatcher: E_CLOSED } },
  join: { kind: 'joinReply', fields: { code: FAULTED_EXIT } },
  memgrow: { kind: 'memgrowReply', fields: { result: -1 } },
  frames: { kind: 'framesReply', fields: { count: 0 } },
  ping: { kind: 'pong', fields: {} },
  unmap: { kind: 'unmapReply', fields: { result: -1 } },
  invalidate: { kind: 'invalidateAck', fields: {} },
  prepare: { kind: 'vote', fields: { yes: 0 } },
  decide: { kind: 'decided', fields: {} },
};

/** The kinds of message that answer a request (by its token). */
export const REPLY_KINDS: ReadonlySet<Kind> = new Set(Object.values(FAILED_REPLIES).map((f) => f!.kind));

/** The reply `token`'s request of `kind` gets from a monitor that died (FAILED_REPLIES). */
export function failedReply(kind: Kind, token: number): Message | undefined {
  const f = FAILED_REPLIES[kind];
  return f && { kind: f.kind, fields: { ...f.fields, token } as Fields<Kind>, extra: [] };
}

export interface Message<K extends Kind = Kind> {
  readonly kind: K;
  readonly fields: Fields<K>;
  /** the string, for messages that carry one */
  readonly text?: string;
  /** words after the fields (framesReply: the frames) */
  readonly extra?: readonly number[];
}

const byType = new Map<number, Kind>(Object.entries(MESSAGES).map(([k, v]) => [v.type, k as Kind]));

/** The kind of message type `type`, or undefined for a type the protocol does not have. */
export const kindOf = (type: number): Kind | undefined => byType.get(type);

/** The words of a message (without its type, which goes in the slot header). */
export function encode<K extends Kind>(m: Message<K>): { type: number; words: number[] } {
  const spec = MESSAGES[m.kind];
  const words = spec.fields.map((f) => (m.fields as Record<string, number>)[f] >>> 0);
  if (spec.text) {
    const bytes = new TextEncoder().encode(m.text ?? '');
    words.push(bytes.length);
    for (let i = 0; i < bytes.length; i += 4) {
      words.push((bytes[i] | (bytes[i + 1] ?? 0) << 8 | (bytes[i + 2] ?? 0) << 16 | (bytes[i + 3] ?? 0) << 24) >>> 0);
    }
  }
  for (const x of m.extra ?? []) words.push(x >>> 0);
  return { type: spec.type, words };
}

/** A received message, or undefined for an unknown type or a malformed body. */
export function decode(type: number, words: readonly number[]): Message | undefined {
  const kind = kindOf(type);
  if (!kind) return undefined;
  const spec = MESSAGES[kind];
  if (words.length < spec.fields.length) return undefined;
  const fields: Record<string, number> = {};
  spec.fields.forEach((f, i) => { fields[f] = words[i] | 0; });
  let at = spec.fields.length;
  let text: string | undefined;
  if (spec.text) {
    const len = words[at++] ?? 0;
    const bytes = new Uint8Array(len);
    for (let i = 0; i < len; i++) bytes[i] = (words[at + (i >> 2)] >>> ((i & 3) * 8)) & 0xff;
    at += Math.ceil(len / 4);
    text = new TextDecoder().decode(bytes);
  }
  return { kind, fields: fields as Fields<Kind>, text, extra: words.slice(at) };
}

/** A message's fields in the order the protocol declares them (for traces). */
export function fieldsOf(m: { kind: Kind; fields: object }): Record<string, number> {
  return Object.fromEntries(MESSAGES[m.kind].fields.map((f) => [f, (m.fields as Record<string, number>)[f]]));
}
