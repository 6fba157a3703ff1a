// Instruction fetch and exit: alignment of pc, bad opcodes, instructions that run off their
// page, and reaching EXIT_ADDR (which is not a fault but the dispatcher's exit).
import { describe, expect, test } from 'vitest';
import { mapPage, PTE_WRITE } from '../../isa/pagetable.js';
import { DATA_BASE, EXIT_ADDR, PAGE_SIZE } from '../../kernel/shared/addrspace.js';
import {
  FAULT_BAD_OPCODE, FAULT_MISALIGNED, FAULT_NOEXEC, FAULT_STACK_OVERFLOW, FAULT_UNMAPPED,
} from '../../kernel/shared/faults.js';
import { A32_A, S32_SP } from '../../kernel/shared/layout.js';
import { a32 } from '../../isa/a32.js';
import { r32 } from '../../isa/r32.js';
import { step } from '../../isa/reference/index.js';
import { s32 } from '../../isa/s32.js';
import type { Isa } from '../../isa/types.js';
import { assemble, type Insn, type Machine, machine, STACK_TOP } from './harness.js';

/** Steps once and checks the result; a fault must leave pc and the counters alone. */
function expectStep(m: Machine, result: unknown): void {
  const pc = m.state.pc;
  const regs = m.state.regs.slice();
  expect(step(m.state, m.mem)).toEqual(result);
  expect([m.state.pc, m.state.regs, m.state.cycles, m.state.instret]).toEqual([pc, regs, 0, 0]);
}

/** A text page whose last bytes hold `insn`, the rest filled with zero bytes. */
function atPageEnd(isa: Isa, insn: Insn, offsetFromEnd: number): Machine {
  const text = new Uint8Array(PAGE_SIZE);
  text.set(assemble(isa, [insn]).subarray(0, offsetFromEnd), PAGE_SIZE - offsetFromEnd);
  const m = machine(isa, text);
  m.state.pc = m.text + PAGE_SIZE - offsetFromEnd;
  return m;
}

describe('fetch', () => {
  test('r32 pc must be 4-aligned', () => {
    const m = machine(r32, [['add', { rd: 0, rs1: 0, rs2: 0 }], ['add', { rd: 0, rs1: 0, rs2: 0 }]]);
    m.state.pc += 2;
    expectStep(m, { fault: FAULT_MISALIGNED, addr: m.text + 2 });
  });

  test('a32 pc must be 2-aligned', () => {
    const m = machine(a32, [['tax'], ['tax']]);
    m.state.pc += 1;
    expectStep(m, { fault: FAULT_MISALIGNED, addr: m.text + 1 });
  });

  test('s32 pc may be anything', () => {
    const m = machine(s32, [['push8', { k: 1 }], ['drop']]);
    m.state.pc += 1; // the operand byte 0x01 is the opcode of push8
    expect(step(m.state, m.mem)).toBe('ok');
  });

  test.each([r32, s32, a32])('$name: opcode 0 (zeroed memory) is a bad opcode', (isa) => {
    const m = machine(isa, new Uint8Array(8));
    expectStep(m, { fault: FAULT_BAD_OPCODE, addr: m.text });
  });

  test.each([r32, s32, a32])('$name: fetching from a data page faults noexec', (isa) => {
    const m = machine(isa, new Uint8Array(8));
    m.state.pc = DATA_BASE;
    expectStep(m, { fault: FAULT_NOEXEC, addr: DATA_BASE });
  });

  test.each([r32, s32, a32])('$name: fetching from an unmapped page faults', (isa) => {
    const m = machine(isa, new Uint8Array(8));
    m.state.pc = 0x2000;
    expectStep(m, { fault: FAULT_UNMAPPED, addr: 0x2000 });
  });

  test.each([
    [s32, ['push', { imm: 1 }] as Insn],
    [a32, ['li', { imm: 1 }] as Insn],
  ])('$0.name: an instruction running into an unmapped page faults at that page', (isa, insn) => {
    const m = atPageEnd(isa, insn, 2);
    expectStep(m, { fault: FAULT_UNMAPPED, addr: m.text + PAGE_SIZE });
  });

  test.each([
    [s32, ['push', { imm: 1 }] as Insn],
    [a32, ['call', { off: 1 }] as Insn],
  ])('$0.name: an instruction running into a non-executable page faults at that page', (isa, insn) => {
    const m = atPageEnd(isa, insn, 4);
    mapPage(m.phys, m.frames, m.mem.root, m.text + PAGE_SIZE, m.frames.allocFrame(), PTE_WRITE);
    expectStep(m, { fault: FAULT_NOEXEC, addr: m.text + PAGE_SIZE });
  });

  test('an undefined opcode at the end of a page is a bad opcode, not a fetch fault', () => {
    const m = atPageEnd(s32, ['push8', { k: 0 }], 1);
    m.phys.setUint8(m.mem.translate(m.state.pc, 'read'), 0xff);
    expectStep(m, { fault: FAULT_BAD_OPCODE, addr: m.state.pc });
  });
});

describe('exit at EXIT_ADDR', () => {
  test('r32 exits with r1 and changes nothing', () => {
    const m = machine(r32, [], 0);
    m.state.pc = EXIT_ADDR;
    m.state.regs[1] = 0xfffffffe;
    expectStep(m, { exit: 0xfffffffe });
  });

  test('a32 exits with A', () => {
    const m = machine(a32, []);
    m.state.pc = EXIT_ADDR;
    m.state.regs[A32_A] = 5;
    expectStep(m, { exit: 5 });
  });

  test('s32 exits with the word on top of the stack, without popping it', () => {
    const m = machine(s32, [], 7);
    m.state.pc = EXIT_ADDR;
    m.state.regs[S32_SP] += 4; // past the return address: the argument is on top
    expectStep(m, { exit: 7 });
  });

  test('s32 reading the exit value can fault', () => {
    const m = machine(s32, []);
    m.state.pc = EXIT_ADDR;
    m.state.regs[S32_SP] = STACK_TOP;
    expectStep(m, { fault: FAULT_STACK_OVERFLOW, addr: STACK_TOP });
  });
});
