// The message sequence chart: one vertical lane per core, time running down, one row per
// event shown (so bursts stay readable however close in time), an arrow from each message's
// send to its receive coloured by its channel (a program's service) or protocol message (the
// monitors'), and the dispatchers' starts, ends and faults and the monitors' steps on the lanes.
import type { TraceEvent } from '../../machine/trace/event.js';
import { eventNs, type TraceLog } from '../../machine/trace/log.js';
import type { TracedMessage } from './messages.js';
import { Colours, MUTED, PALETTE, el, esc, title } from './svg.js';

/** More rows than this are not drawn (the page says so): a chart nobody could read anyway. */
export const MAX_ROWS = 2500;
const ROW = 22;
const LANE = 190;
const LEFT = 96;
const TOP = 58;

/** 1234 ns → "1.234 µs" */
export function formatNs(ns: number): string {
  if (ns < 1000) return `${+ns.toFixed(1)} ns`;
  if (ns < 1e6) return `${(ns / 1000).toFixed(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(3)} ms`;
  return `${(ns / 1e9).toFixed(3)} s`;
}

/** The cores that appear in the trace (all of them if none does). */
export function activeCores(log: TraceLog): number[] {
  const seen = new Set(log.events.map((e) => e.core));
  const all = log.machine.cores.map((_, i) => i);
  return seen.size === 0 ? all : all.filter((c) => seen.has(c));
}

/** What an event other than a message end looks like on its lane, or undefined if it is not shown. */
function mark(e: TraceEvent): { text: string; tip: string; cls: string } | undefined {
  switch (e.ev) {
    case 'create': return { text: `start ${e.id}${e.fn ? ` ${e.fn}` : ''}`, tip: `dispatcher ${e.id} created (address space ${e.asid})`, cls: 'start' };
    case 'exit': return { text: `exit ${e.id} (${e.code})`, tip: `dispatcher ${e.id} exited with ${e.code}`, cls: 'exit' };
    case 'fault': return { text: `fault ${e.id}`, tip: `dispatcher ${e.id} faulted: ${e.fault}${e.fn ? ` in ${e.fn}` : ''}`, cls: 'fault' };
    case 'call': return { text: `${e.call}()`, tip: `the monitor serves ${e.call}() for dispatcher ${e.id}`, cls: 'call' };
    case 'bind': return { text: `bind ${e.service}`, tip: `channel bound to service "${e.service}" for a client on core ${e.client}`, cls: 'call' };
    default: return undefined;
  }
}

export interface SequenceChart {
  readonly svg: string;
  /** messages drawn, and those left out past MAX_ROWS */
  readonly drawn: number;
  readonly omitted: number;
  /** the colour of each channel (programs' first) and protocol message */
  readonly legend: readonly { label: string; colour: string; monitor: boolean }[];
}

