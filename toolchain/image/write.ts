// Serialises an object or image to the .wfx bytes described in docs/image-format.md.
import { isaByName } from '../../isa/index.js';
import type { WfxFile } from './format.js';
import { WFX_MAGIC, WFX_VERSION } from './format.js';
import {
  FIELD_KINDS, FILE_KINDS, FLAG_ENTRY, FLAG_GLOBAL, HEADER, LINE, NO_ISA, RELOC, RELOC_KINDS, SECTION,
  SECTION_KINDS, SYMBOL, SYMBOL_KINDS,
} from './layout.js';

/** NUL-terminated UTF-8 strings, each stored once. */
class StringTable {
  private readonly offsets = new Map<string, number>();
  private readonly parts: Uint8Array[] = [];
  size = 0;

  add(s: string): number {
    let at = this.offsets.get(s);
    if (at === undefined) {
      const bytes = new TextEncoder().encode(s + '\0');
      at = this.size;
      this.offsets.set(s, at);
      this.parts.push(bytes);
      this.size += bytes.length;
    }
    return at;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

export function writeWfx(file: WfxFile): Uint8Array {
  const lines = file.lines ?? [];
  const strings = new StringTable();
  const symbolNames = file.symbols.map((s) => strings.add(s.name));
  const lineFiles = lines.map((l) => strings.add(l.file));

  const sectionOffset = HEADER.size;
  const symbolOffset = sectionOffset + file.sections.length * SECTION.size;
  const relocOffset = symbolOffset + file.symbols.length * SYMBOL.size;
  const lineOffset = relocOffset + file.relocs.length * RELOC.size;
  const stringOffset = lineOffset + lines.length * LINE.size;
  let contentsOffset = stringOffset + strings.size;
  const contents = file.sections.map((s) => {
    if (s.kind === 'bss') return 0;
    const at = contentsOffset;
    contentsOffset += s.bytes.length;
    return at;
  });

  const out = new Uint8Array(contentsOffset);
  const v = new DataView(out.buffer);
  out.set(new TextEncoder().encode(WFX_MAGIC), HEADER.magic);
  v.setUint16(HEADER.version, WFX_VERSION, true);
  v.setUint8(HEADER.kind, FILE_KINDS.indexOf(file.kind));
  const tables: [number, number, number, number][] = [
    [HEADER.sectionCount, HEADER.sectionOffset, file.sections.length, sectionOffset],
    [HEADER.symbolCount, HEADER.symbolOffset, file.symbols.length, symbolOffset],
    [HEADER.relocCount, HEADER.relocOffset, file.relocs.length, relocOffset],
    [HEADER.lineCount, HEADER.lineOffset, lines.length, lineOffset],
  ];
  for (const [countAt, offsetAt, count, offset] of tables) {
    v.setUint32(countAt, count, true);
    v.setUint32(offsetAt, offset, true);
  }
  v.setUint32(HEADER.stringOffset, stringOffset, true);
  v.setUint32(HEADER.stringSize, strings.size, true);

  file.sections.forEach((s, i) => {
    const at = sectionOffset + i * SECTION.size;
    v.setUint8(at + SECTION.kind, SECTION_KINDS.indexOf(s.kind));
    v.setUint8(at + SECTION.isa, s.isa ? isaByName(s.isa)!.index : NO_ISA);
    v.setUint8(at + SECTION.flags, s.entry !== undefined ? FLAG_ENTRY : 0);
    v.setUint32(at + SECTION.addr, s.addr, true);
    v.setUint32(at + SECTION.size_, s.size, true);
    v.setUint32(at + SECTION.align, s.align, true);
    v.setUint32(at + SECTION.entry, s.entry ?? 0, true);
    v.setUint32(at + SECTION.contents, contents[i], true);
    if (s.kind !== 'bss') out.set(s.bytes, contents[i]);
  });
  file.symbols.forEach((s, i) => {
    const at = symbolOffset + i * SYMBOL.size;
    v.setUint32(at + SYMBOL.name, symbolNames[i], true);
    v.setInt32(at + SYMBOL.section, s.section, true);
    v.setUint32(at + SYMBOL.value, s.value >>> 0, true);
    v.setUint8(at + SYMBOL.flags, s.global ? FLAG_GLOBAL : 0);
    v.setUint8(at + SYMBOL.kind, SYMBOL_KINDS.indexOf(s.kind));
  });
  file.relocs.forEach((r, i) => {
    const at = relocOffset + i * RELOC.size;
    v.setUint32(at + RELOC.section, r.section, true);
    v.setUint32(at + RELOC.offset, r.offset, true);
    v.setUint8(at + RELOC.kind, RELOC_KINDS.indexOf(r.kind));
    v.setUint8(at + RELOC.fieldKind, FIELD_KINDS.indexOf(r.fieldKind));
    v.setUint8(at + RELOC.fieldLo, r.fieldLo ?? 0);
    v.setUint8(at + RELOC.fieldWidth, r.fieldWidth ?? 0);
    v.setUint8(at + RELOC.scale, r.scale ?? 0);
    v.setUint8(at + RELOC.insnSize, r.insnSize ?? 0);
    v.setUint32(at + RELOC.symbol, r.symbol, true);
    v.setInt32(at + RELOC.addend, r.addend, true);
  });
  lines.forEach((l, i) => {
    const at = lineOffset + i * LINE.size;
    v.setUint32(at + LINE.section, l.section, true);
    v.setUint32(at + LINE.at, l.at, true);
    v.setUint32(at + LINE.file, lineFiles[i], true);
    v.setUint32(at + LINE.line, l.line, true);
  });
  out.set(strings.bytes(), stringOffset);
  return out;
}
