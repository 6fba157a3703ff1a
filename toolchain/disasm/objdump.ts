// `wasmfish objdump`: a readable listing of an object or image — its sections, the
// disassembly of each text slice, a hex and ASCII dump of data, and for objects the symbol
// and relocation tables. Text in the listing is assembler syntax throughout.
import type { Field, IsaName } from '../../isa/index.js';
import { SECTION_SYMBOLS } from '../as/sections.js';
import { UserError } from '../errors.js';
import type { Reloc, Section, WfxFile, WfxSymbol } from '../image/format.js';
import { sectionOf } from '../image/lookup.js';
import { describeSection } from '../image/validate.js';
import { disassembleLines, type DisasmSymbol, type FieldText } from './disassemble.js';

export interface ObjdumpOptions {
  /** list only this ISA's text slice */
  readonly isa?: IsaName;
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
const hexBytes = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

export function objdump(file: WfxFile, name: string, opts: ObjdumpOptions = {}): string {
  const texts = file.sections.filter((s) => s.kind === 'text');
  if (opts.isa && !texts.some((s) => s.isa === opts.isa)) {
    throw new UserError(`${name} has no ${opts.isa} text (it has ${texts.map((s) => s.isa).join(', ')})`);
  }
  const fat = texts.length > 1 ? ` (fat: ${texts.map((s) => s.isa).join(', ')})` : '';
  const out = [`${name}: ${file.kind}${fat}`, '', 'Sections:'];
  file.sections.forEach((s, i) => out.push(`  ${sectionRow(s, i)}`));
  if (file.kind === 'object') out.push('', ...symbolTable(file));
  file.sections.forEach((s, i) => {
    if (s.kind === 'text' && opts.isa && s.isa !== opts.isa) return;
    out.push('', s.kind === 'text' ? `Disassembly of ${describeSection(s, i)}:` : `Contents of ${describeSection(s, i)}:`, '');
    out.push(...(s.kind === 'text' ? textListing(file, i) : dataListing(file, i)));
    const relocs = file.relocs.filter((r) => r.section === i);
    if (relocs.length) out.push('', `Relocations of ${describeSection(s, i)}:`, ...relocs.map((r) => `  ${relocRow(file, r)}`));
  });
  return out.join('\n') + '\n';
}

function sectionRow(s: Section, i: number): string {
  const entry = s.entry !== undefined ? `  entry ${hex8(s.entry)}` : '';
  return `[${i}] ${s.kind.padEnd(4)} ${(s.isa ?? '').padEnd(3)}  addr ${hex8(s.addr)}  size ${String(s.size).padStart(6)}  align ${s.align}${entry}`;
}

function symbolTable(file: WfxFile): string[] {
  const where = (s: WfxSymbol) => (s.section === -1 ? 'abs' : s.section === -2 ? 'undef' : `[${s.section}] ${file.sections[s.section].kind}`);
  return [
    'Symbols:',
    ...file.symbols.map((s) => `  ${hex8(s.value)}  ${where(s).padEnd(8)}  ${s.global ? 'global' : 'local '}  ${s.kind.padEnd(6)}  ${s.name}`),
  ];
}

/** The labels of section `i`: its symbols, without the section symbols. */
function labelsOf(file: WfxFile, i: number): DisasmSymbol[] {
  return file.symbols
    .filter((s) => s.section === i && !SECTION_SYMBOLS.includes(s.name))
    .map((s) => ({ name: s.name, addr: s.value }));
}

/** `<sym+off>` for an address inside section `i`, by the nearest symbol at or below it. */
function symbolize(file: WfxFile, i: number, addr: number): string | undefined {
  const s = file.sections[i];
  if (!s || addr < s.addr || addr > s.addr + s.size) return undefined;
  let best: DisasmSymbol | undefined;
  for (const l of labelsOf(file, i)) if (l.addr <= addr && (!best || l.addr > best.addr)) best = l;
  if (!best) return undefined;
  return addr === best.addr ? `<${best.name}>` : `<${best.name}+0x${(addr - best.addr).toString(16)}>`;
}

/** `foo`, `foo+4`: the symbol and addend of a relocation */
function relocExpr(file: WfxFile, r: Reloc): string {
  const sym = file.symbols[r.symbol].name;
  return r.addend === 0 ? sym : r.addend > 0 ? `${sym}+${r.addend}` : `${sym}${r.addend}`;
}

/** `00000008  field hi16 [16..32)  msg`: offset, how it patches, what */
function relocRow(file: WfxFile, r: Reloc): string {
  const how = r.kind === 'abs32' ? 'abs32' : `field ${r.fieldKind} [${r.fieldLo}..${r.fieldLo! + r.fieldWidth!})`;
  return `${hex8(r.offset)}  ${how.padEnd(22)}  ${relocExpr(file, r)}`;
}

/** An operand the linker will fill in, in assembler syntax: `foo+4`, `%hi(msg)`. */
function relocOperand(file: WfxFile, r: Reloc): string {
  const expr = relocExpr(file, r);
  return r.fieldKind === 'hi16' || r.fieldKind === 'lo16' ? `%${r.fieldKind.slice(0, 2)}(${expr})` : expr;
}

function textListing(file: WfxFile, i: number): string[] {
  const s = file.sections[i];
  const labels = labelsOf(file, i);
  // In an object, a relocated field holds a placeholder: print what the linker will put there.
  const relocs = file.relocs.filter((r) => r.section === i && r.kind === 'field');
  const fieldText: FieldText = (addr, f: Field) => {
    const r = relocs.find((x) => x.offset === addr - s.addr && x.fieldLo === f.lo);
    return r && relocOperand(file, r);
  };
  const lines = disassembleLines(s.isa!, s.bytes, s.addr, labels, fieldText);
  const width = Math.max(0, ...lines.map((l) => l.bytes.length)) * 3;
  const out: string[] = [];
  const emitLabels = (addr: number) => labels.filter((l) => l.addr === addr).forEach((l) => out.push(`${l.name}:`));
  for (const l of lines) {
    emitLabels(l.addr);
    const relocated = relocs.some((r) => r.offset === l.addr - s.addr);
    const comment = relocated ? undefined
      : l.target !== undefined ? symbolize(file, i, l.target) ?? `0x${hex8(l.target)}`
      : l.value !== undefined && file.kind === 'image' ? symbolize(file, sectionOf(file, l.value), l.value) : undefined;
    const row = `${hex8(l.addr)}  ${hexBytes(l.bytes).padEnd(width)}  ${comment ? l.text.padEnd(28) + ' ; ' + comment : l.text}`;
    out.push(row.trimEnd());
  }
  emitLabels(s.addr + s.size);
  return out;
}

/** Hex and ASCII, 16 bytes a row; a row also ends where a symbol begins. */
function dataListing(file: WfxFile, i: number): string[] {
  const s = file.sections[i];
  const labels = labelsOf(file, i);
  const out: string[] = [];
  const emitLabels = (addr: number) => labels.filter((l) => l.addr === addr).forEach((l) => out.push(`${l.name}:`));
  if (s.kind === 'bss') {
    for (const l of labels) out.push(`${hex8(l.addr)}  ${l.name}`);
    out.push(`(${s.size} bytes of zeros)`);
    return out;
  }
  const starts = new Set(labels.map((l) => l.addr - s.addr));
  for (let at = 0; at < s.size;) {
    emitLabels(s.addr + at);
    let end = Math.min(s.size, at + 16);
    for (let k = at + 1; k < end; k++) if (starts.has(k)) end = k;
    const row = s.bytes.subarray(at, end);
    const hexPart = [...row].map((b, k) => b.toString(16).padStart(2, '0') + (k === 7 ? ' ' : '')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    out.push(`${hex8(s.addr + at)}  ${hexPart.padEnd(49)}  |${ascii}|`);
    at = end;
  }
  emitLabels(s.addr + s.size);
  return out;
}
