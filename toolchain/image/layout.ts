// The byte layout of a .wfx file, shared by write.ts and read.ts (docs/image-format.md draws
// the same tables). All integers are little-endian.
//
//  ┌────────────┬───────────────┬──────────────┬─────────────┬────────────┬──────────────┬───────────────────┐
//  │ header 48 B│ section table │ symbol table │ reloc table │ line table │ string table │ section contents… │
//  └────────────┴───────────────┴──────────────┴─────────────┴────────────┴──────────────┴───────────────────┘
//  Every table is found through its offset and count in the header, so readers never depend
//  on this order; writers use it.
import type { FileKind, RelocFieldKind, RelocKind, SectionKind, SymbolKind } from './format.js';

/** header: magic, version, kind, then (count, offset) of each table, then the string table */
export const HEADER = {
  size: 48,
  magic: 0, version: 4, kind: 6,
  sectionCount: 8, sectionOffset: 12,
  symbolCount: 16, symbolOffset: 20,
  relocCount: 24, relocOffset: 28,
  lineCount: 32, lineOffset: 36,
  stringOffset: 40, stringSize: 44,
} as const;

/** section entry: kind, isa, flags (bit 0: has entry), addr, size, align, entry, contents offset */
export const SECTION = { size: 24, kind: 0, isa: 1, flags: 2, addr: 4, size_: 8, align: 12, entry: 16, contents: 20 } as const;
/** symbol entry: name (string offset), section (i32), value, flags (bit 0: global), kind */
export const SYMBOL = { size: 16, name: 0, section: 4, value: 8, flags: 12, kind: 13 } as const;
/** relocation entry: section, offset, kind, field kind, field lo, field width, scale, insn size, symbol, addend (i32) */
export const RELOC = {
  size: 24, section: 0, offset: 4, kind: 8, fieldKind: 9, fieldLo: 10, fieldWidth: 11,
  scale: 12, insnSize: 13, symbol: 16, addend: 20,
} as const;
/** line entry: section, at, file (string offset), line */
export const LINE = { size: 16, section: 0, at: 4, file: 8, line: 12 } as const;

/** codes stored in the one-byte enumerations: the index in these lists */
export const FILE_KINDS: readonly FileKind[] = ['object', 'image'];
export const SECTION_KINDS: readonly SectionKind[] = ['text', 'data', 'bss'];
export const SYMBOL_KINDS: readonly SymbolKind[] = ['none', 'func', 'object'];
export const RELOC_KINDS: readonly RelocKind[] = ['abs32', 'field'];
/** code 0 means "none" (abs32 relocations) */
export const FIELD_KINDS: readonly (RelocFieldKind | undefined)[] = [undefined, 'abs', 'pcrel', 'hi16', 'lo16'];
/** the isa byte of data and bss sections */
export const NO_ISA = 0xff;
export const FLAG_ENTRY = 1;
export const FLAG_GLOBAL = 1;
