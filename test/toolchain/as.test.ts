// The assembler's features: literals, expressions, directives, pseudos, symbols, relocations
// and the line table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode } from '../../isa/encoding.js';
import { byMnemonic, isaByName, type IsaName } from '../../isa/index.js';
import * as syscalls from '../../kernel/shared/syscalls.js';
import { assemble } from '../../toolchain/as/index.js';
import { PREDEFINED } from '../../toolchain/as/predefined.js';
import type { WfxFile } from '../../toolchain/image/format.js';

const asm = (source: string, isa: IsaName = 'r32'): WfxFile => assemble(source, { file: 't.s', isa });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const text = (o: WfxFile) => o.sections[0].bytes;
const data = (o: WfxFile) => [...o.sections[1].bytes];
const insn = (isa: IsaName, mnemonic: string, fields: Record<string, number>) => {
  const i = isaByName(isa)!;
  return hex(encode(i, byMnemonic(i, mnemonic)!, fields));
};
const symbol = (o: WfxFile, name: string) => o.symbols.find((s) => s.name === name);

describe('literals and expressions', () => {
  it('reads decimal, hex, binary and character literals', () => {
    const o = asm(".data\n.byte 10, 0x1f, 0b101, 'a', '\\n', '\\0', '\\'', ';'");
    expect(data(o)).toEqual([10, 0x1f, 5, 97, 10, 0, 39, 59]);
  });

  it('follows C precedence, parentheses and unary operators', () => {
    const o = asm('.data\n.word 1 + 2 * 3, (1 + 2) * 3, -4 / 3, 7 % 4, 1 << 4 | 1, ~0, 0xff & ~0xf, 6 ^ 3, -8 >> 1, 0x80000000 >> 4');
    const words = new Int32Array(new Uint8Array(data(o)).buffer);
    expect([...words]).toEqual([7, 9, -1, 3, 17, -1, 0xf0, 5, -4, 0x08000000]);
  });

  it('computes %hi and %lo of constants, and . is the current address', () => {
    const o = asm('lui r1, %hi(0x12345678)\nori r1, r1, %lo(0x12345678)\nhere: beq r0, r0, . + 8');
    expect(hex(text(o))).toBe(
      insn('r32', 'lui', { rd: 1, imm: 0x1234 }) + insn('r32', 'ori', { rd: 1, rs1: 1, imm: 0x5678 }) +
      insn('r32', 'beq', { rs1: 0, rs2: 0, off: 2 }));
  });

  it('takes the difference of two labels of one section as a constant', () => {
    const o = asm('.data\nstart: .ascii "hello"\nend:\n.text\naddi r1, r0, end - start');
    expect(hex(text(o))).toBe(insn('r32', 'addi', { rd: 1, rs1: 0, imm: 5 }));
    expect(o.relocs).toEqual([]);
  });

  it('ignores ; and // comments but not inside strings', () => {
    const o = asm('.data ; comment\n.ascii "a;b//c" // comment\n.byte 1 ; 2');
    expect(Buffer.from(o.sections[1].bytes).toString('latin1')).toBe('a;b//c\x01');
  });
});

describe('directives', () => {
  it('.ascii and .asciz apply escapes and encode UTF-8', () => {
    const o = asm('.data\n.ascii "a\\tb\\x41"\n.asciz "é", "x"');
    expect(data(o)).toEqual([97, 9, 98, 0x41, 0xc3, 0xa9, 0, 120, 0]);
  });

  it('.word .half .byte are little-endian', () => {
    expect(data(asm('.data\n.word 0x11223344\n.half 0xaabb, -1\n.byte -1'))).toEqual([0x44, 0x33, 0x22, 0x11, 0xbb, 0xaa, 0xff, 0xff, 0xff]);
  });

  it('.align pads with zeros and raises the section alignment; .space fills', () => {
    const o = asm('.data\n.byte 1\n.align 8\n.byte 2\n.space 3, 0xee');
    expect(data(o)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 2, 0xee, 0xee, 0xee]);
    expect(o.sections[1].align).toBe(8);
  });

  it('.bss reserves room without contents', () => {
    const o = asm('.bss\nbuf: .space 64\n.align 16\nend:');
    expect(o.sections[2]).toMatchObject({ kind: 'bss', size: 64, align: 16 });
    expect(o.sections[2].bytes.length).toBe(0);
    expect(symbol(o, 'end')).toMatchObject({ section: 2, value: 64, kind: 'object' });
  });

  it('.equ may be used before it is defined, and .global exports it', () => {
    const o = asm('.global N\naddi r1, r0, N * 2\n.equ N, 21');
    expect(hex(text(o))).toBe(insn('r32', 'addi', { rd: 1, rs1: 0, imm: 42 }));
    expect(symbol(o, 'N')).toEqual({ name: 'N', section: -1, value: 21, global: true, kind: 'none' });
  });

  it('.isa in the source works without --isa and agrees with the same --isa', () => {
    const a = assemble('.isa s32\ndup', { file: 't.s' });
    const b = assemble('.isa s32\ndup', { file: 't.s', isa: 's32' });
    expect(hex(text(a))).toBe('03');
    expect(a).toEqual(b);
    expect(a.sections[0].isa).toBe('s32');
  });
});

