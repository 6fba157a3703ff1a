// The r32 backend. Scalar locals get registers from regalloc.ts (r9–r13 across calls, r7
// and r8 too for the others); the trees are computed in scratch registers handed out as
// they nest — r1–r6 and whichever of r7, r8 no local took — with a spill to the frame if a
// tree ever needs more. Calls follow docs/isa/r32.md: arguments in r1–r4 and then on the
// stack, the result in r1, r9–r13 saved by the callee. The frame, from sp upward:
//
//   sp + 0                      arguments 4, 5, ... of the calls this function makes
//   sp + 4·out                  locals without a register (arrays, &x, what did not fit)
//   ...                         spill slots for trees too big for the scratch registers
//   ...                         the callee-saved registers this function uses
//   sp + F − 4                  r15, the return address (only if it makes calls)
//   sp + F + 4·(i − 4)          its own argument i ≥ 4, in the caller's frame
//
// The body is generated first and the prologue after, when the frame's size is known.
import { AsmWriter, symbolPlus } from '../asm.js';
import type { Backend } from './backend.js';
import { type FrameLayout, layoutFrame } from '../frame.js';
import { type BinOp, type Func, inMemory, type Local, localsRead, operands, resultsPassedOn, type Stmt, type Value } from '../ir.js';
import { type Allocation, allocateRegisters } from '../regalloc.js';

const CALLEE_SAVED = ['r9', 'r10', 'r11', 'r12', 'r13'];
const LOCAL_CALLER_SAVED = ['r8', 'r7'];
const ARG_REGS = ['r1', 'r2', 'r3', 'r4'];
// scratch registers, handed out from the end: the argument registers last
const SCRATCH = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];

const fits16 = (n: number) => n >= -32768 && n <= 32767;
const fitsU16 = (n: number) => n >= 0 && n <= 65535;

// three-operand instructions, and the comparisons: a > b is b < a, a <= b is !(b < a)
const DIRECT: Partial<Record<BinOp, string>> = {
  add: 'add', sub: 'sub', mul: 'mul', div: 'div', rem: 'rem', and: 'and', or: 'or', xor: 'xor', shl: 'shl', sar: 'sar',
};
// branch instructions for "jump if l op r"
const BRANCH: Partial<Record<BinOp, { op: string; swap?: boolean }>> = {
  eq: { op: 'beq' }, ne: { op: 'bne' }, lt: { op: 'blt' }, ge: { op: 'bge' }, gt: { op: 'blt', swap: true }, le: { op: 'bge', swap: true },
};
const INVERSE: Partial<Record<BinOp, BinOp>> = { eq: 'ne', ne: 'eq', lt: 'ge', ge: 'lt', gt: 'le', le: 'gt' };

/** A value in a register; `owned` if it is a scratch register the holder must release. */
interface Operand {
  readonly reg: string;
  readonly owned: boolean;
}

export function generateR32(file: string): Backend {
  return {
    function: (f, out) => new R32Function(f, out, file).run(),
    runtime: () => '',
  };
}

class R32Function {
  private readonly alloc: Allocation;
  private readonly frame: FrameLayout;
  /** bytes of outgoing stack arguments at the bottom of the frame */
  private readonly outgoing: number;
  private free: string[];
  private spills = 0;
  private spillsInUse = 0;
  private readonly body = new AsmWriter();
  private readonly epilogue: string;
  /** true once a return before the end has jumped to the epilogue */
  private epilogueUsed = false;
  /** call results left in r1 for the next statement */
  private readonly passed: ReadonlySet<Local>;

  constructor(private readonly f: Func, private readonly out: AsmWriter, private readonly file: string) {
    this.passed = resultsPassedOn(f.body);
    this.alloc = allocateRegisters(f, { calleeSaved: CALLEE_SAVED, callerSaved: LOCAL_CALLER_SAVED }, this.passed);
    this.free = this.initialFree();
    this.frame = layoutFrame(f.locals.filter((l) => inMemory(l) || (!this.alloc.register.has(l) && !this.passed.has(l) && this.isRead(l))));
    const calls = f.body.flatMap((s) => (s.k === 'call' ? [s.args.length] : []));
    this.outgoing = 4 * Math.max(0, ...calls.map((n) => n - ARG_REGS.length));
    this.epilogue = `${f.label}.ret`;
  }