export function sequenceChart(log: TraceLog, messages: readonly TracedMessage[]): SequenceChart {
  // programs' channels get the strong colours, the monitors' protocol the quiet ones
  const programs = new Colours(PALETTE), protocol = new Colours(MUTED);
  for (const m of messages) (m.monitor ? protocol : programs).of(m.label);
  const colourOf = (m: TracedMessage) => (m.monitor ? protocol : programs).of(m.label);
  const lanes = activeCores(log);
  const laneX = new Map(lanes.map((c, i) => [c, LEFT + i * LANE + LANE / 2]));
  // the events that get a row: message ends and marks, in trace order, up to MAX_ROWS
  const wanted = new Set<number>();
  let drawn = 0;
  for (const m of messages) {
    if (wanted.size + 2 > MAX_ROWS) break;
    wanted.add(m.send).add(m.recv);
    drawn++;
  }
  const lastRow = Math.max(-1, ...wanted);
  log.events.forEach((e, i) => {
    if (mark(e) && (wanted.size < MAX_ROWS) && (drawn === messages.length || i < lastRow)) wanted.add(i);
  });
  const rows = [...wanted].sort((a, b) => a - b);
  const rowOf = new Map(rows.map((ev, r) => [ev, r]));
  const y = (ev: number) => TOP + 18 + rowOf.get(ev)! * ROW;
  const width = LEFT + lanes.length * LANE + 20;
  const height = TOP + 30 + rows.length * ROW;
  const parts: string[] = [];
  parts.push(el('defs', {}, ...arrowMarkers(messages.slice(0, drawn).map(colourOf))));
  // lanes
  for (const c of lanes) {
    const x = laneX.get(c)!;
    const spec = log.machine.cores[c];
    parts.push(el('g', { class: 'lane', 'data-core': c },
      el('line', { x1: x, y1: TOP, x2: x, y2: height - 8, class: 'lane-line' }),
      el('rect', { x: x - 70, y: 6, width: 140, height: 40, rx: 6, class: `lane-head isa-${spec.isa}` }),
      el('text', { x, y: 24, class: 'lane-title' }, `core ${c}`),
      el('text', { x, y: 39, class: 'lane-sub' }, esc(`${spec.isa} · ${spec.mhz} MHz`))));
  }
  // time labels
  for (const ev of rows) {
    parts.push(el('text', { x: LEFT - 10, y: y(ev) + 4, class: 'time' }, esc(formatNs(eventNs(log, log.events[ev])))));
  }
  // marks
  for (const ev of rows) {
    const e = log.events[ev];
    const m = mark(e);
    if (!m) continue;
    const x = laneX.get(e.core)!;
    parts.push(el('g', { class: `mark ${m.cls}` },
      m.cls === 'fault'
        ? el('path', { d: `M${x - 5},${y(ev) - 5}l10,10m0,-10l-10,10`, class: 'fault-x' })
        : el('circle', { cx: x, cy: y(ev), r: m.cls === 'call' ? 3 : 5 }),
      el('text', { x: x + 9, y: y(ev) + 4 }, esc(m.text)),
      title(`core ${e.core}, ${formatNs(eventNs(log, e))}: ${m.tip}`)));
  }
  // arrows
  for (const m of messages.slice(0, drawn)) {
    const s = log.events[m.send], r = log.events[m.recv];
    const x1 = laneX.get(m.from)!, x2 = laneX.get(m.to)!;
    const y1 = y(m.send), y2 = y(m.recv);
    const colour = colourOf(m);
    const text = m.monitor ? m.label : `${m.label}: ${m.word | 0}`;
    const tip = `${m.monitor ? 'monitor message' : 'message'} ${m.label} from core ${m.from} to core ${m.to}` +
      `${m.monitor ? '' : `, first word ${m.word | 0}`}; sent at ${formatNs(eventNs(log, s))}, received at ${formatNs(eventNs(log, r))}` +
      ` (${formatNs(eventNs(log, r) - eventNs(log, s))} later)`;
    const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
    parts.push(el('g', { class: `msg${m.monitor ? ' monitor' : ''}`, 'data-label': m.label },
      el('line', { x1, y1, x2: x2 + (x2 > x1 ? -3 : 3), y2, stroke: colour, 'marker-end': `url(#arrow-${colourId(colour)})` }),
      el('text', { x: mx, y: my - 3, class: 'msg-label' }, esc(text)),
      title(tip)));
  }
  const svg = el('svg', { xmlns: 'http://www.w3.org/2000/svg', class: 'sequence', width, height, viewBox: `0 0 ${width} ${height}` }, ...parts);
  const legend = [
    ...programs.entries().map(([label, colour]) => ({ label, colour, monitor: false })),
    ...protocol.entries().map(([label, colour]) => ({ label, colour, monitor: true })),
  ];
  return { svg, drawn, omitted: messages.length - drawn, legend };
}

const colourId = (c: string) => c.replace(/[^0-9a-z]/gi, '');

/** An arrowhead per colour in use. */
function arrowMarkers(colours: readonly string[]): string[] {
  return [...new Set(colours)].map((c) => el('marker', { id: `arrow-${colourId(c)}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    el('path', { d: 'M0,0L10,5L0,10z', fill: c })));
}
