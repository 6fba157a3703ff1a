// Hand-written expected results for every a32 row (isa/a32.ts), run by test/isa/rows.test.ts.
// Stacks are written deepest item first; the top of the stack (at SP) is on the right.
import { textBase } from '../../../kernel/shared/addrspace.js';
import {
  FAULT_BAD_SYSCALL, FAULT_MISALIGNED, FAULT_READONLY, FAULT_STACK_OVERFLOW,
} from '../../../kernel/shared/faults.js';
import { SYS_PRINT_STR, SYS_SEND } from '../../../kernel/shared/syscalls.js';
import { D, type RowCase, STACK_BASE as SB, STACK_TOP, u } from '../harness.js';

const T = textBase(2);
const MIN = 0x80000000;
const withR = (name: string, m: string, a: number, r3: number, out: number): RowCase => ({
  name, insn: [m, { r: 3 }], before: { regs: { A: a, r3 } }, after: { regs: { A: out } },
});
const withImm = (name: string, m: string, a: number, imm: number, out: number): RowCase => ({
  name, insn: [m, { imm }], before: { regs: { A: a } }, after: { regs: { A: out } },
});
/** X-indexed access at X = D + 8 */
const indexed = (name: string, m: string, imm: number, before: RowCase['before'], after: RowCase['after']): RowCase => ({
  name, insn: [m, { imm }], before: { ...before, regs: { X: D + 8, ...before?.regs } }, after,
});
const fault = (code: number, addr: number) => ({ result: { fault: code, addr } });
const branch = (name: string, m: string, a: number, taken: boolean): RowCase => ({
  name, insn: [m, { off: -3 }], at: 10, before: { regs: { A: a } }, after: { pc: taken ? T + 4 : T + 14 },
});

