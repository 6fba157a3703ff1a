// Test harness for the reference interpreter: builds instructions straight from the tables
// with encode() (no assembler), lays out a tiny address space, and runs the per-row case
// tables of test/isa/cases/*.ts with the no-effect-on-fault rule checked on every fault.
import { expect } from 'vitest';
import { BumpFrames } from '../../isa/pagetable.js';
import { DATA_BASE, PAGE_SIZE, stackTop, textBase } from '../../kernel/shared/addrspace.js';
import { A32_A, A32_R0, A32_SP, A32_X, S32_FP, S32_SP } from '../../kernel/shared/layout.js';
import { encode, type FieldValues } from '../../isa/encoding.js';
import { byMnemonic, sizeOf } from '../../isa/index.js';
import {
  type CpuState, GuestMemory, type StepResult, buildAddressSpace, startState, step,
} from '../../isa/reference/index.js';
import { Transaction } from '../../isa/reference/memory.js';
import type { InstrDef, Isa } from '../../isa/types.js';

export const D = DATA_BASE;
export const STACK_TOP = stackTop(0);
/** where `stack` cases put the bottom of their stack: well inside the mapped stack pages */
export const STACK_BASE = STACK_TOP - 256;

/** one instruction: mnemonic and field values */
export type Insn = [mnemonic: string, fields?: FieldValues];

export function def(isa: Isa, mnemonic: string): InstrDef {
  const d = byMnemonic(isa, mnemonic);
  if (!d) throw new Error(`${isa.name} has no ${mnemonic}`);
  return d;
}