describe('predefined symbols', () => {
  it('are the system call numbers of kernel/shared/syscalls.ts, every one and nothing else', () => {
    const calls = Object.entries(syscalls).filter(([name, n]) => name.startsWith('SYS_') && name !== 'SYS_COUNT' && typeof n === 'number');
    expect([...PREDEFINED].sort()).toEqual(calls.sort());
    expect(PREDEFINED.has('SYS_COUNT')).toBe(false);
  });

  it('stand for their number in every ISA without an .equ, and are known at every line', () => {
    expect(hex(text(asm('sys SYS_PRINT_INT\n.data\n.space SYS_SPAWN')))).toBe(insn('r32', 'sys', { n: 2 }));
    expect(hex(text(asm('sys SYS_SEND', 's32')))).toBe(insn('s32', 'sys', { n: 21 }));
    expect(hex(text(asm('sys SYS_RECV', 'a32')))).toBe(insn('a32', 'sys', { n: 22 }));
    expect(asm('.data\n.space SYS_SPAWN').sections[1].size).toBe(16);
  });

  it('that a file uses are listed first in its symbols, as local constants by number', () => {
    const o = asm('start: sys SYS_PRINT_INT\nsys SYS_EXIT');
    expect(o.symbols.map((s) => [s.name, s.section, s.value, s.global])).toEqual([
      ['SYS_EXIT', -1, 0, false], ['SYS_PRINT_INT', -1, 2, false], ['start', 0, 0, false],
    ]);
  });

  it('are listed in docs/assembler.md, each with its number', () => {
    const doc = readFileSync('docs/assembler.md', 'utf8');
    const listed = [...doc.matchAll(/^\| `(SYS_\w+)` \| (\d+) \|/gm)].map(([, name, n]) => [name, Number(n)]);
    expect(listed).toEqual([...PREDEFINED]);
  });

  it("give way to the file's own .equ of the same value, and to a .global name it imports", () => {
    const own = asm('.equ SYS_EXIT, 0\nsys SYS_EXIT');
    expect(own.symbols).toEqual([{ name: 'SYS_EXIT', section: -1, value: 0, global: false, kind: 'none' }]);
    const imported = asm('.global SYS_EXIT\naddi r1, r0, SYS_EXIT');
    expect(symbol(imported, 'SYS_EXIT')).toMatchObject({ section: -2, global: true });
    expect(imported.relocs).toHaveLength(1);
  });
});

describe('instructions', () => {
  it('accepts register aliases and any letter case for mnemonics and registers', () => {
    const o = asm('ADD sp, A0, Zero\nlw lr, -4(fp)\ncas r1, r2, (r3)');
    expect(hex(text(o))).toBe(
      insn('r32', 'add', { rd: 14, rs1: 1, rs2: 0 }) + insn('r32', 'lw', { rd: 15, rs1: 13, imm: -4 }) +
      insn('r32', 'cas', { rd: 1, rs2: 2, rs1: 3 }));
  });

  it('expands pseudos from the table', () => {
    const o = asm('li r3, 0xdeadbeef\nmov r1, r2\nret\nnop');
    expect(hex(text(o))).toBe(
      insn('r32', 'lui', { rd: 3, imm: 0xdead }) + insn('r32', 'ori', { rd: 3, rs1: 3, imm: 0xbeef }) +
      insn('r32', 'add', { rd: 1, rs1: 2, rs2: 0 }) + insn('r32', 'jr', { rs1: 15 }) +
      insn('r32', 'add', { rd: 0, rs1: 0, rs2: 0 }));
  });

  it('resolves pc-relative targets in the same section, relative to the instruction itself', () => {
    const r = asm('top: nop\nbeq r1, r2, top\njmp top');
    expect(hex(text(r))).toBe(
      insn('r32', 'add', { rd: 0, rs1: 0, rs2: 0 }) + insn('r32', 'beq', { rs1: 1, rs2: 2, off: -1 }) + insn('r32', 'jmp', { off: -2 }));
    expect(hex(text(asm('x: dup\njnz x', 's32')))).toBe('03' + insn('s32', 'jnz', { off: -1 }));
    expect(hex(text(asm('bnz y\ny: neg', 'a32')))).toBe(insn('a32', 'bnz', { off: 2 }) + insn('a32', 'neg', {}));
    expect(r.relocs).toEqual([]);
  });
});

