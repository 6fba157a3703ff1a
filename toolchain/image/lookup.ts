// Looking up addresses in a linked image: which source line and which symbol an address
// belongs to (for fault reports, traces and the debugger).
import type { LineEntry, WfxFile, WfxSymbol } from './format.js';

/** The index of the section that holds `addr`, or -1. */
export function sectionOf(image: WfxFile, addr: number): number {
  return image.sections.findIndex((s) => addr >= s.addr && addr < s.addr + Math.max(s.size, 1));
}

/** The source line of the instruction at `addr`: the last line entry at or below it. */
export function lineAt(image: WfxFile, addr: number): LineEntry | undefined {
  const sec = sectionOf(image, addr);
  let best: LineEntry | undefined;
  for (const l of image.lines ?? []) {
    if (l.section === sec && l.at <= addr && (!best || l.at >= best.at)) best = l;
  }
  return best;
}

/** The nearest symbol at or below `addr` in the same section, and the distance from it. */
function symbolAt(image: WfxFile, addr: number): { symbol: WfxSymbol; offset: number } | undefined {
  const sec = sectionOf(image, addr);
  if (sec < 0) return undefined;
  let best: WfxSymbol | undefined;
  for (const s of image.symbols) {
    if (s.section === sec && s.value <= addr && (!best || s.value > best.value || (s.value === best.value && s.global && !best.global))) best = s;
  }
  return best && { symbol: best, offset: addr - best.value };
}

/** `name` or `name+0x1c` for an address, or '' if no symbol covers it. */
export function symbolName(image: WfxFile, addr: number): string {
  const at = symbolAt(image, addr);
  return !at ? '' : at.offset === 0 ? at.symbol.name : `${at.symbol.name}+0x${at.offset.toString(16)}`;
}
