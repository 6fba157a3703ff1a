// The core-to-core message counts as a heat map: one row per sending core, one column per
// receiving core, darker for more messages, with the count in the cell. Programs' messages
// and the monitors' protocol messages are counted in separate maps.
import type { TracedMessage } from './messages.js';
import { el, esc, shade, title } from './svg.js';

const LABEL = 64;

/** counts[from][to] over `cores` (a list of core numbers) */
export function messageCounts(cores: readonly number[], messages: readonly TracedMessage[]): number[][] {
  const index = new Map(cores.map((c, i) => [c, i]));
  const counts = cores.map(() => cores.map(() => 0));
  for (const m of messages) {
    const a = index.get(m.from), b = index.get(m.to);
    if (a !== undefined && b !== undefined) counts[a][b]++;
  }
  return counts;
}

export function heatmap(caption: string, cores: readonly number[], counts: readonly (readonly number[])[], hue?: number[]): string {
  const cell = cores.length <= 8 ? 44 : cores.length <= 32 ? 22 : 10;
  const size = LABEL + cores.length * cell;
  const max = Math.max(1, ...counts.flat());
  const parts: string[] = [el('text', { x: 0, y: 14, class: 'hm-caption' }, esc(caption))];
  const top = 52;
  cores.forEach((c, i) => {
    if (cell >= 22 || i % 4 === 0) {
      parts.push(el('text', { x: LABEL + i * cell + cell / 2, y: top - 6, class: 'hm-axis' }, String(c)));
      parts.push(el('text', { x: LABEL - 6, y: top + i * cell + cell / 2 + 4, class: 'hm-axis hm-row' }, String(c)));
    }
  });
  parts.push(el('text', { x: LABEL + (cores.length * cell) / 2, y: 32, class: 'hm-axis' }, 'to core'));
  parts.push(el('text', { x: 12, y: top + (cores.length * cell) / 2, class: 'hm-axis', transform: `rotate(-90 12 ${top + (cores.length * cell) / 2})` }, 'from core'));
  counts.forEach((row, i) => row.forEach((n, j) => {
    parts.push(el('g', { class: 'hm-cell' },
      el('rect', { x: LABEL + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1, fill: n === 0 ? '#f4f4f4' : shade(0.15 + (0.85 * n) / max, hue) }),
      cell >= 22 && n > 0 ? el('text', { x: LABEL + j * cell + cell / 2, y: top + i * cell + cell / 2 + 4, class: n > max / 2 ? 'hm-n dark' : 'hm-n' }, String(n)) : undefined,
      title(`core ${cores[i]} → core ${cores[j]}: ${n} message${n === 1 ? '' : 's'}`)));
  }));
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', class: 'heatmap', width: Math.max(size + 10, LABEL + 8 * caption.length), height: top + cores.length * cell + 10 }, ...parts);
}