  run(): void {
    this.body.assumeLoc(this.file, this.f.line);
    this.f.body.forEach((s, i) => this.stmt(s, i === this.f.body.length - 1));
    const saved = [...this.alloc.calleeSavedUsed, ...(this.f.makesCalls ? ['r15'] : [])];
    const size = this.outgoing + 4 * (this.frame.words + this.spills + saved.length);
    const savedAt = (i: number) => size - 4 * saved.length + 4 * i;
    const out = this.out;
    out.label(this.f.label);
    out.loc(this.file, this.f.line);
    if (size) out.op('addi', 'sp', 'sp', -size);
    saved.forEach((r, i) => out.op('sw', r, `${savedAt(i)}(sp)`));
    this.moveParameters(size);
    out.raw(this.body.text());
    if (this.epilogueUsed) out.label(this.epilogue);
    saved.forEach((r, i) => out.op('lw', r, `${savedAt(i)}(sp)`));
    if (size) out.op('addi', 'sp', 'sp', size);
    out.op('ret');
  }

  /** Each parameter to its home: its register, or its frame slot. */
  private moveParameters(frameSize: number): void {
    for (const p of this.f.params) {
      // unread, or read only after a call has replaced it (and then straight from r1)
      if (!inMemory(p) && (!this.isRead(p) || this.passed.has(p))) continue;
      const i = p.param!;
      const home = this.alloc.register.get(p);
      const incoming = i < ARG_REGS.length ? ARG_REGS[i] : undefined;
      const stackArg = `${frameSize + 4 * (i - ARG_REGS.length)}(sp)`;
      if (home) {
        if (incoming) this.out.op('mov', home, incoming);
        else this.out.op('lw', home, stackArg);
        continue;
      }
      // r5 is free here: the body has not started
      if (!incoming) this.out.op('lw', 'r5', stackArg);
      this.out.op('sw', incoming ?? 'r5', this.slot(p));
    }
  }

  private isRead(l: Local): boolean {
    return this.f.body.some((s) => operands(s).some((v) => localsRead(v).includes(l)));
  }

  private op(mnemonic: string, ...operands: (string | number)[]): void {
    this.body.op(mnemonic, ...operands);
  }

  private label(id: number): string {
    return `${this.f.label}.L${id}`;
  }

  /** `offset(sp)` of a local in the frame. */
  private slot(l: Local): string {
    return `${this.offsetOf(l)}(sp)`;
  }

  // ---------------------------------------------------------------------------------------
  // Scratch registers

  private take(): string {
    const r = this.free.pop();
    if (!r) throw new Error(`internal: ${this.f.name} ran out of scratch registers`);
    return r;
  }

  private release(o: Operand): void {
    if (o.owned) this.free.push(o.reg);
  }

  /** Takes a specific register out of the pool (a call's argument register). */
  private reserve(r: string): void {
    this.free = this.free.filter((x) => x !== r);
  }

  /** The register for a result: the target, else one of the operands' scratch registers, else a new one. */
  private result(target: string | undefined, ...from: Operand[]): string {
    if (target) return target;
    const reuse = from.find((o) => o.owned);
    return reuse ? reuse.reg : this.take();
  }

  /** Releases the operands except the register the result went to. */
  private done(result: string, ...from: Operand[]): Operand {
    for (const o of from) if (o.reg !== result) this.release(o);
    return { reg: result, owned: this.initialFree().includes(result) };
  }

  // ---------------------------------------------------------------------------------------
  // Statements