describe('symbols and relocations', () => {
  const o = asm([
    '        .data',
    'msg:    .ascii "hi"',
    '        .align 4',
    'ptrs:   .word msg + 1, main, printf',
    '        .text',
    '        .global main',
    'main:   la   r1, msg',
    '        call printf',
    '        jmp  msg',
    '        sw   r1, ext_off(r2)',
  ].join('\n'));
  const named = (i: number) => o.symbols[i].name;

  it('lists labels, then externals; labels know their section and kind', () => {
    expect(o.symbols).toEqual([
      { name: 'msg', section: 1, value: 0, global: false, kind: 'object' },
      { name: 'ptrs', section: 1, value: 4, global: false, kind: 'object' },
      { name: 'main', section: 0, value: 0, global: true, kind: 'func' },
      { name: 'printf', section: -2, value: 0, global: true, kind: 'none' },
      { name: 'ext_off', section: -2, value: 0, global: true, kind: 'none' },
    ]);
  });

  it('relocates every value that depends on placement or on another file', () => {
    const summary = o.relocs.map((r) => `${r.section}+${r.offset} ${r.kind}${r.fieldKind ? ' ' + r.fieldKind : ''} ${named(r.symbol)}${r.addend ? '+' + r.addend : ''}`);
    expect(summary).toEqual([
      '1+4 abs32 msg+1', '1+8 abs32 main', '1+12 abs32 printf',
      '0+0 field hi16 msg', '0+4 field lo16 msg',
      '0+8 field pcrel printf', '0+12 field pcrel msg', '0+16 field abs ext_off',
    ]);
    const call = o.relocs[5];
    expect(call).toMatchObject({ fieldLo: 8, fieldWidth: 24, scale: 4, insnSize: 4 });
  });

  it('relocates `.` in another section through a section symbol', () => {
    const d = asm('.data\n.word 0\n.word .');
    expect(d.relocs).toEqual([{ section: 1, offset: 4, kind: 'abs32', symbol: 0, addend: 4 }]);
    expect(d.symbols[0]).toEqual({ name: '.data', section: 1, value: 0, global: false, kind: 'none' });
  });

  it('puts 32-bit absolute fields of s32 and a32 in relocations', () => {
    const s = asm('.data\nx: .word 0\n.text\npush x + 4', 's32');
    expect(s.relocs).toEqual([{ section: 0, offset: 0, kind: 'field', fieldKind: 'abs', fieldLo: 8, fieldWidth: 32, insnSize: 5, symbol: 0, addend: 4 }]);
    const a = asm('.data\nx: .word 0\n.text\nli x', 'a32');
    expect(a.relocs[0]).toMatchObject({ fieldKind: 'abs', fieldLo: 16, fieldWidth: 32, insnSize: 6 });
  });
});

describe('line table', () => {
  it('maps the first byte of each source line that makes code to that line', () => {
    const o = assemble('.isa r32\n\nstart: li r1, 5 ; two words\n  nop\n.data\n.word 1\n.text\n.word 2', { file: 'lines.s' });
    expect(o.lines).toEqual([
      { section: 0, at: 0, file: 'lines.s', line: 3 },
      { section: 0, at: 8, file: 'lines.s', line: 4 },
      { section: 0, at: 12, file: 'lines.s', line: 8 },
    ]);
  });

  it('records the position a .loc names for the code after it, once per position, until a bare .loc', () => {
    const source = 'nop\n.loc "prog.mn", 7\nnop\nnop\n.loc "prog.mn", 7\nnop\n.loc "lib.mn", 7\nnop\n.loc "prog.mn", 2 + 1\n.data\n.word 1\n.text\nnop\n.loc\nnop';
    expect(assemble(source, { file: 'out.s', isa: 'r32' }).lines).toEqual([
      { section: 0, at: 0, file: 'out.s', line: 1 },
      { section: 0, at: 4, file: 'prog.mn', line: 7 },
      { section: 0, at: 16, file: 'lib.mn', line: 7 },
      { section: 0, at: 20, file: 'prog.mn', line: 3 },
      { section: 0, at: 24, file: 'out.s', line: 15 },
    ]);
  });

  it('reports a malformed .loc', () => {
    const errors = (source: string) => {
      try {
        assemble(source, { file: 'e.s', isa: 's32' });
      } catch (e) {
        return (e as Error).message.split('\n')[0];
      }
      return 'no error';
    };
    expect(errors('.loc 7, "a.mn"')).toBe('e.s:1:6: error: expected the file name as a string in double quotes');
    expect(errors('.loc "a.mn", 0')).toBe('e.s:1:14: error: line number 0 is not between 1 and 2147483647');
    expect(errors('.loc "a.mn"')).toMatch(/^e\.s:1:1: error: \.loc expects/);
  });
});