export function assemble(isa: Isa, code: readonly Insn[]): Uint8Array {
  const parts = code.map(([m, f]) => encode(isa, def(isa, m), f ?? {}));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function sizeOfInsn(isa: Isa, [m]: Insn): number {
  return sizeOf(isa, def(isa, m));
}

export interface Machine {
  readonly isa: Isa;
  readonly phys: DataView;
  readonly frames: BumpFrames;
  readonly mem: GuestMemory;
  readonly state: CpuState;
  /** textBase of the ISA: where the code starts */
  readonly text: number;
}

/**
 * A machine whose text is `text` (bytes or instructions), with a data page at DATA_BASE and
 * stack slot 0, started at the first instruction with argument `arg`.
 */
export function machine(isa: Isa, text: Uint8Array | readonly Insn[], arg = 0): Machine {
  const phys = new DataView(new ArrayBuffer(64 * PAGE_SIZE));
  const frames = new BumpFrames(phys, PAGE_SIZE, phys.byteLength); // frame 0 stays unused
  const bytes = text instanceof Uint8Array ? text : assemble(isa, text);
  const { root } = buildAddressSpace(phys, frames, isa, { text: bytes });
  const mem = new GuestMemory(phys, root);
  const base = textBase(isa.index);
  return { isa, phys, frames, mem, state: startState(isa, mem, base, arg, STACK_TOP), text: base };
}

/** Reads guest memory (any mapped page). */
export function peek(m: Machine, va: number, size = 4): number {
  return new Transaction(m.mem, false).load(va, size);
}

/** Writes guest memory behind the guest's back: any mapped page, read-only ones too. */
export function poke(m: Machine, va: number, size: number, value: number): void {
  for (let i = 0; i < size; i++) m.phys.setUint8(m.mem.translate(va + i, 'read'), (value >>> (8 * i)) & 0xff);
}

/** Register names of the cases → D_REGS slot. */
export function slotOf(isa: Isa, name: string): number {
  switch (isa.name) {
    case 'r32':
      return isa.registers.indexOf(name);
    case 's32':
      return { sp: S32_SP, fp: S32_FP }[name] ?? -1;
    case 'a32':
      if (/^r[0-7]$/.test(name)) return A32_R0 + Number(name.slice(1));
      return { A: A32_A, X: A32_X, SP: A32_SP }[name] ?? -1;
  }
}

const stackSlot = (isa: Isa) => (isa.name === 'a32' ? A32_SP : S32_SP);

/** memory words: [address, size in bytes, value] */
export type MemCell = [addr: number, size: number, value: number];

/** The state of a machine a case talks about. */
export interface Picture {
  /** registers by name; in `out`, the registers that change (all others must not) */
  regs?: Record<string, number>;
  /** s32/a32: the stack items, deepest first, ending at STACK_BASE (sets/checks sp) */
  stack?: number[];
  mem?: MemCell[];
}

/**
 * One case of a row: the instruction under test, placed alone at `at` bytes into the text,
 * the state before, and what must hold after one step. A fault result additionally checks
 * that nothing at all changed.
 */
export interface RowCase {
  name: string;
  insn: Insn;
  at?: number;
  before?: Picture;
  after?: Picture & {
    /** default: the address after the instruction (on a fault: unchanged) */
    pc?: number;
    /** default 'ok' */
    result?: StepResult;
  };
}

export function setUp(isa: Isa, c: RowCase): Machine {
  const at = c.at ?? 0;
  const text = new Uint8Array(at + 8); // zero padding after it: an undefined opcode
  text.set(assemble(isa, [c.insn]), at);
  const m = machine(isa, text);
  m.state.pc = m.text + at;
  const b = c.before ?? {};
  if (b.stack) {
    m.state.regs[stackSlot(isa)] = STACK_BASE - 4 * b.stack.length;
    b.stack.forEach((v, i) => poke(m, STACK_BASE - 4 * (i + 1), 4, v));
  }
  for (const [name, v] of Object.entries(b.regs ?? {})) m.state.regs[slotOf(isa, name)] = v;
  for (const [a, size, v] of b.mem ?? []) poke(m, a, size, v);
  return m;
}

/** Runs one row case: one step, then checks result, registers, stack, memory, pc, counters. */
export function runCase(isa: Isa, c: RowCase): void {
  const m = setUp(isa, c);
  const regsBefore = m.state.regs.slice();
  const pcBefore = m.state.pc;
  const physBefore = new Uint8Array(m.phys.buffer).slice();
  const after = c.after ?? {};
  const result = step(m.state, m.mem);
  expect(result).toEqual(after.result ?? 'ok');

  if (typeof result === 'object' && 'fault' in result) {
    // an instruction that faults has no effect at all
    expect(m.state.regs).toEqual(regsBefore);
    expect(m.state.pc).toBe(pcBefore);
    expect([m.state.cycles, m.state.instret]).toEqual([0, 0]);
    expect(firstDifference(new Uint8Array(m.phys.buffer), physBefore), 'memory changed at').toBe(-1);
    return;
  }
  const d = def(isa, c.insn[0]);
  expect([m.state.cycles, m.state.instret]).toEqual([d.cycles, 1]);
  expect(m.state.pc).toBe(after.pc ?? pcBefore + sizeOf(isa, d));

  const regs = regsBefore.slice();
  if (after.stack) regs[stackSlot(isa)] = STACK_BASE - 4 * after.stack.length;
  for (const [name, v] of Object.entries(after.regs ?? {})) regs[slotOf(isa, name)] = v;
  expect(m.state.regs).toEqual(regs);
  if (after.stack) {
    const items = after.stack.map((_, i) => peek(m, STACK_BASE - 4 * (i + 1)));
    expect(items).toEqual(after.stack.map((v) => v >>> 0));
  }
  for (const [a, size, v] of after.mem ?? []) expect(peek(m, a, size)).toBe(v >>> 0);
}

/** Index of the first byte where a and b (of equal length) differ, or -1. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b) === 0 ? -1 : a.findIndex((v, i) => v !== b[i]);
}

/** Unsigned view of a signed value, for writing expected results readably. */
export const u = (v: number) => v >>> 0;
