// The linker: layout, symbol resolution, relocation, entry points, fat images and its errors.
import { describe, expect, it } from 'vitest';
import { decode } from '../../isa/encoding.js';
import { isaByName, type IsaName } from '../../isa/index.js';
import { DATA_BASE, textBase } from '../../kernel/shared/addrspace.js';
import { assemble } from '../../toolchain/as/index.js';
import { UserError } from '../../toolchain/errors.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { checkWfx } from '../../toolchain/image/validate.js';
import { link, type LinkOptions } from '../../toolchain/link/link.js';

const obj = (file: string, source: string, isa: IsaName = 'r32') => ({ file, obj: assemble(source, { file, isa }) });
const sym = (image: WfxFile, name: string) => image.symbols.find((s) => s.name === name)!.value;
const word = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);

function linkError(objects: ReturnType<typeof obj>[], opts: LinkOptions = {}): string {
  try {
    link(objects, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('linked without error');
}

describe('one ISA', () => {
  const a = obj('a.s', [
    '.global _start',
    '_start: la r1, table',
    '        call helper',
    '        halt',
    '.data',
    'greeting: .asciz "hi"',
    '.align 4',
    'table: .word helper, greeting + 1, count',
    '.bss',
    'count: .space 4',
  ].join('\n'));
  const b = obj('b.s', [
    '.global helper',
    'helper: ret',
    '.data',
    'local: .byte 7',          // b's data starts word-aligned after a's
    '.bss',
    '.align 16',
    'buf: .space 32',
  ].join('\n'));
  const image = link([a, b]);
  const [text, data, bss] = image.sections;
  const r32 = isaByName('r32')!;

  it('puts text at textBase(isa), data at DATA_BASE and bss after the data', () => {
    expect(text).toMatchObject({ kind: 'text', isa: 'r32', addr: textBase(0), entry: textBase(0), size: 20 });
    expect(data).toMatchObject({ kind: 'data', addr: DATA_BASE, size: 16 + 1 });
    expect(bss.addr).toBe(DATA_BASE + 32); // after 17 bytes of data, aligned to b's 16
    expect(bss.size).toBe(16 + 32);        // a's count (4, padded to 16 for buf), then buf
    expect(sym(image, 'local')).toBe(DATA_BASE + 16);
    expect(sym(image, 'buf')).toBe(DATA_BASE + 48);
    expect(() => checkWfx(image, 'x')).not.toThrow();
  });

  it('patches %hi/%lo, pc-relative calls across objects and data words', () => {
    const table = sym(image, 'table');
    const lui = decode(r32, text.bytes, 0)!;
    const ori = decode(r32, text.bytes, 4)!;
    expect(lui.fields.imm * 65536 + ori.fields.imm).toBe(table);
    const call = decode(r32, text.bytes, 8)!;
    expect(textBase(0) + 8 + call.fields.off * 4).toBe(sym(image, 'helper'));
    const at = table - DATA_BASE;
    expect([word(data.bytes, at), word(data.bytes, at + 4), word(data.bytes, at + 8)])
      .toEqual([sym(image, 'helper'), sym(image, 'greeting') + 1, sym(image, 'count')]);
  });

  it('carries the line table over, at final addresses', () => {
    expect(image.lines).toEqual([
      { section: 0, at: textBase(0), file: 'a.s', line: 2 },
      { section: 0, at: textBase(0) + 8, file: 'a.s', line: 3 },
      { section: 0, at: textBase(0) + 12, file: 'a.s', line: 4 },
      { section: 0, at: textBase(0) + 16, file: 'b.s', line: 2 },
    ]);
  });

  it('has no section symbols or undefined symbols', () => {
    expect(image.symbols.every((s) => s.section >= -1 && !s.name.startsWith('.'))).toBe(true);
  });
});

describe('entry points', () => {
  it('defaults to _start, else main, and --entry picks any code symbol', () => {
    expect(link([obj('m.s', 'nop\nmain: halt')]).sections[0].entry).toBe(textBase(0) + 4);
    expect(link([obj('m.s', 'main: nop\n_start: halt')]).sections[0].entry).toBe(textBase(0) + 4);
    expect(link([obj('m.s', 'go: nop\nmain: halt')], { entry: 'go' }).sections[0].entry).toBe(textBase(0));
  });

  it('complains when there is none, or when --entry names nothing or data', () => {
    expect(linkError([obj('m.s', 'nop')])).toBe('no entry point: define _start or main, or pass --entry');
    expect(linkError([obj('m.s', 'main: nop')], { entry: 'go' })).toBe('entry point go is not defined');
    expect(linkError([obj('m.s', 'main: nop\n.data\ngo: .word 0')], { entry: 'go' })).toBe('entry point go is not code (it is in data)');
  });
});

describe('link errors', () => {
  it('undefined symbols, each with the file that uses it', () => {
    const a = obj('a.s', 'main: call foo\ncall foo\nla r1, bar');
    const b = obj('b.s', '.global x\nx: call foo');
    expect(linkError([a, b])).toBe([
      'undefined symbol foo (referenced from a.s)',
      'undefined symbol bar (referenced from a.s)',
      'undefined symbol foo (referenced from b.s)',
    ].join('\n'));
  });

  it('duplicate globals, naming both files', () => {
    expect(linkError([obj('a.s', '.global main\nmain: nop'), obj('b.s', '.global main\nmain: nop')]))
      .toBe('duplicate symbol main: defined in a.s and in b.s');
  });

  it('relocation overflow, naming file, section offset and symbol', () => {
    const a = obj('a.s', 'main: nop\naddi r1, r0, LIMIT');
    const b = obj('b.s', '.global LIMIT\n.equ LIMIT, 70000');
    expect(linkError([a, b])).toBe('a.s: relocation overflow at text+0x4 (reference to LIMIT): the value 70000 does not fit in 16 signed bits');
    const far = obj('far.s', '.global far\n.space 40000\nfar: dup', 's32');
    const near = obj('near.s', 'main: jmp far', 's32');
    expect(linkError([near, far])).toBe('near.s: relocation overflow at text+0x0 (reference to far): the target is 40003 bytes away, too far for 16 signed bits (in units of 1 bytes)');
  });

  it('rejects an image given as an object', () => {
    const image = link([obj('m.s', 'main: nop')]);
    expect(() => link([{ file: 'm.wfx', obj: image }])).toThrow("m.wfx: is a linked image, not an object (link takes files made by 'wasmfish as')");
    expect(() => link([])).toThrow('nothing to link: give at least one object file');
  });
});

describe('fat images', () => {
  const shared = '.data\nmsg: .ascii "hi!"\n.bss\nbuf: .space 8\n';
  const r = obj('r.s', `.global _start\n_start: la r1, msg\nhalt\n${shared}`, 'r32');
  const s = obj('s.s', `.global _start\n_start: push msg\nhalt\n${shared}`, 's32');
  const a = obj('a.s', `.global _start\n_start: li msg\nhalt\n${shared}`, 'a32');

  it('have one text per ISA, each with its entry, over one data and bss', () => {
    const image = link([a, r, s]);
    expect(image.sections.map((x) => `${x.kind}${x.isa ? ' ' + x.isa : ''} ${x.addr.toString(16)}`))
      .toEqual(['text r32 10000', 'text s32 410000', 'text a32 810000', 'data 1000000', 'bss 1000004']);
    expect(image.sections.slice(0, 3).map((x) => x.entry)).toEqual([textBase(0), textBase(1), textBase(2)]);
    expect(image.symbols.filter((x) => x.name === 'msg')).toEqual([{ name: 'msg', section: 3, value: DATA_BASE, global: false, kind: 'object' }]);
    expect(image.symbols.filter((x) => x.name === '_start').map((x) => x.section)).toEqual([0, 1, 2]);
  });

  it('need the same data bytes, bss size and data symbols in every ISA', () => {
    const other = (data: string) => obj('s2.s', `_start: dup\n${data}`, 's32');
    expect(linkError([r, other('.data\nmsg: .ascii "hi?"\n.bss\nbuf: .space 8')]))
      .toBe('cannot make a fat image: the r32 objects (r.s) and the s32 objects (s2.s) differ: data at 0x01000002 is 0x21 in r32 but 0x3f in s32');
    expect(linkError([r, other('.data\nmsg: .ascii "hi!"\n.bss\nbuf: .space 12')]))
      .toBe('cannot make a fat image: the r32 objects (r.s) and the s32 objects (s2.s) differ: bss is 8 bytes in r32 but 12 in s32');
    expect(linkError([r, other('.data\nmsg: .ascii "hi!"\n.bss\n.space 4\nbuf: .space 4')]))
      .toBe('cannot make a fat image: the r32 objects (r.s) and the s32 objects (s2.s) differ: data symbol buf is at 0x01000004 in r32 but at 0x01000008 in s32');
  });

  it('name the ISA whose entry point is missing', () => {
    expect(linkError([r, obj('s3.s', `dup\n${shared}`, 's32')])).toBe('no entry point in the s32 objects: define _start or main, or pass --entry');
  });
});
