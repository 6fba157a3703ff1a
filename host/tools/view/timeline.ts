// Per-core timelines: for each core, when which dispatcher ran (a bar per interval, coloured
// by dispatcher) and when dispatchers waited blocked, above an area chart of how busy the core
// was over time, with its overall utilisation at the right.
import type { TraceLog } from '../../machine/trace/log.js';
import { type Interval, span, utilisation } from './intervals.js';
import { formatNs } from './sequence.js';
import { Colours, el, esc, title } from './svg.js';

const LEFT = 110;
const WIDTH = 900;
const LANE = 46;
const BUCKETS = 150;
/** Past this many intervals the bars are left out (the utilisation still shows). */
export const MAX_BARS = 8000;

export function timeline(log: TraceLog, cores: readonly number[], runs: readonly Interval[]): string {
  const { start, end } = span(log);
  const length = end - start || 1;
  const x = (t: number) => LEFT + ((t - start) / length) * WIDTH;
  const util = utilisation(log, BUCKETS, runs as Interval[]);
  const colours = new Colours();
  const parts: string[] = [];
  const top = 10;
  const bars = runs.length <= MAX_BARS;
  cores.forEach((c, i) => {
    const y0 = top + i * LANE;
    const spec = log.machine.cores[c];
    const busy = util[c].reduce((a, b) => a + b, 0) / BUCKETS;
    parts.push(el('text', { x: LEFT - 10, y: y0 + 16, class: 'tl-core' }, `core ${c}`));
    parts.push(el('text', { x: LEFT - 10, y: y0 + 30, class: 'tl-sub' }, esc(spec.isa)));
    parts.push(el('rect', { x: LEFT, y: y0, width: WIDTH, height: LANE - 6, class: 'tl-bg' }));
    // utilisation over time: an area along the lane's bottom half
    const base = y0 + LANE - 6, h = 16;
    const pts = util[c].map((u, b) => `${LEFT + ((b + 0.5) * WIDTH) / BUCKETS},${base - Math.min(1, u) * h}`);
    parts.push(el('polygon', { points: `${LEFT},${base} ${pts.join(' ')} ${LEFT + WIDTH},${base}`, class: 'tl-util' },
      title(`core ${c}: busy ${(busy * 100).toFixed(1)}% of the trace`)));
    parts.push(el('text', { x: LEFT + WIDTH + 8, y: y0 + 24, class: 'tl-pct' }, `${(busy * 100).toFixed(1)}%`));
  });
  if (bars) {
    const laneOf = new Map(cores.map((c, i) => [c, i]));
    for (const r of runs) {
      const i = laneOf.get(r.core);
      if (i === undefined) continue;
      const y0 = top + i * LANE;
      const w = Math.max(0.6, x(r.end) - x(r.start));
      const tip = `core ${r.core}: dispatcher ${r.id} ${r.kind === 'run' ? 'runs' : `blocked in ${r.call}`} from ${formatNs(r.start)} to ${formatNs(r.end)}`;
      parts.push(r.kind === 'run'
        ? el('rect', { x: x(r.start), y: y0 + 3, width: w, height: 12, fill: colours.of(String(r.id)), class: 'tl-run' }, title(tip))
        : el('rect', { x: x(r.start), y: y0 + 17, width: w, height: 3, class: 'tl-blocked' }, title(tip)));
    }
  }
  // time axis
  const axisY = top + cores.length * LANE + 4;
  for (let k = 0; k <= 5; k++) {
    const t = start + (length * k) / 5;
    parts.push(el('line', { x1: x(t), y1: axisY, x2: x(t), y2: axisY + 5, class: 'tl-tick' }));
    parts.push(el('text', { x: x(t), y: axisY + 18, class: 'tl-axis' }, esc(formatNs(t))));
  }
  const legend = colours.entries().slice(0, 7).map(([id, c], k) => el('g', {},
    el('rect', { x: LEFT + k * 130, y: axisY + 30, width: 12, height: 12, fill: c }),
    el('text', { x: LEFT + k * 130 + 17, y: axisY + 40, class: 'tl-legend' }, `dispatcher ${id}`)));
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', class: 'timeline', width: LEFT + WIDTH + 70, height: axisY + 52 },
    ...parts, ...legend, bars ? undefined : el('text', { x: LEFT, y: axisY + 40, class: 'tl-legend' }, `${runs.length} intervals: too many to draw one by one`));
}
