// A trace in the Chrome trace-event format (the JSON that Perfetto, ui.perfetto.dev, and
// chrome://tracing load): each core a process with two tracks — the dispatchers that ran on
// it, and its messages and monitor steps — and every message a flow arrow from its send to
// its receive. Times are microseconds: simulated (cycles at the core's clock rate) for a
// lockstep trace, wall clock for a parallel one.
import { type TraceEvent } from '../../machine/trace/event.js';
import { eventNs, type TraceLog } from '../../machine/trace/log.js';
import { hex, matchMessages } from './messages.js';
import { intervals } from './intervals.js';

/** One entry of the format's traceEvents list (only the fields used here). */
export interface ChromeEvent {
  name: string;
  ph: 'X' | 'i' | 's' | 'f' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  id?: number;
  bp?: 'e';
  s?: 't';
  args?: Record<string, unknown>;
}

/** tracks of a core's process */
const DISPATCHERS = 1;
const MESSAGES = 2;
/** how long a message's send or receive slice lasts, in µs: short, but something to hold the arrow */
const MARK = 0.001;

const pidOf = (core: number) => core + 1;

/** What a non-message event is called on its track, or undefined to leave it out. */
function instant(e: TraceEvent): { name: string; track: number; args?: Record<string, unknown> } | undefined {
  switch (e.ev) {
    case 'create': return { name: `create ${e.id}`, track: DISPATCHERS, args: { entry: hex(e.entry), asid: e.asid } };
    case 'exit': return { name: `exit ${e.id} (${e.code})`, track: DISPATCHERS };
    case 'fault': return { name: `fault ${e.id}: ${e.fault}`, track: DISPATCHERS, args: { addr: hex(e.addr), pc: hex(e.pc) } };
    case 'block': return { name: `${e.id} blocks in ${e.call}`, track: DISPATCHERS };
    case 'call': return { name: `monitor: ${e.call} for ${e.id}`, track: MESSAGES };
    case 'msend': return { name: `monitor: ${e.msg} → core ${e.to}`, track: MESSAGES, args: e.fields };
    case 'mrecv': return { name: `monitor: ${e.msg} from core ${e.from}`, track: MESSAGES, args: e.fields };
    case 'bind': return { name: `monitor: bind ${e.service}`, track: MESSAGES, args: { channel: hex(e.ch), client: e.client } };
    case 'chan': return { name: `channel ${hex(e.ch)} set up`, track: MESSAGES, args: { cores: [e.a, e.b], slots: e.slots } };
    case 'close': return { name: `channel ${hex(e.ch)} closed`, track: MESSAGES };
    default: return undefined;
  }
}

export function chromeTrace(log: TraceLog): { traceEvents: ChromeEvent[]; displayTimeUnit: 'ns'; otherData: Record<string, unknown> } {
  const us = (e: TraceEvent) => eventNs(log, e) / 1000;
  const out: ChromeEvent[] = [];
  log.machine.cores.forEach((c, core) => {
    const pid = pidOf(core);
    out.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: `core ${core} (${c.isa}, ${c.mhz} MHz)` } });
    out.push({ name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: core } });
    out.push({ name: 'thread_name', ph: 'M', pid, tid: DISPATCHERS, args: { name: 'dispatchers' } });
    out.push({ name: 'thread_name', ph: 'M', pid, tid: MESSAGES, args: { name: 'messages and monitor' } });
  });
  for (const r of intervals(log)) {
    if (r.kind !== 'run') continue;
    out.push({ name: `dispatcher ${r.id}`, cat: 'run', ph: 'X', pid: pidOf(r.core), tid: DISPATCHERS, ts: r.start / 1000, dur: (r.end - r.start) / 1000 });
  }
  for (const e of log.events) {
    const i = instant(e);
    if (i) out.push({ name: i.name, cat: e.ev, ph: 'i', s: 't', pid: pidOf(e.core), tid: i.track, ts: us(e), args: i.args });
  }
  const marks: ChromeEvent[] = [];
  matchMessages(log).forEach((m, id) => {
    const send = log.events[m.send], recv = log.events[m.recv];
    const cat = m.monitor ? 'monitor message' : 'message';
    const args = { from: m.from, to: m.to, channel: hex(m.ch), word: m.word };
    marks.push({ name: `send ${m.label}`, cat, ph: 'X', pid: pidOf(m.from), tid: MESSAGES, ts: us(send), dur: MARK, args });
    out.push({ name: m.label, cat, ph: 's', id, pid: pidOf(m.from), tid: MESSAGES, ts: us(send) });
    marks.push({ name: `recv ${m.label}`, cat, ph: 'X', pid: pidOf(m.to), tid: MESSAGES, ts: us(recv), dur: MARK, args });
    out.push({ name: m.label, cat, ph: 'f', bp: 'e', id, pid: pidOf(m.to), tid: MESSAGES, ts: us(recv) });
  });
  out.push(...nested(marks));
  return {
    traceEvents: out,
    displayTimeUnit: 'ns',
    otherData: {
      program: log.program, machine: log.machine.name, mode: log.mode,
      time: log.mode === 'lockstep' ? 'simulated (cycles at each core\'s clock)' : 'wall clock',
    },
  };
}

/**
 * Shortens mark slices so that on each track they never partly overlap (slices on one track
 * must nest): each ends before the next one at a later time begins.
 */
function nested(marks: ChromeEvent[]): ChromeEvent[] {
  const byTrack = new Map<number, ChromeEvent[]>();
  for (const m of marks) {
    const list = byTrack.get(m.pid) ?? [];
    list.push(m);
    byTrack.set(m.pid, list);
  }
  for (const list of byTrack.values()) {
    list.sort((a, b) => a.ts! - b.ts!);
    for (let i = 0, j = 0; i < list.length; i++) {
      while (j < list.length && list[j].ts! <= list[i].ts!) j++;
      if (j < list.length) list[i].dur = Math.min(MARK, (list[j].ts! - list[i].ts!) / 2);
    }
  }
  return marks;
}
