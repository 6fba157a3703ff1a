// Whole little programs on the reference interpreter: entry and exit through EXIT_ADDR,
// calls with frames, the system-call ABI of each ISA, and the no-effect-on-fault rule
// where an instruction makes several accesses.
import { describe, expect, test } from 'vitest';
import { PAGE_SIZE, STACK_PAGES, textBase } from '../../kernel/shared/addrspace.js';
import { FAULT_READONLY, FAULT_STACK_OVERFLOW } from '../../kernel/shared/faults.js';
import { A32_A, A32_R0, A32_SP, S32_FP, S32_SP } from '../../kernel/shared/layout.js';
import { SYS_PRINT_INT, SYS_PRINT_STR, SYS_PUTC } from '../../kernel/shared/syscalls.js';
import { a32 } from '../../isa/a32.js';
import { r32 } from '../../isa/r32.js';
import { completeSys, run, step } from '../../isa/reference/index.js';
import { s32 } from '../../isa/s32.js';
import { D, firstDifference, machine, peek, poke, STACK_TOP } from './harness.js';

describe('entry and exit', () => {
  test('r32: the entry state and returning through r15', () => {
    const m = machine(r32, [['addi', { rd: 1, rs1: 1, imm: 1 }], ['jr', { rs1: 15 }]], 41);
    expect([m.state.pc, m.state.regs[1], m.state.regs[14], m.state.regs[15] >>> 0])
      .toEqual([textBase(0), 41, STACK_TOP, 0xfffff000]);
    expect(run(m.state, m.mem, 10)).toEqual({ exit: 42 });
    expect([m.state.cycles, m.state.instret]).toEqual([1 + 2, 2]);
  });

  test('run stops after maxInstructions', () => {
    const m = machine(r32, [['jmp', { off: 0 }]]);
    expect(run(m.state, m.mem, 5)).toBe('limit');
    expect(m.state.instret).toBe(5);
  });

  test('a32: the entry state and ret', () => {
    const m = machine(a32, [['lds', { n: 1 }], ['addi', { imm: 1 }], ['ret']], 41);
    expect(m.state.regs[A32_SP]).toBe(STACK_TOP - 8);
    expect([peek(m, STACK_TOP - 4), peek(m, STACK_TOP - 8)]).toEqual([41, 0xfffff000]);
    expect(run(m.state, m.mem, 10)).toEqual({ exit: 42 });
    expect(m.state.regs[A32_SP]).toBe(STACK_TOP - 4);
  });

  test('s32: the entry state, a frame, and ret 1 from the entry', () => {
    // entry(arg): enter 0; ldl 2; push8 1; add; ret 1
    const m = machine(s32, [['enter', { n: 0 }], ['ldl', { k: 2 }], ['push8', { k: 1 }], ['add'], ['ret', { n: 1 }]], 41);
    expect([m.state.regs[S32_SP], m.state.regs[S32_FP]]).toEqual([STACK_TOP - 8, 0]);
    expect(run(m.state, m.mem, 10)).toEqual({ exit: 42 });
    expect([m.state.regs[S32_SP], m.state.regs[S32_FP]]).toEqual([STACK_TOP - 4, 0]);
  });

  test('halt', () => {
    const m = machine(s32, [['push8', { k: -1 }], ['halt']]);
    expect(run(m.state, m.mem, 10)).toEqual({ halt: 0xffffffff });
  });
});

describe('calls', () => {
  test('s32: f(a, b) = a − b through call, enter, locals and ret', () => {
    const m = machine(s32, [
      // main: enter 0; push8 10; push8 3; call f; ret 1      (13 bytes; call at 6)
      ['enter', { n: 0 }], ['push8', { k: 10 }], ['push8', { k: 3 }], ['call', { off: 13 - 6 }], ['ret', { n: 1 }],
      // f: enter 1; ldl 3 (a); ldl 2 (b); sub; stl -1; ldl -1; ret 2
      ['enter', { n: 1 }], ['ldl', { k: 3 }], ['ldl', { k: 2 }], ['sub'], ['stl', { k: -1 }], ['ldl', { k: -1 }], ['ret', { n: 2 }],
    ]);
    expect(run(m.state, m.mem, 100)).toEqual({ exit: 7 });
    expect(m.state.instret).toBe(12);
    expect(m.state.regs[S32_SP]).toBe(STACK_TOP - 4);
  });

  test('a32: f(a, b) = a − b through call, lds, ret and adjsp', () => {
    const m = machine(a32, [
      // main: lis 10; push; lis 3; push; call f; adjsp 2; ret     (18 bytes; call at 8)
      ['lis', { imm: 10 }], ['push'], ['lis', { imm: 3 }], ['push'], ['call', { off: (18 - 8) / 2 }], ['adjsp', { imm: 2 }], ['ret'],
      // f: lds 2 (a); put r0; lds 1 (b); put r1; get r0; sub r1; ret
      ['lds', { n: 2 }], ['put', { r: 0 }], ['lds', { n: 1 }], ['put', { r: 1 }], ['get', { r: 0 }], ['sub', { r: 1 }], ['ret'],
    ]);
    expect(run(m.state, m.mem, 100)).toEqual({ exit: 7 });
    expect(m.state.regs[A32_SP]).toBe(STACK_TOP - 4); // ret popped EXIT_ADDR; the entry's argument stays
  });

  test('r32: call and ret through r15', () => {
    const m = machine(r32, [
      ['add', { rd: 9, rs1: 15, rs2: 0 }], ['call', { off: 3 }], ['jr', { rs1: 9 }], ['halt'],
      ['addi', { rd: 1, rs1: 1, imm: 5 }], ['jr', { rs1: 15 }],
    ], 1);
    expect(run(m.state, m.mem, 100)).toEqual({ exit: 6 });
  });
});

