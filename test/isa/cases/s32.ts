// Hand-written expected results for every s32 row (isa/s32.ts), run by test/isa/rows.test.ts.
// Stacks are written deepest item first; the top of the stack is on the right.
import { PAGE_SIZE, STACK_PAGES, textBase } from '../../../kernel/shared/addrspace.js';
import {
  FAULT_BAD_SYSCALL, FAULT_MISALIGNED, FAULT_READONLY, FAULT_STACK_OVERFLOW, FAULT_UNMAPPED,
} from '../../../kernel/shared/faults.js';
import { SYS_PRINT_INT, SYS_PRINT_STR } from '../../../kernel/shared/syscalls.js';
import { D, type RowCase, STACK_BASE as SB, STACK_TOP, u } from '../harness.js';

const T = textBase(1);
const MIN = 0x80000000;
/** a stack-only case: one instruction, stack before and after */
const op = (name: string, m: string, before: number[], after: number[]): RowCase => ({
  name, insn: [m], before: { stack: before }, after: { stack: after },
});
const fault = (code: number, addr: number) => ({ result: { fault: code, addr } });
const branch = (name: string, m: string, a: number, taken: boolean): RowCase => ({
  name, insn: [m, { off: -6 }], at: 8, before: { stack: [a] }, after: { stack: [], pc: taken ? T + 2 : T + 11 },
});
/** fp for the local-variable cases: in the data page */
const FP = D + 64;

