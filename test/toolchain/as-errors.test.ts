// Every kind of assembly error the assembler reports, with its exact text: position, message,
// the source line and the caret under the operand. One row per kind: [what, isa, source, expected].
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISAS, type IsaName } from '../../isa/index.js';
import { assemble } from '../../toolchain/as/index.js';
import { DiagnosticError } from '../../toolchain/diagnostics.js';
import { UserError } from '../../toolchain/errors.js';

/** The error of assembling `source` (isa 'none': no --isa flag). */
function failure(source: string, isa: string, file = 't.s'): DiagnosticError {
  try {
    assemble(source, { file, isa: isa === 'none' ? undefined : (isa as IsaName) });
  } catch (e) {
    expect(e).toBeInstanceOf(DiagnosticError);
    expect(e).toBeInstanceOf(UserError);
    return e as DiagnosticError;
  }
  throw new Error(`no error for: ${source}`);
}

const errorOf = (source: string, isa: string) => failure(source, isa).message;

const CASES: [string, string, string, string][] = [
  ["unknown instruction", "r32", "frob r1, r2",
    `t.s:1:1: error: unknown instruction 'frob' for r32
frob r1, r2
^~~~`],
  ["unknown register", "r32", "add r1, r2, r16",
    `t.s:1:13: error: unknown register 'r16' (r32 registers: r0–r15, zero, a0, a1, a2, a3, t0, t1, t2, t3, s0, s1, s2, s3, fp, sp, lr)
add r1, r2, r16
            ^~~`],
  ["signed immediate out of range", "r32", "addi r1, r2, 70000",
    `t.s:1:14: error: immediate 70000 does not fit in 16 signed bits
addi r1, r2, 70000
             ^~~~~`],
  ["unsigned immediate out of range", "r32", "ori r1, r1, -1",
    `t.s:1:13: error: immediate -1 does not fit in 16 unsigned bits
ori r1, r1, -1
            ^~`],
  ["8-bit immediate out of range", "s32", "push8 200",
    `t.s:1:7: error: immediate 200 does not fit in 8 signed bits
push8 200
      ^~~`],
  ["branch target out of range", "r32", "beq r1, r2, far\n.space 200000\nfar:",
    `t.s:1:13: error: branch target out of range (200004 bytes away; this field reaches -131072..131068)
beq r1, r2, far
            ^~~`],
  ["branch target given as a number", "r32", "jmp 8",
    `t.s:1:5: error: a branch target must be an address (a label, or . + offset), not the number 8
jmp 8
    ^`],
  ["branch target not a multiple of the scale", "r32", "jmp .+6",
    `t.s:1:5: error: branch target is 6 bytes away, not a multiple of 4
jmp .+6
    ^~~`],
  ["wrong number of operands", "r32", "add r1, r2",
    `t.s:1:1: error: add expects 3 operands (rd, rs1, rs2), got 2
add r1, r2
^~~`],
  ["wrong number of operands of a pseudo", "r32", "li r1",
    `t.s:1:1: error: li expects 2 operands (rd, imm), got 1
li r1
^~`],
  ["symbol defined twice", "r32", "x: nop\nx: nop",
    `t.s:2:1: error: symbol 'x' is already defined (on line 1)
x: nop
^`],
  ["unknown directive", "r32", ".wrod 1",
    `t.s:1:1: error: unknown directive '.wrod'
.wrod 1
^~~~~`],
  ["bad number", "r32", "addi r1, r1, 12ab",
    `t.s:1:14: error: bad number '12ab'
addi r1, r1, 12ab
             ^~~~`],
  ["unterminated string", "r32", ".data\n.ascii \"abc",
    `t.s:2:8: error: unterminated string: missing closing "
.ascii "abc
       ^~~~`],
  ["unknown escape", "r32", ".data\n.ascii \"a\\qb\"",
    `t.s:2:10: error: unknown escape '\\q' (known: \\n \\t \\r \\0 \\\\ \\' \\" \\xHH)
.ascii "a\\qb"
         ^~`],
  ["empty operand", "r32", "add r1, , r2",
    `t.s:1:9: error: missing operand before ','
add r1, , r2
        ^`],
  ["trailing comma", "r32", "add r1, r2,",
    `t.s:1:11: error: missing operand after ','
add r1, r2,
          ^`],
  ["incomplete expression", "r32", ".word 1 +",
    `t.s:1:10: error: expected a number, symbol or ( after '+'
.word 1 +
         ^`],
  ["division by zero", "r32", ".word 4 / (2 - 2)",
    `t.s:1:9: error: division by zero
.word 4 / (2 - 2)
        ^`],
  ["no ISA", "none", "nop",
    `t.s: error: no ISA given: use --isa r32|s32|a32 or an .isa directive`],
  [".isa conflicting with --isa", "r32", ".isa s32\nnop",
    `t.s:1:6: error: .isa s32 conflicts with --isa r32
.isa s32
     ^~~`],
  ["unknown ISA", "none", ".isa x86",
    `t.s:1:6: error: unknown ISA 'x86' (use r32, s32, a32)
.isa x86
     ^~~`],
  ["instruction outside .text", "r32", ".data\nnop",
    `t.s:2:1: error: instructions belong in .text, not in .data
nop
^~~`],
  ["misaligned instruction", "r32", ".byte 1\nnop",
    `t.s:2:1: error: instruction at .text+1 is not 4-byte aligned (put .align 4 before it)
nop
^~~`],
  ["contents in .bss", "r32", ".bss\n.word 1",
    `t.s:2:1: error: .word in .bss: .bss holds no contents (reserve room with .space)
.word 1
^~~~~`],
  ["alignment not a power of two", "r32", ".align 3",
    `t.s:1:8: error: alignment 3 is not a power of two between 1 and 65536
.align 3
       ^`],
  ["size depending on a later label", "r32", ".space end - start\nstart: nop\nend:",
    `t.s:1:8: error: 'end' is not defined above this line, so its value is not known here
.space end - start
       ^~~`],
  ["circular .equ", "r32", ".equ A, B + 1\n.equ B, A\n.word A",
    `t.s:2:9: error: 'A' is defined in terms of itself
.equ B, A
        ^`],
  ["%hi in a signed field", "r32", "addi r1, r0, %hi(x)",
    `t.s:1:14: error: %hi(…) gives 16 bits and fits only a 16-bit unsigned field, not 16 signed bits
addi r1, r0, %hi(x)
             ^~~~~~`],
  ["address in a 16-bit field", "r32", ".data\nmsg: .word 0\n.text\naddi r1, r0, msg",
    `t.s:4:14: error: the address msg does not fit in 16 signed bits
addi r1, r0, msg
             ^~~`],
  ["difference across sections", "r32", ".data\na: .word 0\n.text\nb: nop\n.equ D, a - b\n.word D",
    `t.s:5:11: error: cannot subtract addresses that are not in the same section of this file (a - b)
.equ D, a - b
          ^`],
  ["memory operand without base", "r32", "lw r1, r2",
    `t.s:1:8: error: expected offset(register), like 8(sp)
lw r1, r2
       ^~`],
  ["character literal of two bytes", "r32", "addi r1, r0, 'ab'",
    `t.s:1:14: error: a character literal holds exactly one byte, like 'a' or '\\n'
addi r1, r0, 'ab'
             ^~~~`],
  [".byte out of range", "r32", ".data\n.byte 300",
    `t.s:2:7: error: value 300 does not fit in a byte (-128..255)
.byte 300
      ^~~`],
  ["stray character", "r32", "add r1, r2, @",
    `t.s:1:13: error: unexpected character '@'
add r1, r2, @
            ^`],
  ["address in .half", "r32", ".data\nx: .half x",
    `t.s:2:10: error: .half cannot hold an address (addresses need 32 bits: use .word)
x: .half x
         ^`],
  ["string as a number", "r32", "addi r1, r0, \"a\"",
    `t.s:1:14: error: a string is not a number (strings go in .ascii or .asciz)
addi r1, r0, "a"
             ^~~`],
  ["colon inside operands", "r32", "add r1: r2",
    `t.s:1:7: error: unexpected ':' (a label goes at the start of a line)
add r1: r2
      ^`],
  ["unknown %operator", "r32", "addi r1, r0, %foo(3)",
    `t.s:1:14: error: unknown operator %foo (only %hi and %lo exist)
addi r1, r0, %foo(3)
             ^~~~`],
  ["shift count", "r32", ".word 1 << 40",
    `t.s:1:9: error: shift count 40 is out of range 0..31
.word 1 << 40
        ^~`],
  [".equ outside its section", "r32", ".data\nbuf: .space 8\n.equ END, buf + 64",
    `t.s:3:6: error: .equ END is an address outside .data (offset 64 of 8 bytes)
.equ END, buf + 64
     ^~~`],
  ["a predefined symbol's .equ with another value", "r32", "sys SYS_PRINT_INT\n.equ SYS_PRINT_INT, 5",
    `t.s:2:6: error: .equ SYS_PRINT_INT gives 5, but SYS_PRINT_INT is predefined as system call 2 (kernel/shared/syscalls.ts): remove this .equ
.equ SYS_PRINT_INT, 5
     ^~~~~~~~~~~~~`],
  ["a predefined symbol's .equ as an address", "r32", "here: nop\n.equ SYS_EXIT, here",
    `t.s:2:6: error: .equ SYS_EXIT gives an address, but SYS_EXIT is predefined as system call 0 (kernel/shared/syscalls.ts): remove this .equ
.equ SYS_EXIT, here
     ^~~~~~~~`],
  ["a predefined symbol as a label", "r32", "SYS_YIELD: nop",
    `t.s:1:1: error: 'SYS_YIELD' is predefined (system call 1, from kernel/shared/syscalls.ts) and cannot be a label
SYS_YIELD: nop
^~~~~~~~~`],
  ["a32 register out of range", "a32", "get r8",
    `t.s:1:5: error: unknown register 'r8' (a32 registers: r0–r7)
get r8
    ^~`],
  ["tab-indented source keeps the caret aligned", "r32", "\taddi\tr1, r2, 70000",
    `t.s:1:15: error: immediate 70000 does not fit in 16 signed bits
	addi	r1, r2, 70000
	    	        ^~~~~`],
];

