// The .wfx object and image format, in memory. docs/image-format.md describes the bytes;
// `write.ts` serialises these structures and `read.ts` parses and validates them.
//
// An *object* (from the assembler) holds one ISA's text, plus data and bss, with
// section-relative symbols and relocations. An *image* (from the linker) is loadable: its
// sections have final virtual addresses, it has no relocations, and it may be *fat*: one
// text section per ISA over one shared data/bss layout, each text slice with its own entry.
import type { IsaName } from '../../isa/index.js';

export const WFX_MAGIC = 'WFX1';
export const WFX_VERSION = 1;

export type FileKind = 'object' | 'image';
export type SectionKind = 'text' | 'data' | 'bss';

export interface Section {
  readonly kind: SectionKind;
  /** text sections: the ISA of the code; data and bss: undefined */
  readonly isa?: IsaName;
  /** virtual address (images); 0 in objects, where everything is section-relative */
  readonly addr: number;
  /** size in bytes (bss: bytes to zero-fill; others: bytes.length) */
  readonly size: number;
  /** contents; empty for bss */
  readonly bytes: Uint8Array;
  /** text sections of images: the entry point of this slice (a virtual address) */
  readonly entry?: number;
  /** alignment in bytes the section requires */
  readonly align: number;
}

export type SymbolKind = 'func' | 'object' | 'none';

export interface WfxSymbol {
  readonly name: string;
  /** index into sections, or -1 for an absolute value (.equ, or a predefined symbol) or -2 for undefined (objects) */
  readonly section: number;
  /** section offset (objects) or virtual address (images); the value for absolute symbols */
  readonly value: number;
  readonly global: boolean;
  readonly kind: SymbolKind;
}

/**
 * How a relocation patches its site:
 * - `abs32`  the 32-bit little-endian word at `offset` ← S + A
 * - `field`  a bit field of the instruction at `offset` (see isa/types.ts Field):
 *            `fieldKind` 'abs' ← S + A, 'pcrel' ← (S + A − P) / scale, where P is the address
 *            of the instruction, 'hi16' ← (S + A) >>> 16, 'lo16' ← (S + A) & 0xffff.
 */
export type RelocKind = 'abs32' | 'field';
export type RelocFieldKind = 'abs' | 'pcrel' | 'hi16' | 'lo16';

export interface Reloc {
  /** index of the section patched */
  readonly section: number;
  /** offset of the word (abs32) or of the instruction (field) within that section */
  readonly offset: number;
  readonly kind: RelocKind;
  /** `field` only */
  readonly fieldKind?: RelocFieldKind;
  readonly fieldLo?: number;
  readonly fieldWidth?: number;
  /** pcrel scale in bytes; `field` only */
  readonly scale?: number;
  /** `field` only: size of the instruction in bytes */
  readonly insnSize?: number;
  /** symbol index */
  readonly symbol: number;
  readonly addend: number;
}

/**
 * One row of the line table: the code from `at` up to the next row's `at` (within the same
 * section) was assembled from `file`, line `line`. Rows are sorted by section, then `at`;
 * to find the line of a pc, take the last row of its section with `at` <= pc.
 */
export interface LineEntry {
  /** index of the text section */
  readonly section: number;
  /** section offset (objects) or virtual address (images), like WfxSymbol.value */
  readonly at: number;
  readonly file: string;
  /** 1-based source line */
  readonly line: number;
}

export interface WfxFile {
  readonly kind: FileKind;
  readonly sections: readonly Section[];
  readonly symbols: readonly WfxSymbol[];
  readonly relocs: readonly Reloc[];
  /** where each piece of code came from (optional: hand-made files may have none) */
  readonly lines?: readonly LineEntry[];
}
