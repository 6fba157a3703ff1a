// Reference semantics of s32 (isa/s32.ts): one small function per table row.
//
// How a stack effect ( in -- out ) touches memory: every input is read, top first (a pop is
// a 32-bit read at sp); outputs that merely leave the deepest inputs where they were — `a`
// in dup ( a -- a a ), `a b` in over ( a b -- a b a ) — are not written again; the other
// outputs are pushed left to right (a push is a 32-bit write at sp − 4). Each access is
// checked like any data access (unaligned allowed on s32) in the order it is made, and the
// first that fails is the fault; none of the writes happen then.
import { EXIT_ADDR } from '../../kernel/shared/addrspace.js';
import { S32_FP, S32_SP } from '../../kernel/shared/layout.js';
import { s32 } from '../s32.js';
import type { Exec, IsaModel, Semantics } from './cpu.js';
import { sysCall } from './cpu.js';
import * as op from './ops.js';

const push = (e: Exec, v: number) => e.push(S32_SP, v);
const pop = (e: Exec) => e.pop(S32_SP);
/** the item `depth` words below the top (0 = the top), read where it is */
const item = (e: Exec, depth: number) => e.mem.load(op.add(e.regs[S32_SP], 4 * depth), 4);
const fp = (e: Exec) => e.regs[S32_FP];
/** fp + 4·sx(k): a local (k < 0) or an argument (k ≥ 2) */
const local = (e: Exec, k: number) => op.add(fp(e), op.u32(4 * k));

// Row shapes: ( a b -- a op b ), ( a -- op a ), ( addr -- load ), ( addr v -- ), branch on a.
const binary = (f: op.BinOp): Semantics => (e) => {
  const b = pop(e);
  const a = pop(e);
  push(e, f(a, b));
};
const unary = (f: (a: number) => number): Semantics => (e) => push(e, f(pop(e)));
const load = (size: number, extend: (v: number) => number = (v) => v): Semantics => (e) =>
  push(e, extend(e.mem.load(pop(e), size)));
const store = (size: number): Semantics => (e) => {
  const v = pop(e);
  const addr = pop(e);
  e.mem.store(addr, size, v);
};
const branch = (taken: (a: number) => boolean): Semantics => (e, d) => {
  if (taken(pop(e))) e.jump(e.pc + d.off);
};

const semantics: Record<string, Semantics> = {
  push8: (e, d) => push(e, op.u32(d.k)),
  push: (e, d) => push(e, op.u32(d.imm)),
  dup: (e) => push(e, item(e, 0)),
  drop: (e) => {
    pop(e);
  },
  swap: (e) => {
    const b = pop(e);
    const a = pop(e);
    push(e, b);
    push(e, a);
  },
  over: (e) => {
    item(e, 0); // b is an input, so it is read, but it stays where it is
    push(e, item(e, 1));
  },
  add: binary(op.add),
  sub: binary(op.sub),
  mul: binary(op.mul),
  and: binary(op.and),
  or: binary(op.or),
  xor: binary(op.xor),
  shl: binary(op.shl),
  shr: binary(op.shr),
  sar: binary(op.sar),
  lt: binary(op.lt),
  ltu: binary(op.ltu),
  eq: binary(op.eq),
  ne: binary(op.ne),
  neg: unary(op.neg),
  not: unary(op.not),
  eqz: unary((a) => op.eq(a, 0)),
  ldw: load(4),
  ldh: load(2, op.sx16),
  ldhu: load(2),
  ldb: load(1, op.sx8),
  ldbu: load(1),
  stw: store(4),
  sth: store(2),
  stb: store(1),
  ldl: (e, d) => push(e, e.mem.load(local(e, d.k), 4)),
  stl: (e, d) => e.mem.store(local(e, d.k), 4, pop(e)),
  lla: (e, d) => push(e, local(e, d.k)),
  enter: (e, d) => {
    push(e, fp(e));
    e.regs[S32_FP] = e.regs[S32_SP];
    e.regs[S32_SP] = op.sub(e.regs[S32_SP], 4 * d.n); // the locals are not written
  },
  ret: (e, d) => {
    const v = pop(e);
    e.regs[S32_SP] = fp(e);
    e.regs[S32_FP] = pop(e);
    const ra = pop(e);
    e.regs[S32_SP] = op.add(e.regs[S32_SP], 4 * d.n);
    push(e, v);
    e.jump(ra);
  },
  jmp: (e, d) => e.jump(e.pc + d.off),
  jz: branch((a) => a === 0),
  jnz: branch((a) => a !== 0),
  call: (e, d) => {
    push(e, e.next);
    e.jump(e.pc + d.off);
  },
  callr: (e) => {
    const target = pop(e);
    push(e, e.next);
    e.jump(target);
  },
  // ( addr expect new -- old ): the three pops, then the atomic access (checked as a write
  // even if the compare fails), then the push of old into the slot addr came from.
  cas: (e) => {
    const replacement = pop(e);
    const expect = pop(e);
    const addr = pop(e);
    push(e, e.mem.rmw32(addr, (old) => (old === expect ? replacement : old)));
  },
  faa: (e) => {
    const addend = pop(e);
    const addr = pop(e);
    push(e, e.mem.rmw32(addr, (old) => op.add(old, addend)));
  },
  // pops the call's arguments, last one first; completeSys pushes the result
  sys: (e, d) => sysCall(e, d.n, (count) => Array.from({ length: count }, () => pop(e)).reverse()),
  halt: (e) => ({ halt: pop(e) }),
};

export const s32Model: IsaModel = {
  isa: s32,
  semantics,
  // as if called with one argument by a caller whose return address is EXIT_ADDR; fp = 0
  start(e, arg, stackTop) {
    e.regs[S32_SP] = stackTop;
    e.regs[S32_FP] = 0;
    push(e, arg);
    push(e, EXIT_ADDR);
  },
  // the value on top of the stack, read (not popped) like any stack read
  exitCode: (e) => e.mem.load(e.regs[S32_SP], 4),
  sysResult: (e, result) => push(e, op.u32(result)),
};