describe('assembler errors', () => {
  it.each(CASES)('%s', (_what, isa, source, expected) => {
    expect(errorOf(source, isa)).toBe(expected);
  });

  it('reports every error in the file, in line order, without follow-on errors', () => {
    const source = [
      '        .isa r32',
      'start:  frob r1',              // unknown: takes no room, defines nothing else
      '        addi r1, r2, 99999',
      '        beq  r1, r2, start',   // fine: start is defined despite line 2
      '        add  r1, r2',
      '        .word',
      '        bnez r1, later',       // fine: an external for the linker
    ].join('\n');
    const e = failure(source, 'none', 'many.s');
    expect(e.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      "2:9 unknown instruction 'frob' for r32",
      '3:22 immediate 99999 does not fit in 16 signed bits',
      '5:9 add expects 3 operands (rd, rs1, rs2), got 2',
      '6:9 .word needs at least one value',
    ]);
  });

  it('reports an error in an .equ once, at the .equ, however often it is used', () => {
    const msg = errorOf('.equ BAD, 1 / 0\n.word BAD\n.word BAD + 1', 'r32');
    expect(msg).toBe('t.s:1:13: error: division by zero\n.equ BAD, 1 / 0\n            ^');
  });
});

describe('garbage in', () => {
  // pieces of assembly, glued together at random: whatever comes out, the assembler must
  // either produce an object or throw a DiagnosticError (the CLI prints it; no stack trace)
  const pieces = [
    ...ISAS.flatMap((i) => i.instructions.map((d) => d.mnemonic)), 'li', 'la', 'mov',
    'r1', 'sp', 'x', '.', 'msg', '(', ')', ',', ':', '+', '-', '*', '/', '%', '<<', '~', '%hi(', '%lo(',
    '0', '-1', '0x', '0xffffffff', '4294967296', "'a'", '"str"', '"open', '.word', '.byte', '.ascii',
    '.align', '.space', '.equ', '.global', '.data', '.bss', '.isa', 'r32', 's32', ';c', '99999999999999999999', 'x:',
    'SYS_EXIT', 'SYS_SPAWN:',
  ];
  const line = fc.array(fc.constantFrom(...pieces), { maxLength: 7 }).map((p) => p.join(' '));

  it('never throws anything but a DiagnosticError', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom<IsaName | undefined>('r32', 's32', 'a32', undefined), (lines, isa) => {
        try {
          assemble(lines.join('\n'), { file: 'g.s', isa });
        } catch (e) {
          if (!(e instanceof DiagnosticError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});
