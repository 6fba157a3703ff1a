// `wasmfish topo --svg`: a machine as a picture. Packages are boxes on a grid, joined by
// their interconnect links (package pairs one hop apart) labelled with the cache-line
// latency across them; inside, the cores coloured by ISA, with a dashed outline around cores
// that share a cache.
import { el, esc, title } from '../view/svg.js';
import { type Topology, lineLatency } from '../../hardware/topology.js';
import { packages } from './describe.js';

const ISA_COLOUR: Record<string, string> = { r32: '#4e79a7', s32: '#b07aa1', a32: '#59a14f' };
const CORE_W = 74, CORE_H = 46, GAP = 10, PAD = 14, HEAD = 26, PKG_GAP = 110, MARGIN = 24, TITLE = 56;
const PER_ROW = 8;

export function topologySvg(t: Topology): string {
  const pk = packages(t);
  const most = Math.max(...pk.map((p) => p.groups.reduce((n, g) => n + g.cores.length, 0)));
  const perRow = Math.min(PER_ROW, most);
  const rows = Math.ceil(most / perRow);
  const pw = PAD * 2 + perRow * CORE_W + (perRow - 1) * GAP;
  const ph = HEAD + PAD + rows * CORE_H + (rows - 1) * GAP + PAD;
  // packages two to a row keep ladders and squares of links straight
  const cols = pk.length <= 3 ? pk.length : pk.length <= 8 ? 2 : Math.ceil(Math.sqrt(pk.length));
  const vgap = PKG_GAP * 0.7;
  const at = (i: number) => ({ x: MARGIN + (i % cols) * (pw + PKG_GAP), y: TITLE + Math.floor(i / cols) * (ph + vgap) });
  const l = t.latency;
  const latencies = `a cache line moves in: shared cache ${l.sharedCache}, same die ${l.sameDie}, 1 hop ${l.oneHop}, 2 hops ${l.twoHops} cycles (+${l.extraHop} per further hop)`;
  const width = Math.max(MARGIN * 2 + cols * pw + (cols - 1) * PKG_GAP, MARGIN * 2 + latencies.length * 6.2);
  const prows = Math.ceil(pk.length / cols);
  const height = TITLE + prows * ph + (prows - 1) * vgap + 66;
  const parts: string[] = [];
  parts.push(el('text', { x: MARGIN, y: 24, class: 'title' }, esc(t.name)));
  parts.push(el('text', { x: MARGIN, y: 42, class: 'sub' }, esc(t.description)));
  // links first, under the boxes
  const indexOf = new Map(pk.map((p, i) => [p.pkg, i]));
  const firstCore = (pkg: number) => t.cores.findIndex((c) => c.package === pkg);
  for (const a of pk) {
    for (const b of pk) {
      if (b.pkg <= a.pkg || t.packageHops[a.pkg][b.pkg] !== 1) continue;
      const pa = at(indexOf.get(a.pkg)!), pb = at(indexOf.get(b.pkg)!);
      const x1 = pa.x + pw / 2, y1 = pa.y + ph / 2, x2 = pb.x + pw / 2, y2 = pb.y + ph / 2;
      const cycles = lineLatency(t, firstCore(a.pkg), firstCore(b.pkg));
      parts.push(el('g', { class: 'link' },
        el('line', { x1, y1, x2, y2 }),
        el('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6, class: 'link-label' }, esc(`${cycles} cycles`)),
        title(`package ${a.pkg} ↔ package ${b.pkg}: one hop, a cache line moves in ${cycles} cycles`)));
    }
  }
  pk.forEach((p, i) => {
    const { x, y } = at(i);
    const inner: string[] = [
      el('rect', { x, y, width: pw, height: ph, rx: 10, class: 'package' }),
      el('text', { x: x + PAD, y: y + 18, class: 'pkg-title' }, `package ${p.pkg}`),
    ];
    let k = 0;
    for (const g of p.groups) {
      const startK = k;
      for (const c of g.cores) {
        const cx = x + PAD + (k % perRow) * (CORE_W + GAP), cy = y + HEAD + PAD + Math.floor(k / perRow) * (CORE_H + GAP);
        const spec = t.cores[c];
        inner.push(el('g', { class: 'core', 'data-core': c },
          el('rect', { x: cx, y: cy, width: CORE_W, height: CORE_H, rx: 5, fill: ISA_COLOUR[spec.isa] ?? '#888' }),
          el('text', { x: cx + CORE_W / 2, y: cy + 19, class: 'core-id' }, `core ${c}`),
          el('text', { x: cx + CORE_W / 2, y: cy + 36, class: 'core-sub' }, esc(`${spec.isa} · ${+(spec.mhz / 1000).toFixed(2)} GHz`)),
          title(`core ${c}: ${spec.isa} at ${spec.mhz} MHz, package ${spec.package}, cache group ${spec.cacheGroup}`)));
        k++;
      }
      // a shared cache: outline the group's cores (row by row)
      if (g.cores.length > 1) {
        for (let r = Math.floor(startK / perRow); r <= Math.floor((k - 1) / perRow); r++) {
          const from = Math.max(startK, r * perRow) % perRow, to = Math.min(k - 1, r * perRow + perRow - 1) % perRow;
          const gx = x + PAD + from * (CORE_W + GAP) - 4, gy = y + HEAD + PAD + r * (CORE_H + GAP) - 4;
          inner.push(el('rect', { x: gx, y: gy, width: (to - from + 1) * (CORE_W + GAP) - GAP + 8, height: CORE_H + 8, rx: 7, class: 'cache' },
            title(`cores ${g.cores.join(', ')} share a cache: ${t.latency.sharedCache} cycles between them`)));
        }
      }
    }
    parts.push(el('g', { class: 'pkg', 'data-package': p.pkg }, ...inner));
  });
  const isas = [...new Set(t.cores.map((c) => c.isa))];
  const ly = height - 38;
  isas.forEach((isa, i) => {
    parts.push(el('rect', { x: MARGIN + i * 52, y: ly - 10, width: 12, height: 12, rx: 2, fill: ISA_COLOUR[isa] }));
    parts.push(el('text', { x: MARGIN + i * 52 + 17, y: ly, class: 'legend' }, isa));
  });
  parts.push(el('text', { x: MARGIN, y: ly + 22, class: 'legend' }, esc(latencies)));
  const style = el('style', {}, `
text { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
.title { font-size: 17px; font-weight: 600; } .sub { font-size: 12px; fill: #555; }
.package { fill: #f7f8fa; stroke: #8a96a6; stroke-width: 1.5; } .pkg-title { font-size: 12px; font-weight: 600; fill: #444; }
.core-id { font-size: 12px; font-weight: 600; fill: #fff; text-anchor: middle; } .core-sub { font-size: 9.5px; fill: #fff; text-anchor: middle; }
.cache { fill: none; stroke: #e15759; stroke-width: 1.5; stroke-dasharray: 4 3; }
.link line { stroke: #9aa5b1; stroke-width: 5; stroke-linecap: round; } .link-label { font-size: 11px; fill: #333; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
.legend { font-size: 11px; fill: #444; }`);
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height: height, viewBox: `0 0 ${width} ${height}`, class: 'topology' },
    style, el('rect', { x: 0, y: 0, width, height, fill: '#fff' }), ...parts) + '\n';
}