  private stmt(s: Stmt, last: boolean): void {
    switch (s.k) {
      case 'loc': return this.body.loc(this.file, s.line);
      case 'label': return this.body.label(this.label(s.id));
      case 'jump': return this.op('jmp', this.label(s.to));
      case 'branch': return this.branch(s.cond, s.when, this.label(s.to));
      case 'set': return this.assign(s.dst, (target) => this.gen(s.value, target));
      case 'store': {
        const { base, offset } = this.address(s.addr);
        const [b, v] = this.hold(base, () => this.gen(s.value), need(s.value));
        this.op('sw', v.reg, `${offset}(${b.reg})`);
        this.release(b);
        return this.release(v);
      }
      case 'call': case 'sys': {
        this.arguments(s.args, s.k === 'call');
        this.op(s.k, s.k === 'call' ? s.fn : s.n);
        this.free = this.initialFree();
        if (s.dst && !this.passed.has(s.dst)) this.assign(s.dst, () => ({ reg: 'r1', owned: false }));
        return;
      }
      case 'atomic': return this.atomic(s);
      case 'ret': {
        const v = this.gen(s.value, 'r1');
        if (v.reg !== 'r1') this.op('mov', 'r1', v.reg);
        this.free = this.initialFree();
        if (!last) {
          this.op('jmp', this.epilogue);
          this.epilogueUsed = true;
        }
        return;
      }
    }
  }

  private initialFree(): string[] {
    const homes = new Set(this.alloc.register.values());
    return [...SCRATCH, ...LOCAL_CALLER_SAVED.filter((r) => !homes.has(r))];
  }

  /** Computes a value into a local: straight into its register, or stored to its slot. */
  private assign(dst: Local, compute: (target?: string) => Operand): void {
    const home = this.alloc.register.get(dst);
    if (home) {
      const v = compute(home);
      if (v.reg !== home) this.op('mov', home, v.reg);
      return this.release(v);
    }
    if (!this.frame.slot.has(dst)) {
      // a result nobody reads
      return this.release(compute());
    }
    const v = compute();
    this.op('sw', v.reg, this.slot(dst));
    this.release(v);
  }

  /**
   * A call's or system call's arguments: those past the fourth to the stack, then each of
   * the first four straight into its register, which is then kept out of the pool.
   */
  private arguments(args: readonly Value[], stackAllowed: boolean): void {
    args.slice(ARG_REGS.length).forEach((a, i) => {
      if (!stackAllowed) throw new Error('internal: a system call with more than four arguments');
      const v = this.gen(a);
      this.op('sw', v.reg, `${4 * i}(sp)`);
      this.release(v);
    });
    args.slice(0, ARG_REGS.length).forEach((a, i) => {
      const r = ARG_REGS[i];
      this.reserve(r);
      const v = this.gen(a, r);
      if (v.reg !== r) this.op('mov', r, v.reg);
    });
  }

  /** faa rd, v, (addr) and cas rd, new, (addr): rd, which receives the old value, must be writable. */
  private atomic(s: Extract<Stmt, { k: 'atomic' }>): void {
    const [addr, second, third] = s.args;
    const [a, rd] = this.hold(this.gen(addr), () => this.writable(this.gen(second)), need(second) + 1);
    if (s.op === 'faa') this.op('faa', rd.reg, rd.reg, `(${a.reg})`);
    else {
      const [expect, nw] = this.hold(rd, () => this.gen(third), need(third));
      this.op('cas', expect.reg, nw.reg, `(${a.reg})`);
      this.release(nw);
      if (expect.reg !== rd.reg) throw new Error('internal: cas operand moved');
    }
    this.release(a);
    if (s.dst) this.assign(s.dst, () => ({ reg: rd.reg, owned: false }));
    this.release(rd);
  }

  /** An operand in a scratch register (copied there if it is r0 or a local's register). */
  private writable(o: Operand): Operand {
    if (o.owned) return o;
    const r = this.take();
    this.op('mov', r, o.reg);
    return { reg: r, owned: true };
  }

