// Where a breakpoint goes: an address, a label, or a source line `file:line` (from the
// image's line table — assembly lines, or a compiler's through `.loc`, so Minnow programs get
// the same), resolved to code addresses. A fat image has one text slice per ISA at its own
// addresses, so a label or line can stand for several addresses: one per slice.
import type { WfxFile } from '../../../toolchain/image/format.js';
import { UserError } from '../../../toolchain/errors.js';
import { lineAt, symbolName } from '../../../toolchain/image/lookup.js';
import { fnLabel } from '../../../toolchain/cc/check.js';
import { parseInteger } from '../ints.js';
import { hex } from '../../../toolchain/hex.js';

export interface Breakpoint {
  readonly id: number;
  /** what the user typed */
  readonly spec: string;
  readonly addrs: readonly number[];
}

const isText = (image: WfxFile, section: number) => image.sections[section]?.kind === 'text';

/** `0x10008`, `65544` */
function parseAddress(text: string): number | undefined {
  const n = parseInteger(text);
  return Number.isNaN(n) ? undefined : n;
}

/** Does a line table's file name match what the user typed (the name, or a path ending in it)? */
function sameFile(table: string, typed: string): boolean {
  return table === typed || table.endsWith('/' + typed) || typed.endsWith('/' + table) ||
    table.split('/').pop() === typed.split('/').pop();
}

/** The code addresses of a breakpoint spec, or a UserError saying why there are none. */
export function resolveBreakpoint(image: WfxFile, spec: string): number[] {
  const addr = parseAddress(spec);
  if (addr !== undefined) {
    const inCode = image.sections.some((s) => s.kind === 'text' && addr >= s.addr && addr < s.addr + s.size);
    if (!inCode) throw new UserError(`${spec}: not an address in the program's code`);
    return [addr];
  }
  const m = /^(.+):(\d+)$/.exec(spec);
  if (m) {
    const [, file, lineText] = m;
    const line = Number(lineText);
    const rows = (image.lines ?? []).filter((l) => isText(image, l.section) && sameFile(l.file, file));
    if (rows.length === 0) {
      const files = [...new Set((image.lines ?? []).map((l) => l.file))];
      throw new UserError(`${file}: not a source file of this program (${files.length ? `its files: ${files.join(', ')}` : 'it has no line table'})`);
    }
    // the line asked for, or the next one that has code (a comment or blank line has none)
    const next = Math.min(...rows.filter((l) => l.line >= line).map((l) => l.line));
    if (!Number.isFinite(next)) throw new UserError(`${spec}: no code at or after line ${line} (the last line with code is ${Math.max(...rows.map((l) => l.line))})`);
    // each slice's first address for that line
    const bySection = new Map<number, number>();
    for (const l of rows) if (l.line === next && (!bySection.has(l.section) || l.at < bySection.get(l.section)!)) bySection.set(l.section, l.at);
    return [...bySection.values()].sort((a, b) => a - b);
  }
  // a Minnow function `pong` is the label f_pong (toolchain/cc fnLabel)
  const named = (name: string) => image.symbols.filter((s) => s.name === name && isText(image, s.section));
  const syms = named(spec).length > 0 ? named(spec) : named(fnLabel(spec));
  if (syms.length === 0) {
    if (!/^[A-Za-z_.$][\w.$]*$/.test(spec)) throw new UserError(`${spec}: expected an address (0x…), a label, or file:line`);
    throw new UserError(`${spec}: no such label in the program's code`);
  }
  return [...new Set(syms.map((s) => s.value))].sort((a, b) => a - b);
}

/** `0x00010008 <main+0x8> [pingpong-r32.s:30]` */
export function describeAddress(image: WfxFile, addr: number): string {
  const sym = symbolName(image, addr);
  const line = lineAt(image, addr);
  return `${hex(addr)}${sym ? ` <${sym}>` : ''}${line ? ` [${line.file}:${line.line}]` : ''}`;
}
