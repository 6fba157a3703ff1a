// Messages in a trace: each one a send matched with its receive. A message travels on one
// ring of a channel (the sender's side) as consecutive slots, FIRST on the first and LAST on
// the last; the kernel records every batch of slots it publishes and every slot it takes that
// begins or ends a message (kernel/shared/trace.ts). A message is therefore
//   the send batch that holds its first slot  →  the receive of its last slot,
// matched by (channel, sender's side, sequence number) — never by time, since in parallel
// mode cores' events interleave only as closely as their clocks agree.
import { kindOf } from '../../os/protocol.js';
import type { RecvEvent, SendEvent, TraceEvent } from '../../machine/trace/event.js';
import type { TraceLog } from '../../machine/trace/log.js';

export interface TracedMessage {
  /** indices of the send and receive events in log.events */
  readonly send: number;
  readonly recv: number;
  readonly from: number;
  readonly to: number;
  readonly ch: number;
  /** a monitor protocol message (on the mesh) rather than a program's */
  readonly monitor: boolean;
  /** protocol message name, or the service the channel was bound to (or the channel address) */
  readonly label: string;
  /** the first word of the message */
  readonly word: number;
}

export const hex = (n: number) => '0x' + (n >>> 0).toString(16);

/** The name of monitor protocol message type `type`. */
export function protocolName(type: number): string {
  return kindOf(type) ?? `type ${type}`;
}

/** Every message whose receive is in the trace, in the order they were received. */
export function matchMessages(log: TraceLog): TracedMessage[] {
  const events = log.events;
  const [meshStart, meshEnd] = log.mesh;
  // the channel's name: the service it was bound to
  const services = new Map<number, string>();
  for (const e of events) if (e.ev === 'bind') services.set(e.ch, e.service);
  // send batches per ring (channel + sender's side), in sequence order
  const batches = new Map<string, { e: SendEvent; i: number }[]>();
  events.forEach((e, i) => {
    if (e.ev !== 'send') return;
    const key = `${e.ch}/${e.side}`;
    let list = batches.get(key);
    if (!list) batches.set(key, (list = []));
    list.push({ e, i });
  });
  const firstSeq = new Map<string, number>();
  const cursor = new Map<string, number>();
  const out: TracedMessage[] = [];
  events.forEach((e: TraceEvent, i) => {
    if (e.ev !== 'recv') return;
    const r = e as RecvEvent;
    const key = `${r.ch}/${r.side ^ 1}`;
    if (r.first) firstSeq.set(key, r.seq);
    if (!r.last) return;
    const seq = firstSeq.get(key) ?? r.seq;
    const list = batches.get(key) ?? [];
    // batches are consumed in order: move past the ones wholly before this message
    let k = cursor.get(key) ?? 0;
    while (k < list.length && ((seq - (list[k].e.seq + list[k].e.slots)) | 0) >= 0) k++;
    cursor.set(key, k);
    const b = list[k];
    if (!b || ((seq - b.e.seq) >>> 0) >= b.e.slots) return; // its send was not recorded
    const monitor = r.ch >= meshStart && r.ch < meshEnd;
    out.push({
      send: b.i, recv: i, from: b.e.core, to: r.core, ch: r.ch, monitor,
      label: monitor ? protocolName(b.e.type) : services.get(r.ch) ?? `channel ${hex(r.ch)}`,
      word: r.first ? r.word : b.e.word,
    });
  });
  return out;
}
