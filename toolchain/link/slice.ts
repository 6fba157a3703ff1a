// Links the objects of one ISA into one "slice": their text at textBase(isa), their data at
// DATA_BASE and their bss right after, global symbols resolved, relocations applied. A fat
// image is several slices that agree on data and bss (see link.ts).
import type { Isa } from '../../isa/index.js';
import { DATA_BASE, HEAP_LIMIT, TEXT_REGION_SIZE, textBase } from '../../kernel/shared/addrspace.js';
import { SECTION_SYMBOLS } from '../as/sections.js';
import type { LineEntry, SectionKind, SymbolKind, WfxFile } from '../image/format.js';
import { applyReloc } from './relocate.js';

export interface LinkInput {
  /** the file name used in error messages */
  readonly file: string;
  readonly obj: WfxFile;
}

/** A symbol of a slice, with its final address and the kind of section it lies in. */
export interface SliceSymbol {
  readonly name: string;
  readonly addr: number;
  /** undefined for an absolute symbol (.equ) */
  readonly in?: SectionKind;
  readonly global: boolean;
  readonly kind: SymbolKind;
  readonly file: string;
}

export interface Slice {
  readonly isa: Isa;
  readonly files: readonly string[];
  readonly textAddr: number;
  readonly text: Uint8Array;
  readonly textAlign: number;
  readonly dataAddr: number;
  readonly data: Uint8Array;
  readonly dataAlign: number;
  readonly bssAddr: number;
  readonly bssSize: number;
  readonly bssAlign: number;
  readonly symbols: readonly SliceSymbol[];
  readonly lines: readonly LineEntry[];
}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;
const hex = (n: number) => '0x' + (n >>> 0).toString(16);

/**
 * Places each object's sections of kind `kind` one after another from `start`, each at its
 * own alignment. Returns the address of every (object, section index) and the end.
 */
function place(inputs: readonly LinkInput[], kind: SectionKind, start: number) {
  const addr = new Map<string, number>();
  let at = start;
  let align = 1;
  inputs.forEach((input, o) => input.obj.sections.forEach((s, i) => {
    if (s.kind !== kind) return;
    at = alignUp(at, s.align);
    align = Math.max(align, s.align);
    addr.set(`${o}:${i}`, at);
    at += s.size;
  }));
  return { addr, start, end: at, align };
}

/** Links one ISA's objects; problems are appended to `errors` (one line each). */
export function linkSlice(isa: Isa, inputs: readonly LinkInput[], errors: string[]): Slice {
  const text = place(inputs, 'text', textBase(isa.index));
  const data = place(inputs, 'data', DATA_BASE);
  const bssStart = alignUp(data.end, Math.max(1, ...inputs.flatMap((i) => i.obj.sections.filter((s) => s.kind === 'bss').map((s) => s.align))));
  const bss = place(inputs, 'bss', bssStart);
  if (text.end - text.start > TEXT_REGION_SIZE) {
    errors.push(`${isa.name} text is ${text.end - text.start} bytes, more than the ${TEXT_REGION_SIZE}-byte text region`);
  }
  if (bss.end > HEAP_LIMIT) errors.push(`data and bss end at ${hex(bss.end)}, above the heap limit ${hex(HEAP_LIMIT)}`);
  const layouts = { text, data, bss };
  const sectionAddr = (o: number, i: number) => layouts[inputs[o].obj.sections[i].kind as 'text' | 'data' | 'bss'].addr.get(`${o}:${i}`)!;

  // Symbols: every defined symbol gets its address; globals go into one table per slice.
  const symbols: SliceSymbol[] = [];
  const globals = new Map<string, SliceSymbol>();
  const addresses = inputs.map((input, o) => input.obj.symbols.map((sym): number | undefined => {
    if (sym.section === -2) return undefined;
    const section = sym.section >= 0 ? input.obj.sections[sym.section] : undefined;
    const addr = section ? sectionAddr(o, sym.section) + sym.value : sym.value;
    const s: SliceSymbol = { name: sym.name, addr, in: section?.kind, global: sym.global, kind: sym.kind, file: input.file };
    if (!(section && SECTION_SYMBOLS.includes(sym.name))) symbols.push(s);
    if (sym.global) {
      const other = globals.get(sym.name);
      if (other) errors.push(`duplicate symbol ${sym.name}: defined in ${other.file} and in ${input.file}`);
      else globals.set(sym.name, s);
    }
    return addr;
  }));

  // Contents, then relocations against the final addresses.
  const textBytes = new Uint8Array(text.end - text.start);
  const dataBytes = new Uint8Array(data.end - data.start);
  const buffers = { text: textBytes, data: dataBytes };
  const lines: LineEntry[] = [];
  const undefinedSeen = new Set<string>();
  inputs.forEach((input, o) => {
    input.obj.sections.forEach((s, i) => {
      if (s.kind !== 'bss') buffers[s.kind].set(s.bytes, sectionAddr(o, i) - layouts[s.kind].start);
    });
    for (const l of input.obj.lines ?? []) lines.push({ ...l, section: 0, at: sectionAddr(o, l.section) + l.at });
    for (const r of input.obj.relocs) {
      const sym = input.obj.symbols[r.symbol];
      const S = addresses[o][r.symbol] ?? globals.get(sym.name)?.addr;
      if (S === undefined) {
        const key = `${sym.name}\0${input.file}`;
        if (!undefinedSeen.has(key)) errors.push(`undefined symbol ${sym.name} (referenced from ${input.file})`);
        undefinedSeen.add(key);
        continue;
      }
      const kind = input.obj.sections[r.section].kind as 'text' | 'data';
      const P = sectionAddr(o, r.section) + r.offset;
      const problem = applyReloc(r, S, P, buffers[kind], P - layouts[kind].start, isa);
      if (problem) errors.push(`${input.file}: relocation overflow at ${kind}+${hex(r.offset)} (reference to ${sym.name}): ${problem}`);
    }
  });

  return {
    isa, files: inputs.map((i) => i.file),
    textAddr: text.start, text: textBytes, textAlign: Math.max(text.align, isa.instrAlign),
    dataAddr: data.start, data: dataBytes, dataAlign: data.align,
    bssAddr: bss.start, bssSize: bss.end - bss.start, bssAlign: bss.align,
    symbols, lines,
  };
}

/**
 * The address of the entry point of a slice, or a problem. A global symbol wins over a local
 * one, and a local one in text over one elsewhere (objects may reuse local names).
 */
export function findEntry(slice: Slice, name: string | undefined, where: string): { addr: number } | { error: string } {
  const lookup = (n: string) =>
    slice.symbols.find((s) => s.name === n && s.global) ??
    slice.symbols.find((s) => s.name === n && s.in === 'text') ??
    slice.symbols.find((s) => s.name === n);
  if (name === undefined) {
    const found = [lookup('_start'), lookup('main')].find((s) => s?.in === 'text');
    return found ? { addr: found.addr } : { error: `no entry point${where}: define _start or main, or pass --entry` };
  }
  const found = lookup(name);
  if (!found) return { error: `entry point ${name} is not defined${where}` };
  if (found.in !== 'text') return { error: `entry point ${name} is not code (it is in ${found.in ?? 'no section: an .equ'})${where}` };
  return { addr: found.addr };
}