export const a32Cases: RowCase[] = [
  withImm('lis sign-extends', 'lis', 7, -1, 0xffffffff),
  withImm('li', 'li', 7, 0xdeadbeef, 0xdeadbeef),
  withImm('li of a negative constant', 'li', 7, -2, u(-2)),
  { name: 'get', insn: ['get', { r: 7 }], before: { regs: { r7: 42 } }, after: { regs: { A: 42 } } },
  { name: 'put', insn: ['put', { r: 5 }], before: { regs: { A: 42 } }, after: { regs: { r5: 42 } } },
  { name: 'tax', insn: ['tax'], before: { regs: { A: 42 } }, after: { regs: { X: 42 } } },
  { name: 'txa', insn: ['txa'], before: { regs: { X: 42 } }, after: { regs: { A: 42 } } },
  withR('add wraps', 'add', 0xffffffff, 2, 1),
  withR('sub', 'sub', 3, 5, u(-2)),
  withR('and', 'and', 0xff00ff00, 0x0ff00ff0, 0x0f000f00),
  withR('or', 'or', 0xff00ff00, 0x0ff00ff0, 0xfff0fff0),
  withR('xor', 'xor', 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0),
  withR('shl by 33 shifts by 1', 'shl', 3, 33, 6),
  withR('shr is logical', 'shr', MIN, 31, 1),
  withR('sar is arithmetic', 'sar', MIN, 31, 0xffffffff),
  withR('sar by 32 shifts by 0', 'sar', MIN, 32, MIN),
  withR('slt is signed', 'slt', u(-1), 1, 1),
  withR('sltu is unsigned', 'sltu', u(-1), 1, 0),
  withR('seq', 'seq', 9, 9, 1),
  withR('seq false', 'seq', 9, 8, 0),
  withImm('addi sign-extends', 'addi', 5, -6, u(-1)),
  withImm('andi sign-extends', 'andi', 0x12345678, -16, 0x12345670),
  withImm('ori', 'ori', 0x10, 0x0f, 0x1f),
  withImm('xori sign-extends', 'xori', 0, -1, 0xffffffff),
  withImm('shli by 33 shifts by 1', 'shli', 1, 33, 2),
  withImm('shli by −1 shifts by 31', 'shli', 1, -1, MIN),
  withImm('shri', 'shri', MIN, 4, 0x08000000),
  withImm('sari', 'sari', MIN, 4, 0xf8000000),
  { name: 'neg', insn: ['neg'], before: { regs: { A: 5 } }, after: { regs: { A: u(-5) } } },
  { name: 'not', insn: ['not'], before: { regs: { A: 0 } }, after: { regs: { A: 0xffffffff } } },
  indexed('lw', 'lw', -4, { mem: [[D + 4, 4, 0xdeadbeef]] }, { regs: { A: 0xdeadbeef } }),
  indexed('lw misaligned faults', 'lw', 2, {}, fault(FAULT_MISALIGNED, D + 10)),
  indexed('lh sign-extends', 'lh', 2, { mem: [[D + 10, 2, 0x8001]] }, { regs: { A: 0xffff8001 } }),
  indexed('lh misaligned faults', 'lh', 1, {}, fault(FAULT_MISALIGNED, D + 9)),
  indexed('lhu zero-extends', 'lhu', 2, { mem: [[D + 10, 2, 0x8001]] }, { regs: { A: 0x8001 } }),
  indexed('lb sign-extends', 'lb', 1, { mem: [[D + 9, 1, 0x80]] }, { regs: { A: 0xffffff80 } }),
  indexed('lbu zero-extends', 'lbu', 1, { mem: [[D + 9, 1, 0x80]] }, { regs: { A: 0x80 } }),
  indexed('sw', 'sw', 4, { regs: { A: 0xcafef00d } }, { mem: [[D + 12, 4, 0xcafef00d]] }),
  { name: 'sw to text faults read-only', insn: ['sw', { imm: 0 }], before: { regs: { X: T } }, after: fault(FAULT_READONLY, T) },
  indexed('sh stores the low 16 bits', 'sh', 0, { regs: { A: 0x12345678 } }, { mem: [[D + 8, 4, 0x5678]] }),
  indexed('sh misaligned faults', 'sh', 3, {}, fault(FAULT_MISALIGNED, D + 11)),
  indexed('sb stores the low 8 bits', 'sb', 1, { regs: { A: 0x12345678 } }, { mem: [[D + 8, 4, 0x7800]] }),
  { name: 'push', insn: ['push'], before: { stack: [1], regs: { A: 42 } }, after: { stack: [1, 42] } },
  { name: 'push with a misaligned SP faults', insn: ['push'], before: { regs: { SP: SB - 2 } }, after: fault(FAULT_MISALIGNED, SB - 6) },
  { name: 'pop', insn: ['pop'], before: { stack: [1, 2] }, after: { stack: [1], regs: { A: 2 } } },
  { name: 'pop past the stack top faults as overflow', insn: ['pop'], before: { regs: { SP: STACK_TOP } }, after: fault(FAULT_STACK_OVERFLOW, STACK_TOP) },
  { name: 'lds', insn: ['lds', { n: 1 }], before: { stack: [10, 20] }, after: { regs: { A: 10 } } },
  { name: 'sts', insn: ['sts', { n: 2 }], before: { stack: [10, 20, 30], regs: { A: 5 } }, after: { stack: [5, 20, 30] } },
  { name: 'spa', insn: ['spa', { n: 3 }], before: { regs: { SP: SB } }, after: { regs: { A: SB + 12 } } },
  { name: 'adjsp drops items', insn: ['adjsp', { imm: 2 }], before: { stack: [1, 2, 3] }, after: { stack: [1] } },
  { name: 'adjsp makes room', insn: ['adjsp', { imm: -1 }], before: { regs: { SP: SB } }, after: { regs: { SP: SB - 4 } } },
  { name: 'jmp', insn: ['jmp', { off: 5 }], at: 2, after: { pc: T + 12 } },
  branch('bz taken (backwards)', 'bz', 0, true),
  branch('bz not taken', 'bz', 1, false),
  branch('bnz taken', 'bnz', 1, true),
  branch('bnz not taken', 'bnz', 0, false),
  { name: 'call pushes the return address', insn: ['call', { off: 10 }], at: 4, before: { stack: [] }, after: { stack: [T + 10], pc: T + 24 } },
  { name: 'callr', insn: ['callr'], at: 2, before: { stack: [], regs: { A: T + 40 } }, after: { stack: [T + 4], pc: T + 40 } },
  { name: 'ret', insn: ['ret'], before: { stack: [7, T + 50] }, after: { stack: [7], pc: T + 50 } },
  { name: 'ret with a misaligned SP faults', insn: ['ret'], before: { regs: { SP: SB - 2 } }, after: fault(FAULT_MISALIGNED, SB - 2) },
  { name: 'sys reads r0..rk−1', insn: ['sys', { n: SYS_PRINT_STR }], before: { regs: { r0: D, r1: 5, r2: 9, A: 1 } }, after: { result: { sys: SYS_PRINT_STR, args: [D, 5] } } },
  { name: 'sys with three arguments', insn: ['sys', { n: SYS_SEND }], before: { regs: { r0: 1, r1: 2, r2: 3, r3: 4 } }, after: { result: { sys: SYS_SEND, args: [1, 2, 3] } } },
  { name: 'sys with an unknown number faults', insn: ['sys', { n: 255 }], at: 2, after: fault(FAULT_BAD_SYSCALL, T + 2) },
  { name: 'halt exits with A', insn: ['halt'], before: { regs: { A: 3 } }, after: { result: { halt: 3 } } },
];
