// Writing SVG and HTML as text: elements, escaping, a colour palette. The trace viewer and the
// topology picture build their pictures with these, on the host, so the files they produce
// need no script and no network to show.

/** Escapes text for an HTML/SVG text node or attribute value. */
export function esc(text: string | number): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export type Attrs = Record<string, string | number | undefined>;

/** `<tag a="…">children</tag>` (self-closing when there are no children); undefined attributes are left out. */
export function el(tag: string, attrs: Attrs = {}, ...children: (string | undefined)[]): string {
  const a = Object.entries(attrs).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${esc(typeof v === 'number' ? round(v) : v!)}"`).join('');
  const inner = children.filter((c) => c !== undefined).join('');
  return inner === '' && tag !== 'text' && tag !== 'title' ? `<${tag}${a}/>` : `<${tag}${a}>${inner}</${tag}>`;
}

/** Coordinates with at most two decimals: smaller files, same picture. */
export const round = (v: number) => Math.round(v * 100) / 100;

/** A `<title>` child: the tooltip a browser shows on hover. */
export const title = (text: string) => el('title', {}, esc(text));

/** A categorical palette (Tableau 10): distinct, readable on white. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Quieter colours, for what is background (the monitors' protocol). */
export const MUTED = ['#8c8c8c', '#7a9cc6', '#b39ccc', '#8fb89a', '#c9a27e', '#9a9ad0', '#cc9a9a', '#7fb5b5', '#b5b57f'];

/** Gives each name a colour, in the order the names are first asked for. */
export class Colours {
  private readonly given = new Map<string, string>();
  constructor(private readonly palette: readonly string[] = PALETTE) {}
  of(name: string): string {
    let c = this.given.get(name);
    if (!c) this.given.set(name, (c = this.palette[this.given.size % this.palette.length]));
    return c;
  }
  entries(): [string, string][] {
    return [...this.given.entries()];
  }
}

/** White-to-`hue` shade for a fraction 0..1 (heat maps, utilisation). */
export function shade(fraction: number, hue = [78, 121, 167]): string {
  const f = Math.max(0, Math.min(1, fraction));
  const mix = (c: number) => Math.round(255 + (c - 255) * f);
  return `rgb(${mix(hue[0])},${mix(hue[1])},${mix(hue[2])})`;
}
