// Reference semantics of a32 (isa/a32.ts): one small function per table row. The stack is
// accessed with aligned 32-bit reads and writes like any other data (SP must stay 4-aligned).
import { EXIT_ADDR } from '../../kernel/shared/addrspace.js';
import { A32_A, A32_R0, A32_SP, A32_X } from '../../kernel/shared/layout.js';
import { a32 } from '../a32.js';
import type { FieldValues } from '../encoding.js';
import type { Exec, IsaModel, Semantics } from './cpu.js';
import { sysCall } from './cpu.js';
import * as op from './ops.js';

const A = (e: Exec) => e.regs[A32_A];
const setA = (e: Exec, v: number) => {
  e.regs[A32_A] = v;
};
/** scratch register r0–r7 */
const r = (e: Exec, n: number) => e.regs[A32_R0 + n];
const sp = (e: Exec) => e.regs[A32_SP];
const push = (e: Exec, v: number) => e.push(A32_SP, v);
const pop = (e: Exec) => e.pop(A32_SP);

// Row shapes: A ← A op r; A ← A op sx(imm); load/store at X + sx(imm); branch on A.
const reg = (f: op.BinOp): Semantics => (e, d) => setA(e, f(A(e), r(e, d.r)));
const imm = (f: op.BinOp): Semantics => (e, d) => setA(e, f(A(e), op.u32(d.imm)));
const indexed = (e: Exec, d: FieldValues) => op.add(e.regs[A32_X], op.u32(d.imm));
const load = (size: number, extend: (v: number) => number = (v) => v): Semantics => (e, d) =>
  setA(e, extend(e.mem.load(indexed(e, d), size)));
const store = (size: number): Semantics => (e, d) => e.mem.store(indexed(e, d), size, A(e));
/** SP + 4·n: stack slot n */
const slot = (e: Exec, n: number) => op.add(sp(e), 4 * n);
const branch = (taken: (a: number) => boolean): Semantics => (e, d) => {
  if (taken(A(e))) e.jump(e.pc + 2 * d.off);
};

const semantics: Record<string, Semantics> = {
  lis: (e, d) => setA(e, op.u32(d.imm)),
  li: (e, d) => setA(e, op.u32(d.imm)),
  get: (e, d) => setA(e, r(e, d.r)),
  put: (e, d) => {
    e.regs[A32_R0 + d.r] = A(e);
  },
  tax: (e) => {
    e.regs[A32_X] = A(e);
  },
  txa: (e) => setA(e, e.regs[A32_X]),
  add: reg(op.add),
  sub: reg(op.sub),
  and: reg(op.and),
  or: reg(op.or),
  xor: reg(op.xor),
  shl: reg(op.shl),
  shr: reg(op.shr),
  sar: reg(op.sar),
  slt: reg(op.lt),
  sltu: reg(op.ltu),
  seq: reg(op.eq),
  addi: imm(op.add),
  andi: imm(op.and),
  ori: imm(op.or),
  xori: imm(op.xor),
  shli: imm(op.shl),
  shri: imm(op.shr),
  sari: imm(op.sar),
  neg: (e) => setA(e, op.neg(A(e))),
  not: (e) => setA(e, op.not(A(e))),
  lw: load(4),
  lh: load(2, op.sx16),
  lhu: load(2),
  lb: load(1, op.sx8),
  lbu: load(1),
  sw: store(4),
  sh: store(2),
  sb: store(1),
  push: (e) => push(e, A(e)),
  pop: (e) => setA(e, pop(e)),
  lds: (e, d) => setA(e, e.mem.load(slot(e, d.n), 4)),
  sts: (e, d) => e.mem.store(slot(e, d.n), 4, A(e)),
  spa: (e, d) => setA(e, slot(e, d.n)),
  adjsp: (e, d) => {
    e.regs[A32_SP] = slot(e, d.imm);
  },
  jmp: (e, d) => e.jump(e.pc + 2 * d.off),
  bz: branch((a) => a === 0),
  bnz: branch((a) => a !== 0),
  call: (e, d) => {
    push(e, e.next);
    e.jump(e.pc + 2 * d.off);
  },
  callr: (e) => {
    push(e, e.next);
    e.jump(A(e));
  },
  ret: (e) => e.jump(pop(e)),
  // arguments r0–r3 (as many as the call takes), result in A
  sys: (e, d) => sysCall(e, d.n, (count) => Array.from({ length: count }, (_, i) => r(e, i))),
  halt: (e) => ({ halt: A(e) }),
};

export const a32Model: IsaModel = {
  isa: a32,
  semantics,
  // as if called with one argument by a caller whose return address is EXIT_ADDR
  start(e, arg, stackTop) {
    e.regs[A32_SP] = stackTop;
    push(e, arg);
    push(e, EXIT_ADDR);
  },
  exitCode: (e) => A(e),
  sysResult: (e, result) => setA(e, op.u32(result)),
};
