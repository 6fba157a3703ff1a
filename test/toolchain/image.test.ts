// The .wfx byte format: write/read round trips, and every kind of broken file rejected with
// one clear line that names the file — never with anything but a UserError.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../toolchain/as/index.js';
import { UserError } from '../../toolchain/errors.js';
import type { Section, WfxFile } from '../../toolchain/image/format.js';
import { HEADER, RELOC, SECTION } from '../../toolchain/image/layout.js';
import { readWfx } from '../../toolchain/image/read.js';
import { writeWfx } from '../../toolchain/image/write.js';
import { link } from '../../toolchain/link/link.js';

const example = (isa: string) => {
  const file = `examples/asm/hello-${isa}.s`;
  return { file, obj: assemble(readFileSync(file, 'utf8'), { file }) };
};
const object = example('r32').obj;
const fat = link(['r32', 's32', 'a32'].map(example));

/** The message readWfx rejects `bytes` with. */
function rejection(bytes: Uint8Array): string {
  try {
    readWfx(bytes, 'prog.wfx');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('accepted a broken file');
}

/** `file` written with one change to its bytes. */
function patched(file: WfxFile, patch: (v: DataView, header: (at: number) => number) => void): Uint8Array {
  const bytes = writeWfx(file);
  const v = new DataView(bytes.buffer);
  patch(v, (at) => v.getUint32(at, true));
  return bytes;
}

const withSections = (file: WfxFile, change: (s: Section[]) => Section[]): WfxFile => ({ ...file, sections: change([...file.sections]) });

describe('write and read', () => {
  it('round-trips an object and a fat image', () => {
    expect(readWfx(writeWfx(object), 'a.o')).toEqual(object);
    expect(readWfx(writeWfx(fat), 'a.wfx')).toEqual(fat);
  });

  it('round-trips negative absolute symbols and addends', () => {
    const o = assemble('.global M\n.equ M, -5\n.data\n.word x - 8', { file: 't.s', isa: 'r32' });
    expect(readWfx(writeWfx(o), 't.o')).toEqual(o);
  });

  it('starts with the magic WFX1 and version 1', () => {
    const bytes = writeWfx(object);
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('WFX1');
    expect(bytes[4] | (bytes[5] << 8)).toBe(1);
  });
});

describe('broken files', () => {
  it('bad magic, and files too short for it', () => {
    expect(rejection(new TextEncoder().encode('\x7fELF and so on'))).toBe('prog.wfx: not a wasmfish image (bad magic)');
    expect(rejection(new Uint8Array(0))).toBe('prog.wfx: not a wasmfish image (bad magic)');
  });

  it('truncated header and truncated contents', () => {
    const bytes = writeWfx(object);
    expect(rejection(bytes.subarray(0, 30))).toBe('prog.wfx: truncated: the header needs 48 bytes, the file has 30');
    const data = new DataView(bytes.buffer).getUint32(HEADER.sectionOffset, true) + SECTION.size + SECTION.contents;
    const at = new DataView(bytes.buffer).getUint32(data, true);
    expect(rejection(bytes.subarray(0, bytes.length - 1))).toBe(
      `prog.wfx: truncated or corrupt: the contents of section 1 (20 bytes at offset ${at}) does not fit in the file (${bytes.length - 1} bytes)`);
  });

  it('unsupported version and unknown file kind', () => {
    expect(rejection(patched(object, (v) => v.setUint16(HEADER.version, 2, true)))).toBe('prog.wfx: unsupported version 2 (this wasmfish reads version 1)');
    expect(rejection(patched(object, (v) => v.setUint8(HEADER.kind, 9)))).toBe('prog.wfx: unknown file kind 9 (0 = object, 1 = image)');
  });

  it('a table past the end of the file', () => {
    const bytes = patched(object, (v) => v.setUint32(HEADER.symbolCount, 1_000_000, true));
    const at = new DataView(bytes.buffer).getUint32(HEADER.symbolOffset, true);
    expect(rejection(bytes)).toBe(
      `prog.wfx: truncated or corrupt: the symbol table of 1000000 entries (16000000 bytes at offset ${at}) does not fit in the file (${bytes.length} bytes)`);
  });

  it('unknown ISA', () => {
    const bytes = patched(object, (v, u32) => v.setUint8(u32(HEADER.sectionOffset) + SECTION.isa, 7));
    expect(rejection(bytes)).toBe('prog.wfx: section 0 (text) has unknown ISA 7 (0 = r32, 1 = s32, 2 = a32)');
  });

  it('overlapping sections', () => {
    const bad = withSections(fat, (s) => [...s.slice(0, 4), { ...s[4], addr: s[3].addr + 4, size: 16 }]);
    expect(rejection(writeWfx(bad))).toBe('prog.wfx: section 3 (data) and section 4 (bss) overlap at 0x01000004');
  });

  it('entry point outside its text', () => {
    const bad = withSections(fat, (s) => [{ ...s[0], entry: s[0].addr + s[0].size }, ...s.slice(1)]);
    expect(rejection(writeWfx(bad))).toBe('prog.wfx: the entry point 0x00010038 of section 0 (r32 text) lies outside it (0x00010000..0x00010038)');
  });

  it('relocation outside its section, or naming a symbol that does not exist', () => {
    const outside = patched(object, (v, u32) => v.setUint32(u32(HEADER.relocOffset) + RELOC.offset, 200, true));
    expect(rejection(outside)).toBe('prog.wfx: relocation 0 (4 bytes at offset 200) lies outside section 0 (r32 text) of 56 bytes');
    const symbol = patched(object, (v, u32) => v.setUint32(u32(HEADER.relocOffset) + RELOC.symbol, 99, true));
    expect(rejection(symbol)).toBe('prog.wfx: relocation 0 refers to symbol 99, but there are 7 symbols');
  });

  it('sections outside their region, two texts of one ISA, relocations in an image', () => {
    const low = withSections(fat, (s) => [{ ...s[0], addr: 0x1000, entry: 0x1000 }, ...s.slice(1)]);
    expect(rejection(writeWfx(low))).toBe('prog.wfx: section 0 (r32 text) at 0x00001000..0x00001038 lies outside its region 0x00010000..0x00410000');
    const high = withSections(fat, (s) => [...s.slice(0, 3), { ...s[3], addr: 0x70000000 }, s[4]]);
    expect(rejection(writeWfx(high))).toBe('prog.wfx: section 3 (data) at 0x70000000..0x70000014 lies outside its region 0x01000000..0x70000000');
    const twice = withSections(fat, (s) => [s[0], { ...s[0], addr: 0x20000, entry: 0x20000 }, ...s.slice(3)]);
    expect(rejection(writeWfx(twice))).toBe('prog.wfx: more than one r32 text section; an image has one per ISA');
    expect(rejection(writeWfx({ ...fat, relocs: object.relocs }))).toBe('prog.wfx: an image cannot have relocations (it is already linked)');
  });

  it('a string offset past the string table', () => {
    const bytes = patched(object, (v, u32) => v.setUint32(u32(HEADER.symbolOffset), 5000, true));
    const size = new DataView(bytes.buffer).getUint32(HEADER.stringSize, true);
    expect(rejection(bytes)).toBe(`prog.wfx: corrupt: the name of symbol 0 is at string offset 5000, past the string table (${size} bytes)`);
  });
});

describe('fuzzing', () => {
  const valid = [writeWfx(object), writeWfx(fat)];

  /** A valid file with random bytes overwritten, u32 fields replaced, or its end cut off. */
  const mutated = fc.tuple(
    fc.constantFrom(...valid),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
    fc.option(fc.nat()),
  ).map(([base, edits, cut]) => {
    const bytes = base.slice();
    for (const [at, value, word] of edits) {
      const i = at % bytes.length;
      if (word && i + 4 <= bytes.length) new DataView(bytes.buffer).setUint32(i, value * 0x01010101 + at, true);
      else bytes[i] = value;
    }
    return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

  it('random mutations of valid files never throw anything but UserError', () => {
    fc.assert(
      fc.property(mutated, (bytes) => {
        try {
          readWfx(bytes, 'fuzz.wfx');
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          expect(e.message.startsWith('fuzz.wfx: ')).toBe(true);
          expect(e.message).not.toContain('\n');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