  /**
   * Keeps `first` while `compute` runs: in its register, or — if `compute` may need more
   * scratch registers than are free — in a spill slot, reloaded afterwards.
   */
  private hold(first: Operand, compute: () => Operand, needed: number): [Operand, Operand] {
    if (!first.owned || this.free.length >= needed) return [first, compute()];
    const slot = `${this.outgoing + 4 * (this.frame.words + this.spillsInUse)}(sp)`;
    this.spillsInUse++;
    this.spills = Math.max(this.spills, this.spillsInUse);
    this.op('sw', first.reg, slot);
    this.release(first);
    const second = compute();
    const back = this.take();
    this.op('lw', back, slot);
    this.spillsInUse--;
    return [{ reg: back, owned: true }, second];
  }

  private branch(cond: Value, when: boolean, to: string): void {
    if (cond.k === 'un' && cond.op === 'lnot') return this.branch(cond.e, !when, to);
    const compare = cond.k === 'bin' ? (when ? cond.op : INVERSE[cond.op]) : undefined;
    const b = compare && BRANCH[compare];
    if (cond.k === 'bin' && b) {
      const l = this.gen(cond.l);
      const [x, y] = this.hold(l, () => this.gen(cond.r), need(cond.r));
      this.op(b.op, ...(b.swap ? [y.reg, x.reg] : [x.reg, y.reg]), to);
      this.release(x);
      return this.release(y);
    }
    const c = this.gen(cond);
    this.op(when ? 'bnez' : 'beqz', c.reg, to);
    this.release(c);
  }

  // ---------------------------------------------------------------------------------------
  // Values

  /** An address as a base register and a 16-bit offset for lw/sw. */
  private address(addr: Value): { base: Operand; offset: number } {
    if (addr.k === 'addr' && 'local' in addr.of) return { base: { reg: 'sp', owned: false }, offset: this.offsetOf(addr.of.local) };
    if (addr.k === 'bin' && addr.op === 'add' && addr.r.k === 'const') {
      const c = addr.r.value;
      if (addr.l.k === 'addr' && 'local' in addr.l.of && fits16(this.offsetOf(addr.l.of.local) + c)) {
        return { base: { reg: 'sp', owned: false }, offset: this.offsetOf(addr.l.of.local) + c };
      }
      if (fits16(c) && !(addr.l.k === 'addr' && 'symbol' in addr.l.of)) return { base: this.gen(addr.l), offset: c };
    }
    return { base: this.gen(addr), offset: 0 };
  }

  private offsetOf(l: Local): number {
    return this.outgoing + 4 * this.frame.slot.get(l)!;
  }

  /** Computes a tree into a register: `target` if given (written only by the last instruction). */
  private gen(v: Value, target?: string): Operand {
    switch (v.k) {
      case 'const': {
        if (v.value === 0 && !target) return { reg: 'r0', owned: false };
        const rd = this.result(target);
        if (fits16(v.value)) this.op('addi', rd, 'r0', v.value);
        else this.op('li', rd, v.value);
        return this.done(rd);
      }
      case 'local': {
        if (this.passed.has(v.local)) return { reg: 'r1', owned: false };
        const home = this.alloc.register.get(v.local);
        if (home) return { reg: home, owned: false };
        const rd = this.result(target);
        this.op('lw', rd, this.slot(v.local));
        return this.done(rd);
      }
      case 'addr': {
        const rd = this.result(target);
        if ('symbol' in v.of) this.op('la', rd, v.of.symbol);
        else this.op('addi', rd, 'sp', this.offsetOf(v.of.local));
        return this.done(rd);
      }
      case 'load': {
        const symbol = symbolPlus(v.addr);
        if (symbol) {
          const rd = this.result(target);
          this.op('la', rd, symbol);
          this.op('lw', rd, `0(${rd})`);
          return this.done(rd);
        }
        const { base, offset } = this.address(v.addr);
        const rd = this.result(target, base);
        this.op('lw', rd, `${offset}(${base.reg})`);
        return this.done(rd, base);
      }
      case 'un': {
        const e = this.gen(v.e);
        const rd = this.result(target, e);
        if (v.op === 'neg') this.op('neg', rd, e.reg);
        else if (v.op === 'lnot') this.op('sltiu', rd, e.reg, 1);
        else {
          // ~x = -x - 1
          this.op('neg', rd, e.reg);
          this.op('addi', rd, rd, -1);
        }
        return this.done(rd, e);
      }
      case 'bin': return this.binary(v.op, v.l, v.r, target);
    }
  }

