// `wasmfish view`'s page: one self-contained HTML file — its pictures are inline SVG drawn
// here, its style inline, no script and nothing fetched — with a summary of the run, the
// message sequence chart, the core-to-core message counts and the per-core timelines.
import type { TraceLog } from '../../machine/trace/log.js';
import { matchMessages } from './messages.js';
import { intervals, span } from './intervals.js';
import { heatmap, messageCounts } from './heatmap.js';
import { activeCores, formatNs, sequenceChart } from './sequence.js';
import { el, esc } from './svg.js';
import { timeline } from './timeline.js';

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 24px; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.sub { color: #666; } .warn { color: #b00; } .note { color: #666; font-size: 12px; }
.summary { display: flex; gap: 28px; flex-wrap: wrap; margin: 12px 0; }
.summary div { background: #f6f8fa; border-radius: 6px; padding: 6px 12px; } .summary b { display: block; font-size: 18px; }
.scroll { overflow: auto; max-height: 80vh; border: 1px solid #eee; border-radius: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 6px 0 10px; font-size: 12px; }
.legend span::before { content: ""; display: inline-block; width: 22px; height: 3px; margin: 0 6px 3px 0; background: var(--c); vertical-align: middle; }
.legend span.monitor::before { background: repeating-linear-gradient(90deg, var(--c) 0 5px, transparent 5px 8px); }
.maps { display: flex; gap: 36px; flex-wrap: wrap; }
svg text { font-family: system-ui, sans-serif; }
.lane-line { stroke: #c8c8c8; stroke-width: 1.5; }
.lane-head { fill: #eef2f7; stroke: #9aa9bb; } .lane-head.isa-s32 { fill: #f3eefa; } .lane-head.isa-a32 { fill: #eef8f1; }
.lane-title { font-size: 13px; font-weight: 600; text-anchor: middle; } .lane-sub { font-size: 11px; fill: #555; text-anchor: middle; }
.time { font-size: 10px; fill: #888; text-anchor: end; }
.msg line { stroke-width: 1.8; } .msg.monitor line { stroke-width: 1.2; stroke-dasharray: 5 3; }
.msg:hover line { stroke-width: 3.5; } .msg-label { font-size: 10px; text-anchor: middle; fill: #333; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.msg.monitor .msg-label { fill: #666; }
.mark text { font-size: 10.5px; fill: #333; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.mark.start circle { fill: #59a14f; } .mark.exit circle { fill: #444; } .mark.call circle { fill: #999; } .mark.call text { fill: #777; }
.fault-x { stroke: #d00; stroke-width: 2.5; } .mark.fault text { fill: #d00; font-weight: 600; }
.hm-caption { font-size: 13px; font-weight: 600; } .hm-axis { font-size: 11px; fill: #555; text-anchor: middle; } .hm-row { text-anchor: end; }
.hm-n { font-size: 11px; text-anchor: middle; fill: #222; } .hm-n.dark { fill: #fff; }
.tl-core { font-size: 12px; font-weight: 600; text-anchor: end; } .tl-sub { font-size: 11px; fill: #666; text-anchor: end; }
.tl-bg { fill: #fafafa; stroke: #e4e4e4; } .tl-util { fill: rgba(78,121,167,0.25); stroke: #4e79a7; stroke-width: 1; }
.tl-blocked { fill: #bbb; } .tl-pct { font-size: 12px; fill: #333; } .tl-tick { stroke: #999; }
.tl-axis { font-size: 10px; fill: #666; text-anchor: middle; } .tl-legend { font-size: 11px; fill: #444; }
`;

/** The page for a trace. */
export function tracePage(log: TraceLog): string {
  const messages = matchMessages(log);
  const cores = activeCores(log);
  const runs = intervals(log);
  const { start, end } = span(log);
  const seq = sequenceChart(log, messages);
  const program = messages.filter((m) => !m.monitor);
  const monitor = messages.filter((m) => m.monitor);
  const dropped = log.dropped.reduce((a, b) => a + b, 0);
  const dispatchers = log.events.filter((e) => e.ev === 'create').length;
  const faults = log.events.filter((e) => e.ev === 'fault').length;
  const stat = (label: string, value: string | number) => el('div', {}, el('b', {}, esc(value)), esc(label));
  const legend = seq.legend.map((l) => el('span', { style: `--c:${l.colour}`, class: l.monitor ? 'monitor' : undefined }, esc(l.label)));
  const time = log.mode === 'lockstep' ? 'simulated time (each core\'s cycles at its clock rate)' : 'wall-clock time';
  const body = [
    el('h1', {}, esc(`wasmfish trace: ${log.program || '(program)'}`)),
    el('div', { class: 'sub' }, esc(`machine ${log.machine.name} — ${log.machine.description}; ${log.mode} mode; times are ${time}`)),
    el('div', { class: 'summary' },
      stat('messages between programs', program.length), stat('monitor protocol messages', monitor.length),
      stat('dispatchers started', dispatchers), stat('faults', faults), stat('cores involved', `${cores.length} of ${log.machine.cores.length}`),
      stat('trace length', formatNs(end - start)), stat('events', log.events.length)),
    dropped > 0 ? el('p', { class: 'warn' }, esc(`${dropped} trace records were dropped (a core's trace buffer filled up between two drains): some messages may be missing.`)) : undefined,
    el('h2', {}, 'Messages between cores'),
    el('p', { class: 'note' }, esc('One lane per core, time running down (one row per event, so bursts stay readable; the times are on the left). Solid arrows: programs\' messages, labelled with their service and first word; dashed: the monitors\' protocol. Hover an arrow for details.')),
    el('div', { class: 'legend' }, ...legend),
    seq.omitted > 0 ? el('p', { class: 'warn' }, esc(`Showing the first ${seq.drawn} of ${messages.length} messages.`)) : undefined,
    el('div', { class: 'scroll' }, seq.svg),
    el('h2', {}, 'Who talks to whom'),
    el('div', { class: 'maps' },
      heatmap('programs\' messages', cores, messageCounts(cores, program)),
      heatmap('monitor protocol messages', cores, messageCounts(cores, monitor), [128, 128, 128])),
    el('h2', {}, 'Per-core timelines and utilisation'),
    el('p', { class: 'note' }, esc('Bars: which dispatcher ran on the core (grey below: a dispatcher blocked in a system call). Shaded area: the fraction of time a dispatcher ran; at the right, over the whole trace.')),
    timeline(log, cores, runs),
    el('p', { class: 'note' }, esc(`From ${formatNs(start)} to ${formatNs(end)}. Also in Perfetto: wasmfish view TRACE --chrome out.json, then open it at ui.perfetto.dev.`)),
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(`wasmfish trace: ${log.program}`)}</title>` +
    `<style>${STYLE}</style></head><body>\n${body.filter(Boolean).join('\n')}\n</body></html>\n`;
}
