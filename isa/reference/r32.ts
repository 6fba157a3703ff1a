// Reference semantics of r32 (isa/r32.ts): one small function per table row. x[r] reads
// register r; register 0 is never written, so it always reads 0.
import { EXIT_ADDR } from '../../kernel/shared/addrspace.js';
import { FAULT_DIV_ZERO } from '../../kernel/shared/faults.js';
import { r32 } from '../r32.js';
import type { FieldValues } from '../encoding.js';
import type { Exec, IsaModel, Semantics } from './cpu.js';
import { sysCall } from './cpu.js';
import * as op from './ops.js';

const LR = 15; // r15: return address, written by call and callr
const SP = 14; // r14: stack pointer

const x = (e: Exec, r: number) => e.regs[r];
const setX = (e: Exec, r: number, v: number) => {
  if (r !== 0) e.regs[r] = v;
};

// Row shapes: rd ← rs1 op rs2; rd ← rs1 op imm (imm already sign- or zero-extended by
// the decoder, per the format's field kind); load; store; conditional branch.
const reg = (f: op.BinOp): Semantics => (e, d) => setX(e, d.rd, f(x(e, d.rs1), x(e, d.rs2)));
const imm = (f: op.BinOp): Semantics => (e, d) => setX(e, d.rd, f(x(e, d.rs1), op.u32(d.imm)));
const divide = (f: op.BinOp): Semantics => (e, d) => {
  if (x(e, d.rs2) === 0) e.fault(FAULT_DIV_ZERO);
  setX(e, d.rd, f(x(e, d.rs1), x(e, d.rs2)));
};
const address = (e: Exec, d: FieldValues) => op.add(x(e, d.rs1), op.u32(d.imm));
const load = (size: number, extend: (v: number) => number = (v) => v): Semantics => (e, d) =>
  setX(e, d.rd, extend(e.mem.load(address(e, d), size)));
const store = (size: number): Semantics => (e, d) => e.mem.store(address(e, d), size, x(e, d.rs2));
const branch = (taken: (a: number, b: number) => number): Semantics => (e, d) => {
  if (taken(x(e, d.rs1), x(e, d.rs2))) e.jump(e.pc + 4 * d.off);
};

const semantics: Record<string, Semantics> = {
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
  mul: reg(op.mul),
  div: divide(op.div),
  divu: divide(op.divu),
  rem: divide(op.rem),
  remu: divide(op.remu),
  addi: imm(op.add),
  slti: imm(op.lt),
  sltiu: imm(op.ltu),
  andi: imm(op.and),
  ori: imm(op.or),
  xori: imm(op.xor),
  shli: imm(op.shl),
  shri: imm(op.shr),
  sari: imm(op.sar),
  lui: (e, d) => setX(e, d.rd, op.shl(d.imm, 16)),
  lw: load(4),
  lh: load(2, op.sx16),
  lhu: load(2),
  lb: load(1, op.sx8),
  lbu: load(1),
  sw: store(4),
  sh: store(2),
  sb: store(1),
  beq: branch(op.eq),
  bne: branch(op.ne),
  blt: branch(op.lt),
  bge: branch((a, b) => 1 - op.lt(a, b)),
  bltu: branch(op.ltu),
  bgeu: branch((a, b) => 1 - op.ltu(a, b)),
  jmp: (e, d) => e.jump(e.pc + 4 * d.off),
  call: (e, d) => {
    setX(e, LR, e.next);
    e.jump(e.pc + 4 * d.off);
  },
  jr: (e, d) => e.jump(x(e, d.rs1)),
  callr: (e, d) => {
    const t = x(e, d.rs1); // read before r15 is written: `callr r15` jumps to the old r15
    setX(e, LR, e.next);
    e.jump(t);
  },
  cas: (e, d) => {
    const expect = x(e, d.rd);
    const replacement = x(e, d.rs2);
    setX(e, d.rd, e.mem.rmw32(x(e, d.rs1), (old) => (old === expect ? replacement : old)));
  },
  faa: (e, d) => {
    const addend = x(e, d.rs2);
    setX(e, d.rd, e.mem.rmw32(x(e, d.rs1), (old) => op.add(old, addend)));
  },
  // arguments r1–r4 (as many as the call takes), result in r1
  sys: (e, d) => sysCall(e, d.n, (count) => Array.from({ length: count }, (_, i) => x(e, 1 + i))),
  halt: (e) => ({ halt: x(e, 1) }),
};

export const r32Model: IsaModel = {
  isa: r32,
  semantics,
  start(e, arg, stackTop) {
    setX(e, 1, arg);
    setX(e, SP, stackTop);
    setX(e, LR, EXIT_ADDR);
  },
  exitCode: (e) => x(e, 1),
  sysResult: (e, result) => setX(e, 1, op.u32(result)),
};