export const s32Cases: RowCase[] = [
  { name: 'push8 sign-extends', insn: ['push8', { k: -1 }], before: { stack: [1] }, after: { stack: [1, 0xffffffff] } },
  { name: 'push8', insn: ['push8', { k: 100 }], before: { stack: [] }, after: { stack: [100] } },
  { name: 'push', insn: ['push', { imm: 0xdeadbeef }], before: { stack: [] }, after: { stack: [0xdeadbeef] } },
  { name: 'push of a negative constant', insn: ['push', { imm: -2 }], before: { stack: [] }, after: { stack: [u(-2)] } },
  { name: 'push into the guard page faults as overflow', insn: ['push8', { k: 1 }], before: { regs: { sp: STACK_TOP - STACK_PAGES * PAGE_SIZE } }, after: fault(FAULT_STACK_OVERFLOW, STACK_TOP - STACK_PAGES * PAGE_SIZE - 4) },
  op('dup', 'dup', [1, 2], [1, 2, 2]),
  op('drop', 'drop', [1, 2], [1]),
  { name: 'drop reads the item it pops', insn: ['drop'], before: { regs: { sp: STACK_TOP } }, after: fault(FAULT_STACK_OVERFLOW, STACK_TOP) },
  op('swap', 'swap', [1, 2], [2, 1]),
  op('over', 'over', [1, 2], [1, 2, 1]),
  // with the stack in the read-only text page, the first write an instruction makes faults
  { name: 'dup writes only the new top', insn: ['dup'], before: { regs: { sp: T + 64 } }, after: fault(FAULT_READONLY, T + 60) },
  { name: 'over writes only the new top', insn: ['over'], before: { regs: { sp: T + 64 } }, after: fault(FAULT_READONLY, T + 60) },
  { name: 'swap writes the deeper slot first', insn: ['swap'], before: { regs: { sp: T + 64 } }, after: fault(FAULT_READONLY, T + 68) },
  op('add', 'add', [7, 5], [12]),
  op('add wraps', 'add', [0xffffffff, 2], [1]),
  { name: 'add whose second pop faults changes nothing', insn: ['add'], before: { regs: { sp: STACK_TOP - 4 }, mem: [[STACK_TOP - 4, 4, 1]] }, after: fault(FAULT_STACK_OVERFLOW, STACK_TOP) },
  op('sub is a − b with b on top', 'sub', [3, 5], [u(-2)]),
  op('mul', 'mul', [u(-3), 5], [u(-15)]),
  op('mul keeps the low 32 bits', 'mul', [0xffffffff, 0xffffffff], [1]),
  op('and', 'and', [0xff00ff00, 0x0ff00ff0], [0x0f000f00]),
  op('or', 'or', [0xff00ff00, 0x0ff00ff0], [0xfff0fff0]),
  op('xor', 'xor', [0xff00ff00, 0x0ff00ff0], [0xf0f0f0f0]),
  op('shl by 33 shifts by 1', 'shl', [3, 33], [6]),
  op('shr is logical', 'shr', [MIN, 31], [1]),
  op('shr by 32 shifts by 0', 'shr', [MIN, 32], [MIN]),
  op('sar is arithmetic', 'sar', [MIN, 31], [0xffffffff]),
  op('lt is signed', 'lt', [u(-1), 1], [1]),
  op('lt false', 'lt', [1, u(-1)], [0]),
  op('ltu is unsigned', 'ltu', [u(-1), 1], [0]),
  op('eq', 'eq', [4, 4], [1]),
  op('eq false', 'eq', [4, 5], [0]),
  op('ne', 'ne', [4, 5], [1]),
  op('neg', 'neg', [5], [u(-5)]),
  op('neg −2³¹ = −2³¹', 'neg', [MIN], [MIN]),
  op('not', 'not', [0x0f0f0f0f], [0xf0f0f0f0]),
  op('eqz of 0', 'eqz', [0], [1]),
  op('eqz of 7', 'eqz', [7], [0]),
  { name: 'ldw unaligned is allowed', insn: ['ldw'], before: { stack: [D + 1], mem: [[D + 1, 4, 0xdeadbeef]] }, after: { stack: [0xdeadbeef] } },
  { name: 'ldw spanning into an unmapped page faults at that page', insn: ['ldw'], before: { stack: [D + PAGE_SIZE - 2] }, after: fault(FAULT_UNMAPPED, D + PAGE_SIZE) },
  { name: 'ldw starting in an unmapped page faults at its address', insn: ['ldw'], before: { stack: [D - 2] }, after: fault(FAULT_UNMAPPED, D - 2) },
  { name: 'ldh sign-extends', insn: ['ldh'], before: { stack: [D + 3], mem: [[D + 3, 2, 0x8001]] }, after: { stack: [0xffff8001] } },
  { name: 'ldhu zero-extends', insn: ['ldhu'], before: { stack: [D], mem: [[D, 2, 0x8001]] }, after: { stack: [0x8001] } },
  { name: 'ldb sign-extends', insn: ['ldb'], before: { stack: [D], mem: [[D, 1, 0xfe]] }, after: { stack: [u(-2)] } },
  { name: 'ldbu zero-extends', insn: ['ldbu'], before: { stack: [D], mem: [[D, 1, 0xfe]] }, after: { stack: [0xfe] } },
  { name: 'stw unaligned', insn: ['stw'], before: { stack: [D + 1, 0xcafef00d] }, after: { stack: [], mem: [[D + 1, 4, 0xcafef00d], [D, 1, 0]] } },
  { name: 'stw to text faults read-only', insn: ['stw'], before: { stack: [T + 8, 1] }, after: fault(FAULT_READONLY, T + 8) },
  { name: 'sth stores the low 16 bits', insn: ['sth'], before: { stack: [D, 0x12345678] }, after: { stack: [], mem: [[D, 4, 0x5678]] } },
  { name: 'stb stores the low 8 bits', insn: ['stb'], before: { stack: [D + 2, 0x12345678] }, after: { stack: [], mem: [[D, 4, 0x780000]] } },
  { name: 'ldl of an argument', insn: ['ldl', { k: 2 }], before: { stack: [], regs: { fp: FP }, mem: [[FP + 8, 4, 77]] }, after: { stack: [77] } },
  { name: 'ldl of a local', insn: ['ldl', { k: -1 }], before: { stack: [], regs: { fp: FP }, mem: [[FP - 4, 4, 66]] }, after: { stack: [66] } },
  { name: 'stl', insn: ['stl', { k: -2 }], before: { stack: [55], regs: { fp: FP } }, after: { stack: [], mem: [[FP - 8, 4, 55]] } },
  { name: 'lla', insn: ['lla', { k: -3 }], before: { stack: [], regs: { fp: FP } }, after: { stack: [FP - 12] } },
  {
    name: 'enter saves fp and makes room for n locals (not written)',
    insn: ['enter', { n: 2 }],
    before: { stack: [7], regs: { fp: 0x1234 } },
    after: { regs: { sp: SB - 16, fp: SB - 8 }, mem: [[SB - 4, 4, 7], [SB - 8, 4, 0x1234], [SB - 12, 4, 0]] },
  },
  {
    name: 'ret restores fp, pops the arguments and leaves the result',
    insn: ['ret', { n: 2 }],
    // args 1 2 | return address | caller's fp (fp points here) | local 0 | result
    before: { stack: [1, 2, T + 100, 0x5555, 9, 42], regs: { fp: SB - 16 } },
    after: { stack: [42], regs: { fp: 0x5555 }, pc: T + 100 },
  },
  { name: 'jmp backwards', insn: ['jmp', { off: -3 }], at: 8, after: { pc: T + 5 } },
  { name: 'jmp', insn: ['jmp', { off: 300 }], at: 2, after: { pc: T + 302 } },
  branch('jz taken', 'jz', 0, true),
  branch('jz not taken', 'jz', 1, false),
  branch('jnz taken', 'jnz', u(-1), true),
  branch('jnz not taken', 'jnz', 0, false),
  { name: 'call pushes the return address', insn: ['call', { off: 0x100 }], at: 4, before: { stack: [] }, after: { stack: [T + 9], pc: T + 0x104 } },
  { name: 'callr', insn: ['callr'], at: 1, before: { stack: [T + 50] }, after: { stack: [T + 2], pc: T + 50 } },
  { name: 'cas succeeds', insn: ['cas'], before: { stack: [D, 5, 9], mem: [[D, 4, 5]] }, after: { stack: [5], mem: [[D, 4, 9]] } },
  { name: 'cas fails', insn: ['cas'], before: { stack: [D, 4, 9], mem: [[D, 4, 5]] }, after: { stack: [5], mem: [[D, 4, 5]] } },
  { name: 'cas must be aligned even on s32', insn: ['cas'], before: { stack: [D + 1, 0, 0] }, after: fault(FAULT_MISALIGNED, D + 1) },
  { name: 'cas on read-only memory faults even if the compare fails', insn: ['cas'], before: { stack: [T, 1, 2] }, after: fault(FAULT_READONLY, T) },
  { name: 'faa', insn: ['faa'], before: { stack: [D, 3], mem: [[D, 4, 0xffffffff]] }, after: { stack: [0xffffffff], mem: [[D, 4, 2]] } },
  { name: 'faa must be aligned', insn: ['faa'], before: { stack: [D + 2, 1] }, after: fault(FAULT_MISALIGNED, D + 2) },
  { name: 'sys pops its arguments, the last on top', insn: ['sys', { n: SYS_PRINT_STR }], before: { stack: [9, D, 5] }, after: { stack: [9], result: { sys: SYS_PRINT_STR, args: [D, 5] } } },
  { name: 'sys pops only its arity', insn: ['sys', { n: SYS_PRINT_INT }], before: { stack: [1, 2] }, after: { stack: [1], result: { sys: SYS_PRINT_INT, args: [2] } } },
  { name: 'sys with an unknown number faults', insn: ['sys', { n: 200 }], at: 3, before: { stack: [1] }, after: fault(FAULT_BAD_SYSCALL, T + 3) },
  { name: 'halt pops the exit code', insn: ['halt'], before: { stack: [1, 7] }, after: { stack: [1], result: { halt: 7 } } },
];
