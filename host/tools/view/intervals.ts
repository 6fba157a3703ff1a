// Per-core timelines from a trace: when each dispatcher ran on its core (between context
// switches) and when it waited blocked in a system call, in nanoseconds; and how busy each
// core was over time. The HTML view and the Chrome trace both draw these.
import { eventNs, type TraceLog } from '../../machine/trace/log.js';

export interface Interval {
  readonly core: number;
  readonly id: number;
  readonly start: number;
  readonly end: number;
  /** running on the core, or blocked in system call `call` */
  readonly kind: 'run' | 'blocked';
  readonly call?: string;
}

/** The trace's time span in nanoseconds. */
export function span(log: TraceLog): { start: number; end: number } {
  const ev = log.events;
  if (ev.length === 0) return { start: 0, end: 0 };
  let start = Infinity, end = -Infinity;
  for (const e of ev) {
    const t = eventNs(log, e);
    if (t < start) start = t;
    if (t > end) end = t;
  }
  return { start, end };
}

/** Running and blocked intervals of every dispatcher; open ones end with the trace. */
export function intervals(log: TraceLog): Interval[] {
  const out: Interval[] = [];
  const end = span(log).end;
  const running = new Map<number, { id: number; start: number }>();
  const blocked = new Map<number, { core: number; start: number; call: string }>();
  for (const e of log.events) {
    const t = eventNs(log, e);
    if (e.ev === 'switch') {
      const r = running.get(e.core);
      if (r) out.push({ core: e.core, id: r.id, start: r.start, end: t, kind: 'run' });
      running.delete(e.core);
      if (e.to !== null) running.set(e.core, { id: e.to, start: t });
    } else if (e.ev === 'block') {
      blocked.set(e.id, { core: e.core, start: t, call: e.call });
    } else if (e.ev === 'wake' || e.ev === 'exit' || e.ev === 'fault') {
      const b = blocked.get(e.id);
      if (b) out.push({ core: b.core, id: e.id, start: b.start, end: t, kind: 'blocked', call: b.call });
      blocked.delete(e.id);
    }
  }
  for (const [core, r] of running) out.push({ core, id: r.id, start: r.start, end, kind: 'run' });
  for (const [id, b] of blocked) out.push({ core: b.core, id, start: b.start, end, kind: 'blocked', call: b.call });
  return out.sort((a, b) => a.start - b.start || a.core - b.core);
}

/**
 * How busy each core was: the fraction of each of `buckets` equal slices of the trace's span
 * during which a dispatcher ran on it.
 */
export function utilisation(log: TraceLog, buckets: number, runs = intervals(log)): number[][] {
  const { start, end } = span(log);
  const width = (end - start) / buckets || 1;
  const out = log.machine.cores.map(() => new Array<number>(buckets).fill(0));
  for (const r of runs) {
    if (r.kind !== 'run') continue;
    for (let b = Math.max(0, Math.floor((r.start - start) / width)); b < buckets; b++) {
      const lo = start + b * width, hi = lo + width;
      if (lo >= r.end) break;
      out[r.core][b] += Math.max(0, Math.min(hi, r.end) - Math.max(lo, r.start)) / width;
    }
  }
  return out;
}
