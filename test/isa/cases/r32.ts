// Hand-written expected results for every r32 row (isa/r32.ts), run by test/isa/r32.test.ts.
import { STACKS_BASE, textBase } from '../../../kernel/shared/addrspace.js';
import {
  FAULT_BAD_SYSCALL, FAULT_DIV_ZERO, FAULT_MISALIGNED, FAULT_READONLY, FAULT_STACK_OVERFLOW,
  FAULT_UNMAPPED,
} from '../../../kernel/shared/faults.js';
import { SYS_CORE_ID, SYS_PRINT_STR, SYS_SPAWN } from '../../../kernel/shared/syscalls.js';
import { D, type RowCase, u } from '../harness.js';

const T = textBase(0);
const MIN = 0x80000000; // −2³¹
const rrr = { rd: 3, rs1: 1, rs2: 2 };
const alu = (name: string, m: string, a: number, b: number, out: number): RowCase => ({
  name, insn: [m, rrr], before: { regs: { r1: a, r2: b } }, after: { regs: { r3: out } },
});
const ali = (name: string, m: string, a: number, imm: number, out: number): RowCase => ({
  name, insn: [m, { rd: 3, rs1: 1, imm }], before: { regs: { r1: a } }, after: { regs: { r3: out } },
});
const divZero = (m: string): RowCase => ({
  name: `${m} by zero faults`, insn: [m, rrr], before: { regs: { r1: 7, r2: 0 } },
  after: { result: { fault: FAULT_DIV_ZERO, addr: T } },
});
/** a load of `m` from D + 4 with imm 4 and r1 = D */
const ld = (name: string, m: string, stored: number, size: number, out: number): RowCase => ({
  name, insn: [m, { rd: 3, rs1: 1, imm: 4 }], before: { regs: { r1: D }, mem: [[D + 4, size, stored]] },
  after: { regs: { r3: out } },
});
const st = (name: string, m: string, v: number, size: number, stored: number): RowCase => ({
  name, insn: [m, { rs2: 2, rs1: 1, imm: -4 }], before: { regs: { r1: D + 8, r2: v }, mem: [[D, 4, 0x11111111]] },
  after: { mem: [[D + 4, 4, stored], [D, 4, 0x11111111]] },
});
const br = (name: string, m: string, a: number, b: number, taken: boolean): RowCase => ({
  name, insn: [m, { rs1: 1, rs2: 2, off: -2 }], at: 16, before: { regs: { r1: a, r2: b } },
  after: { pc: taken ? T + 8 : T + 20 },
});
const fault = (code: number, addr: number) => ({ result: { fault: code, addr } });