describe('system calls', () => {
  test('r32: arguments in r1.., result in r1, pc after the sys', () => {
    const m = machine(r32, [['sys', { n: SYS_PRINT_STR }], ['halt']], D);
    m.state.regs[2] = 5;
    expect(step(m.state, m.mem)).toEqual({ sys: SYS_PRINT_STR, args: [D, 5] });
    expect([m.state.pc, m.state.cycles]).toEqual([textBase(0) + 4, 20]);
    expect(completeSys(m.state, m.mem, -1)).toBe('ok');
    expect(m.state.regs[1]).toBe(0xffffffff);
    expect(step(m.state, m.mem)).toEqual({ halt: 0xffffffff });
  });

  test('a32: arguments in r0.., result in A, other registers kept', () => {
    const m = machine(a32, [['sys', { n: SYS_PUTC }]]);
    m.state.regs[A32_R0] = 65;
    m.state.regs[A32_R0 + 1] = 66;
    expect(step(m.state, m.mem)).toEqual({ sys: SYS_PUTC, args: [65] });
    expect(completeSys(m.state, m.mem, 0)).toBe('ok');
    expect([m.state.regs[A32_A], m.state.regs[A32_R0], m.state.regs[A32_R0 + 1]]).toEqual([0, 65, 66]);
  });

  test('s32: arguments popped, result pushed', () => {
    const m = machine(s32, [['push8', { k: 9 }], ['push8', { k: 42 }], ['sys', { n: SYS_PRINT_INT }], ['add'], ['halt']]);
    expect(run(m.state, m.mem, 10)).toEqual({ sys: SYS_PRINT_INT, args: [42] });
    expect(m.state.regs[S32_SP]).toBe(STACK_TOP - 12);
    expect(completeSys(m.state, m.mem, 100)).toBe('ok');
    expect(run(m.state, m.mem, 10)).toEqual({ halt: 109 });
  });

  test('s32: a result push that faults changes nothing', () => {
    const m = machine(s32, [['sys', { n: SYS_PRINT_INT }]]);
    const bottom = STACK_TOP - STACK_PAGES * PAGE_SIZE;
    // the argument is the lowest word of the stack; popping it and pushing the result would
    // reuse its slot, so move sp back down as if the stack had filled up meanwhile
    m.state.regs[S32_SP] = bottom;
    poke(m, bottom, 4, 7);
    expect(step(m.state, m.mem)).toEqual({ sys: SYS_PRINT_INT, args: [7] });
    m.state.regs[S32_SP] = bottom;
    const before = { ...m.state, regs: m.state.regs.slice() };
    expect(completeSys(m.state, m.mem, 0)).toEqual({ fault: FAULT_STACK_OVERFLOW, addr: bottom - 4 });
    expect({ ...m.state, regs: m.state.regs.slice() }).toEqual(before);
  });
});

describe('an instruction that faults has no effect', () => {
  test('s32 cas whose result push hits read-only memory leaves the swapped word alone', () => {
    // the operand stack sits in the (read-only) text page: the pops succeed, the
    // compare-and-swap on data would succeed, the push of the old value faults
    const m = machine(s32, [['cas']]);
    const sp = m.text + 64;
    poke(m, sp, 4, 9); // new
    poke(m, sp + 4, 4, 5); // expect
    poke(m, sp + 8, 4, D); // addr
    poke(m, D, 4, 5);
    m.state.regs[S32_SP] = sp;
    const phys = new Uint8Array(m.phys.buffer).slice();
    expect(step(m.state, m.mem)).toEqual({ fault: FAULT_READONLY, addr: sp + 8 });
    expect(firstDifference(new Uint8Array(m.phys.buffer), phys)).toBe(-1);
    expect([m.state.regs[S32_SP], m.state.pc, m.state.cycles]).toEqual([sp, m.text, 0]);
  });

  test('a32 call whose push faults does not jump', () => {
    const m = machine(a32, [['call', { off: 8 }]]);
    m.state.regs[A32_SP] = STACK_TOP - STACK_PAGES * PAGE_SIZE;
    expect(step(m.state, m.mem)).toEqual({ fault: FAULT_STACK_OVERFLOW, addr: STACK_TOP - STACK_PAGES * PAGE_SIZE - 4 });
    expect(m.state.pc).toBe(m.text);
  });
});