  private binary(op: BinOp, l: Value, r: Value, target?: string): Operand {
    if (r.k === 'const') {
      const done = this.immediate(op, l, r.value, target);
      if (done) return done;
    }
    const a = this.gen(l);
    const [x, y] = this.hold(a, () => this.gen(r), need(r));
    const rd = this.result(target, x, y);
    const direct = DIRECT[op];
    if (direct) this.op(direct, rd, x.reg, y.reg);
    else if (op === 'lt') this.op('slt', rd, x.reg, y.reg);
    else if (op === 'gt') this.op('slt', rd, y.reg, x.reg);
    else if (op === 'ge' || op === 'le') {
      this.op('slt', rd, ...(op === 'ge' ? [x.reg, y.reg] : [y.reg, x.reg]));
      this.op('xori', rd, rd, 1);
    } else {
      // eq, ne: a - b is zero exactly when a = b
      this.op('sub', rd, x.reg, y.reg);
      if (op === 'eq') this.op('sltiu', rd, rd, 1);
      else this.op('sltu', rd, 'r0', rd);
    }
    return this.done(rd, x, y);
  }

  /** `l op c` with an immediate form of the instruction, or undefined if there is none. */
  private immediate(op: BinOp, l: Value, c: number, target?: string): Operand | undefined {
    const form = immediateForm(op, c);
    if (!form) return undefined;
    const a = this.gen(l);
    const rd = this.result(target, a);
    for (const [mnemonic, ...operands] of form) this.op(mnemonic, rd, ...operands.map((o) => (o === 'x' ? a.reg : o === 'd' ? rd : o)));
    return this.done(rd, a);
  }
}

/**
 * The instructions computing `x op c` with an immediate, each as [mnemonic, operands after
 * rd], where 'x' stands for x's register and 'd' for rd (the previous result). Undefined if
 * c does not fit.
 */
function immediateForm(op: BinOp, c: number): [string, ...(string | number)[]][] | undefined {
  switch (op) {
    case 'add': return fits16(c) ? [['addi', 'x', c]] : undefined;
    case 'and': return fitsU16(c) ? [['andi', 'x', c]] : undefined;
    case 'or': return fitsU16(c) ? [['ori', 'x', c]] : undefined;
    case 'xor': return fitsU16(c) ? [['xori', 'x', c]] : undefined;
    case 'shl': return [['shli', 'x', c & 31]];
    case 'sar': return [['sari', 'x', c & 31]];
    case 'lt': return fits16(c) ? [['slti', 'x', c]] : undefined;
    // x <= c is x < c + 1; x >= c is !(x < c); x > c is !(x < c + 1)
    case 'le': return fits16(c + 1) ? [['slti', 'x', c + 1]] : undefined;
    case 'ge': return fits16(c) ? [['slti', 'x', c], ['xori', 'd', 1]] : undefined;
    case 'gt': return fits16(c + 1) ? [['slti', 'x', c + 1], ['xori', 'd', 1]] : undefined;
    // x == c is (x - c) <u 1; x != c is 0 <u (x - c)
    case 'eq': return fits16(-c) ? [['addi', 'x', -c], ['sltiu', 'd', 1]] : undefined;
    case 'ne': return fits16(-c) ? [['addi', 'x', -c], ['sltu', 'r0', 'd']] : undefined;
    default: return undefined;
  }
}

/** At most how many scratch registers computing `v` takes (Sethi–Ullman style). */
function need(v: Value): number {
  switch (v.k) {
    case 'const': return v.value === 0 ? 0 : 1;
    case 'local': return 1;
    case 'addr': return 1;
    case 'load': return Math.max(need(v.addr), 1);
    case 'un': return Math.max(need(v.e), 1);
    case 'bin': {
      const l = need(v.l);
      return Math.max(l, (l > 0 ? 1 : 0) + need(v.r), 1);
    }
  }
}