export const r32Cases: RowCase[] = [
  alu('add', 'add', 5, 7, 12),
  alu('add wraps', 'add', 0xffffffff, 2, 1),
  { name: 'add to r0 is dropped', insn: ['add', { rd: 0, rs1: 1, rs2: 2 }], before: { regs: { r1: 5, r2: 7 } } },
  alu('sub wraps below zero', 'sub', 3, 5, u(-2)),
  alu('and', 'and', 0xff00ff00, 0x0ff00ff0, 0x0f000f00),
  alu('or', 'or', 0xff00ff00, 0x0ff00ff0, 0xfff0fff0),
  alu('xor', 'xor', 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0),
  alu('shl', 'shl', 3, 4, 48),
  alu('shl by 32 shifts by 0', 'shl', 3, 32, 3),
  alu('shl by 33 shifts by 1', 'shl', 3, 33, 6),
  alu('shr is logical', 'shr', MIN, 31, 1),
  alu('shr by 32 shifts by 0', 'shr', MIN, 32, MIN),
  alu('sar is arithmetic', 'sar', MIN, 31, 0xffffffff),
  alu('sar by 36 shifts by 4', 'sar', MIN, 36, 0xf8000000),
  alu('slt is signed', 'slt', u(-1), 1, 1),
  alu('slt false', 'slt', 1, u(-1), 0),
  alu('sltu is unsigned', 'sltu', u(-1), 1, 0),
  alu('sltu true', 'sltu', 1, u(-1), 1),
  alu('mul', 'mul', u(-3), 5, u(-15)),
  alu('mul keeps the low 32 bits', 'mul', 0x10001, 0x10001, 0x00020001),
  alu('mul of large values', 'mul', 0xffffffff, 0xffffffff, 1),
  alu('div truncates toward zero', 'div', u(-7), 2, u(-3)),
  alu('div of negatives', 'div', u(-7), u(-2), 3),
  alu('div −2³¹ ÷ −1 = −2³¹', 'div', MIN, u(-1), MIN),
  divZero('div'),
  alu('divu is unsigned', 'divu', 0xfffffffe, 2, 0x7fffffff),
  divZero('divu'),
  alu('rem takes the sign of the dividend', 'rem', u(-7), 2, u(-1)),
  alu('rem with a negative divisor', 'rem', 7, u(-2), 1),
  alu('rem −2³¹ rem −1 = 0', 'rem', MIN, u(-1), 0),
  divZero('rem'),
  alu('remu is unsigned', 'remu', 0xffffffff, 10, 5),
  divZero('remu'),
  ali('addi sign-extends', 'addi', 5, -6, u(-1)),
  ali('slti', 'slti', u(-5), -4, 1),
  ali('sltiu compares with the sign-extended immediate', 'sltiu', 0xfffffff0, -1, 1),
  ali('andi zero-extends', 'andi', 0xffffffff, 0xffff, 0xffff),
  ali('ori', 'ori', 0x12340000, 0x8001, 0x12348001),
  ali('xori zero-extends', 'xori', 0xffffffff, 0xffff, 0xffff0000),
  ali('shli', 'shli', 1, 31, MIN),
  ali('shli by 33 shifts by 1', 'shli', 1, 33, 2),
  ali('shri', 'shri', MIN, 4, 0x08000000),
  ali('sari', 'sari', MIN, 4, 0xf8000000),
  { name: 'lui', insn: ['lui', { rd: 4, imm: 0xabcd }], after: { regs: { r4: 0xabcd0000 } } },
  ld('lw', 'lw', 0xdeadbeef, 4, 0xdeadbeef),
  { name: 'lw with a negative offset', insn: ['lw', { rd: 3, rs1: 1, imm: -8 }], before: { regs: { r1: D + 12 }, mem: [[D + 4, 4, 42]] }, after: { regs: { r3: 42 } } },
  { name: 'lw misaligned faults', insn: ['lw', { rd: 3, rs1: 1, imm: 2 }], before: { regs: { r1: D } }, after: fault(FAULT_MISALIGNED, D + 2) },
  { name: 'lw from an unmapped page faults', insn: ['lw', { rd: 3, rs1: 1, imm: 0 }], before: { regs: { r1: 0x100 } }, after: fault(FAULT_UNMAPPED, 0x100) },
  { name: 'lw from a stack guard page faults as overflow', insn: ['lw', { rd: 3, rs1: 1, imm: 0 }], before: { regs: { r1: STACKS_BASE + 8 } }, after: fault(FAULT_STACK_OVERFLOW, STACKS_BASE + 8) },
  { name: 'lw from text (read-only) is allowed', insn: ['lw', { rd: 3, rs1: 1, imm: 0 }], before: { regs: { r1: T } }, after: { regs: { r3: 0x00001320 } } },
  ld('lh sign-extends', 'lh', 0x8001, 2, 0xffff8001),
  { name: 'lh misaligned faults', insn: ['lh', { rd: 3, rs1: 1, imm: 1 }], before: { regs: { r1: D } }, after: fault(FAULT_MISALIGNED, D + 1) },
  ld('lhu zero-extends', 'lhu', 0x8001, 2, 0x8001),
  ld('lb sign-extends', 'lb', 0x80, 1, 0xffffff80),
  { name: 'lb needs no alignment', insn: ['lb', { rd: 3, rs1: 1, imm: 3 }], before: { regs: { r1: D }, mem: [[D, 4, 0x7f000000]] }, after: { regs: { r3: 0x7f } } },
  ld('lbu zero-extends', 'lbu', 0x80, 1, 0x80),
  st('sw', 'sw', 0xcafef00d, 4, 0xcafef00d),
  { name: 'sw to text faults read-only', insn: ['sw', { rs2: 2, rs1: 1, imm: 0 }], before: { regs: { r1: T + 4, r2: 1 } }, after: fault(FAULT_READONLY, T + 4) },
  { name: 'sw misaligned faults before the page check', insn: ['sw', { rs2: 2, rs1: 1, imm: 0 }], before: { regs: { r1: T + 2 } }, after: fault(FAULT_MISALIGNED, T + 2) },
  st('sh stores the low 16 bits', 'sh', 0x12345678, 2, 0x5678),
  { name: 'sh misaligned faults', insn: ['sh', { rs2: 2, rs1: 1, imm: 1 }], before: { regs: { r1: D } }, after: fault(FAULT_MISALIGNED, D + 1) },
  st('sb stores the low 8 bits', 'sb', 0x12345678, 1, 0x78),
  br('beq taken (backwards)', 'beq', 4, 4, true),
  br('beq not taken', 'beq', 4, 5, false),
  br('bne taken', 'bne', 4, 5, true),
  br('blt is signed', 'blt', u(-1), 0, true),
  br('blt not taken', 'blt', 0, 0, false),
  br('bge taken when equal', 'bge', 0, 0, true),
  br('bge is signed', 'bge', u(-1), 0, false),
  br('bltu is unsigned', 'bltu', 0, u(-1), true),
  br('bltu not taken', 'bltu', u(-1), 0, false),
  br('bgeu is unsigned', 'bgeu', u(-1), 0, true),
  br('bgeu not taken', 'bgeu', 0, 1, false),
  { name: 'jmp', insn: ['jmp', { off: 3 }], at: 4, after: { pc: T + 16 } },
  { name: 'jmp backwards', insn: ['jmp', { off: -1 }], at: 4, after: { pc: T } },
  { name: 'call links r15', insn: ['call', { off: 10 }], at: 8, after: { pc: T + 48, regs: { r15: T + 12 } } },
  { name: 'jr', insn: ['jr', { rs1: 5 }], before: { regs: { r5: T + 64 } }, after: { pc: T + 64 } },
  { name: 'jr to a misaligned address does not fault (the fetch will)', insn: ['jr', { rs1: 5 }], before: { regs: { r5: T + 2 } }, after: { pc: T + 2 } },
  { name: 'callr', insn: ['callr', { rs1: 5 }], at: 4, before: { regs: { r5: T + 64 } }, after: { pc: T + 64, regs: { r15: T + 8 } } },
  { name: 'callr r15 jumps to the old r15', insn: ['callr', { rs1: 15 }], before: { regs: { r15: T + 64 } }, after: { pc: T + 64, regs: { r15: T + 4 } } },
  { name: 'cas succeeds', insn: ['cas', { rd: 3, rs2: 2, rs1: 1 }], before: { regs: { r1: D, r2: 9, r3: 5 }, mem: [[D, 4, 5]] }, after: { regs: { r3: 5 }, mem: [[D, 4, 9]] } },
  { name: 'cas fails', insn: ['cas', { rd: 3, rs2: 2, rs1: 1 }], before: { regs: { r1: D, r2: 9, r3: 4 }, mem: [[D, 4, 5]] }, after: { regs: { r3: 5 }, mem: [[D, 4, 5]] } },
  { name: 'cas misaligned faults', insn: ['cas', { rd: 3, rs2: 2, rs1: 1 }], before: { regs: { r1: D + 2 } }, after: fault(FAULT_MISALIGNED, D + 2) },
  { name: 'cas on read-only memory faults even if the compare fails', insn: ['cas', { rd: 3, rs2: 2, rs1: 1 }], before: { regs: { r1: T, r3: 1 } }, after: fault(FAULT_READONLY, T) },
  { name: 'faa', insn: ['faa', { rd: 3, rs2: 2, rs1: 1 }], before: { regs: { r1: D, r2: 3 }, mem: [[D, 4, 0xffffffff]] }, after: { regs: { r3: 0xffffffff }, mem: [[D, 4, 2]] } },
  { name: 'faa with rd = rs2', insn: ['faa', { rd: 2, rs2: 2, rs1: 1 }], before: { regs: { r1: D, r2: 3 }, mem: [[D, 4, 10]] }, after: { regs: { r2: 10 }, mem: [[D, 4, 13]] } },
  { name: 'faa on an unmapped page faults', insn: ['faa', { rd: 3, rs2: 2, rs1: 1 }], before: { regs: { r1: 0x2000 } }, after: fault(FAULT_UNMAPPED, 0x2000) },
  { name: 'sys reads r1..rk', insn: ['sys', { n: SYS_PRINT_STR }], before: { regs: { r1: D, r2: 5, r3: 7 } }, after: { result: { sys: SYS_PRINT_STR, args: [D, 5] } } },
  { name: 'sys with three arguments', insn: ['sys', { n: SYS_SPAWN }], before: { regs: { r1: 1, r2: 2, r3: 3, r4: 4 } }, after: { result: { sys: SYS_SPAWN, args: [1, 2, 3] } } },
  { name: 'sys without arguments', insn: ['sys', { n: SYS_CORE_ID }], after: { result: { sys: SYS_CORE_ID, args: [] } } },
  { name: 'sys with an unknown number faults', insn: ['sys', { n: 999 }], at: 4, after: fault(FAULT_BAD_SYSCALL, T + 4) },
  { name: 'halt exits with r1', insn: ['halt'], before: { regs: { r1: u(-3) } }, after: { result: { halt: u(-3) } } },
];
