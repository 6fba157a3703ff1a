// Parses .wfx bytes (docs/image-format.md) into a WfxFile and validates it. Any input, however
// broken, ends in either a valid WfxFile or a UserError of one line that names the file and
// the problem: every offset is checked before it is used.
import { isaByIndex } from '../../isa/index.js';
import { UserError } from '../errors.js';
import type { LineEntry, Reloc, Section, WfxFile, WfxSymbol } from './format.js';
import { WFX_MAGIC, WFX_VERSION } from './format.js';
import {
  FIELD_KINDS, FILE_KINDS, FLAG_ENTRY, FLAG_GLOBAL, HEADER, LINE, NO_ISA, RELOC, RELOC_KINDS, SECTION,
  SECTION_KINDS, SYMBOL, SYMBOL_KINDS,
} from './layout.js';
import { checkWfx } from './validate.js';

export function readWfx(input: Uint8Array, name: string): WfxFile {
  // a plain Uint8Array view (a Node Buffer's slice would not copy)
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const fail = (problem: string): never => {
    throw new UserError(`${name}: ${problem}`);
  };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextEncoder().encode(WFX_MAGIC);
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) fail('not a wasmfish image (bad magic)');
  if (bytes.length < HEADER.size) fail(`truncated: the header needs ${HEADER.size} bytes, the file has ${bytes.length}`);
  const version = v.getUint16(HEADER.version, true);
  if (version !== WFX_VERSION) fail(`unsupported version ${version} (this wasmfish reads version ${WFX_VERSION})`);
  const kind = FILE_KINDS[v.getUint8(HEADER.kind)] ?? fail(`unknown file kind ${v.getUint8(HEADER.kind)} (0 = object, 1 = image)`);
  const u8 = (at: number) => v.getUint8(at);
  const u32 = (at: number) => v.getUint32(at, true);
  const i32 = (at: number) => v.getInt32(at, true);

  /** the byte range [offset, offset + length) must lie within the file */
  const within = (what: string, offset: number, length: number) => {
    if (offset + length > bytes.length) {
      fail(`truncated or corrupt: ${what} (${length} bytes at offset ${offset}) does not fit in the file (${bytes.length} bytes)`);
    }
  };
  /** the entries of a table, each read by `read(at, index)` */
  const table = <T>(what: string, countAt: number, offsetAt: number, entrySize: number, read: (at: number, i: number) => T): T[] => {
    const count = u32(countAt);
    const offset = u32(offsetAt);
    within(`the ${what} table of ${count} entries`, offset, count * entrySize);
    return Array.from({ length: count }, (_, i) => read(offset + i * entrySize, i));
  };

  const stringOffset = u32(HEADER.stringOffset);
  const stringSize = u32(HEADER.stringSize);
  within('the string table', stringOffset, stringSize);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const string = (offset: number, what: string): string => {
    if (offset >= stringSize) fail(`corrupt: ${what} is at string offset ${offset}, past the string table (${stringSize} bytes)`);
    const start = stringOffset + offset;
    const end = bytes.indexOf(0, start);
    if (end < 0 || end >= stringOffset + stringSize) fail(`corrupt: ${what} (string offset ${offset}) is not terminated`);
    try {
      return decoder.decode(bytes.subarray(start, end));
    } catch {
      return fail(`corrupt: ${what} (string offset ${offset}) is not valid UTF-8`);
    }
  };

  const sections = table('section', HEADER.sectionCount, HEADER.sectionOffset, SECTION.size, (at, i): Section => {
    const sectionKind = SECTION_KINDS[u8(at + SECTION.kind)] ?? fail(`section ${i} has unknown kind ${u8(at + SECTION.kind)} (0 = text, 1 = data, 2 = bss)`);
    const isaCode = u8(at + SECTION.isa);
    let isa: Section['isa'];
    if (sectionKind === 'text') {
      isa = isaByIndex(isaCode)?.name ?? fail(`section ${i} (text) has unknown ISA ${isaCode} (0 = r32, 1 = s32, 2 = a32)`);
    } else if (isaCode !== NO_ISA) {
      fail(`section ${i} (${sectionKind}) names ISA ${isaCode}, but only text sections have an ISA`);
    }
    const size = u32(at + SECTION.size_);
    const contents = u32(at + SECTION.contents);
    const hasEntry = (u8(at + SECTION.flags) & FLAG_ENTRY) !== 0;
    if (sectionKind !== 'bss') within(`the contents of section ${i}`, contents, size);
    return {
      kind: sectionKind, isa, addr: u32(at + SECTION.addr), size, align: u32(at + SECTION.align),
      bytes: sectionKind === 'bss' ? new Uint8Array(0) : bytes.slice(contents, contents + size),
      ...(hasEntry ? { entry: u32(at + SECTION.entry) } : {}),
    };
  });

  const symbols = table('symbol', HEADER.symbolCount, HEADER.symbolOffset, SYMBOL.size, (at, i): WfxSymbol => {
    const section = i32(at + SYMBOL.section);
    return {
      name: string(u32(at + SYMBOL.name), `the name of symbol ${i}`),
      section,
      value: section === -1 ? i32(at + SYMBOL.value) : u32(at + SYMBOL.value),
      global: (u8(at + SYMBOL.flags) & FLAG_GLOBAL) !== 0,
      kind: SYMBOL_KINDS[u8(at + SYMBOL.kind)] ?? fail(`symbol ${i} has unknown kind ${u8(at + SYMBOL.kind)}`),
    };
  });

  const relocs = table('relocation', HEADER.relocCount, HEADER.relocOffset, RELOC.size, (at, i): Reloc => {
    const relocKind = RELOC_KINDS[u8(at + RELOC.kind)] ?? fail(`relocation ${i} has unknown kind ${u8(at + RELOC.kind)}`);
    const base = { section: u32(at + RELOC.section), offset: u32(at + RELOC.offset), symbol: u32(at + RELOC.symbol), addend: i32(at + RELOC.addend) };
    if (relocKind === 'abs32') return { ...base, kind: relocKind };
    const code = u8(at + RELOC.fieldKind);
    const fieldKind = FIELD_KINDS[code] ?? fail(`relocation ${i} has unknown field kind ${code}`);
    return {
      ...base, kind: relocKind, fieldKind, fieldLo: u8(at + RELOC.fieldLo), fieldWidth: u8(at + RELOC.fieldWidth),
      ...(fieldKind === 'pcrel' ? { scale: u8(at + RELOC.scale) } : {}), insnSize: u8(at + RELOC.insnSize),
    };
  });

  const lines = table('line', HEADER.lineCount, HEADER.lineOffset, LINE.size, (at, i): LineEntry => ({
    section: u32(at + LINE.section), at: u32(at + LINE.at),
    file: string(u32(at + LINE.file), `the file of line entry ${i}`), line: u32(at + LINE.line),
  }));

  const file: WfxFile = { kind, sections, symbols, relocs, lines };
  checkWfx(file, name);
  return file;
}
