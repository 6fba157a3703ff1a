// The rules a well-formed object or image obeys beyond its byte structure (which read.ts
// checks): where sections may lie, what symbols, relocations and line entries may point at.
// The loader, linker and disassembler rely on these, so they need no checks of their own.
import { isaByName } from '../../isa/index.js';
import { DATA_BASE, HEAP_LIMIT, TEXT_REGION_SIZE, textBase } from '../../kernel/shared/addrspace.js';
import { UserError } from '../errors.js';
import { hex } from '../hex.js';
import type { Section, WfxFile } from './format.js';

/** "section 0 (r32 text)" */
export function describeSection(s: Section, i: number): string {
  return `section ${i} (${s.isa ? s.isa + ' ' : ''}${s.kind})`;
}

/** The address range [lo, hi) a section may occupy in an image. */
function regionOf(s: Section): { lo: number; hi: number } {
  if (s.kind !== 'text') return { lo: DATA_BASE, hi: HEAP_LIMIT };
  const lo = textBase(isaByName(s.isa!)!.index);
  return { lo, hi: lo + TEXT_REGION_SIZE };
}

/** Throws a one-line UserError naming `name` and the first problem found. */
export function checkWfx(file: WfxFile, name: string): void {
  const fail = (problem: string): never => {
    throw new UserError(`${name}: ${problem}`);
  };
  const image = file.kind === 'image';
  const { sections } = file;
  // where a symbol value, relocation offset or line address of a section is measured from
  const base = (s: Section) => (image ? s.addr : 0);

  sections.forEach((s, i) => {
    const what = describeSection(s, i);
    if (s.align < 1 || s.align > 65536 || (s.align & (s.align - 1)) !== 0) fail(`${what} has alignment ${s.align}, not a power of two up to 65536`);
    if (s.kind !== 'bss' && s.bytes.length !== s.size) fail(`${what} has ${s.bytes.length} bytes of contents for its size ${s.size}`);
    if (s.entry !== undefined && (!image || s.kind !== 'text')) fail(`${what} has an entry point, but only text sections of images have one`);
    if (!image) {
      if (s.addr !== 0) fail(`${what} of an object has address ${hex(s.addr)}; object sections start at 0`);
      return;
    }
    const { lo, hi } = regionOf(s);
    if (s.addr < lo || s.addr + s.size > hi) {
      fail(`${what} at ${hex(s.addr)}..${hex(s.addr + s.size)} lies outside its region ${hex(lo)}..${hex(hi)}`);
    }
    if (s.addr % s.align !== 0) fail(`${what} at ${hex(s.addr)} is not aligned to ${s.align} bytes`);
    if (s.kind === 'text') {
      if (s.entry === undefined) fail(`${what} has no entry point`);
      if (s.entry! < s.addr || s.entry! >= s.addr + s.size) {
        fail(`the entry point ${hex(s.entry!)} of ${what} lies outside it (${hex(s.addr)}..${hex(s.addr + s.size)})`);
      }
    }
  });
  checkSectionCounts(file, fail);
  if (image) checkOverlaps(sections, fail);

  file.symbols.forEach((sym, i) => {
    const what = `symbol ${i} (${sym.name})`;
    if (sym.section === -1) return;
    if (sym.section === -2) {
      if (image) fail(`${what} is undefined, but an image has no undefined symbols`);
      return;
    }
    const s = sections[sym.section] ?? fail(`${what} is in section ${sym.section}, but there are ${sections.length} sections`);
    if (sym.value < base(s) || sym.value > base(s) + s.size) fail(`${what} at ${hex(sym.value)} lies outside ${describeSection(s, sym.section)}`);
  });

  if (image && file.relocs.length) fail('an image cannot have relocations (it is already linked)');
  file.relocs.forEach((r, i) => {
    const what = `relocation ${i}`;
    const s = sections[r.section] ?? fail(`${what} patches section ${r.section}, but there are ${sections.length} sections`);
    if (s.kind === 'bss') fail(`${what} patches a bss section, which has no contents`);
    if (r.symbol >= file.symbols.length) fail(`${what} refers to symbol ${r.symbol}, but there are ${file.symbols.length} symbols`);
    const siteSize = r.kind === 'abs32' ? 4 : r.insnSize!;
    if (r.offset + siteSize > s.size) {
      fail(`${what} (${siteSize} bytes at offset ${r.offset}) lies outside ${describeSection(s, r.section)} of ${s.size} bytes`);
    }
    if (r.kind === 'field') {
      if (s.kind !== 'text') fail(`${what} patches an instruction field in a ${s.kind} section`);
      if (r.insnSize! < 1 || r.fieldWidth! < 1 || r.fieldLo! + r.fieldWidth! > r.insnSize! * 8) {
        fail(`${what} patches bits ${r.fieldLo}..${r.fieldLo! + r.fieldWidth!} of a ${r.insnSize}-byte instruction`);
      }
      if (r.fieldKind === 'pcrel' && ![1, 2, 4].includes(r.scale!)) fail(`${what} has pc-relative scale ${r.scale} (must be 1, 2 or 4)`);
    }
  });

  (file.lines ?? []).forEach((l, i) => {
    const what = `line entry ${i}`;
    const s = sections[l.section] ?? fail(`${what} is in section ${l.section}, but there are ${sections.length} sections`);
    if (s.kind !== 'text') fail(`${what} is in a ${s.kind} section; only text has lines`);
    if (l.at < base(s) || l.at > base(s) + s.size) fail(`${what} at ${hex(l.at)} lies outside ${describeSection(s, l.section)}`);
    if (l.line < 1) fail(`${what} has line number ${l.line}; lines count from 1`);
  });
}

/** objects: one text (it names the ISA), at most one data and bss; images: one text per ISA */
function checkSectionCounts(file: WfxFile, fail: (problem: string) => never): void {
  const count = (pred: (s: Section) => boolean) => file.sections.filter(pred).length;
  for (const kind of ['data', 'bss'] as const) {
    const n = count((s) => s.kind === kind);
    if (n > 1) fail(`${n} ${kind} sections; a file has at most one`);
  }
  if (file.kind === 'object') {
    const n = count((s) => s.kind === 'text');
    if (n !== 1) fail(`an object needs exactly one text section (it names the object's ISA), this one has ${n}`);
    return;
  }
  const seen = new Set<string>();
  for (const s of file.sections) {
    if (s.kind !== 'text') continue;
    if (seen.has(s.isa!)) fail(`more than one ${s.isa} text section; an image has one per ISA`);
    seen.add(s.isa!);
  }
  if (seen.size === 0) fail('an image needs at least one text section');
}

function checkOverlaps(sections: readonly Section[], fail: (problem: string) => never): void {
  const order = sections.map((s, i) => ({ s, i })).filter(({ s }) => s.size > 0).sort((a, b) => a.s.addr - b.s.addr);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const next = order[k];
    if (prev.s.addr + prev.s.size > next.s.addr) {
      fail(`${describeSection(prev.s, prev.i)} and ${describeSection(next.s, next.i)} overlap at ${hex(next.s.addr)}`);
    }
  }
}
