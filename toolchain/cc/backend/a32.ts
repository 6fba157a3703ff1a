// The a32 backend. Every value passes through the accumulator A; a binary operation puts one
// operand in a scratch register first, then computes the other into A and combines them
// (`sub r3`: A ← A − r3). Which operand goes first depends on the operator: a32 has only
// `slt`, so a > b is computed as b < a with a in the register. Scratch registers r0–r5 are
// handed out like a stack as trees nest; r6 and r7 are kept back for short fixed sequences
// (a spill when r0–r5 are all taken, a far frame address, a multiplication by a constant).
//
// Locals live in the frame, addressed from SP (docs/isa/a32.md):
//
//   SP + 4·(depth + slot)                 a local (scalars first, then arrays)
//   SP + 4·(depth + L + nparams − i)      parameter i (L = the frame's words)
//
// where `depth` counts the words pushed since the frame was made (call arguments, spills).
// a32 has no multiply or divide: `*` `/` `%` call __mul, __div and __rem (runtime/a32.ts),
// except a multiplication by a constant with few bits set, done with shifts and adds. The
// divisor is tested before the call, so a division by zero faults at its own line (with the
// `fault` system call), as r32's `div` does.
import { type AsmWriter, symbolPlus } from '../asm.js';
import type { Backend } from './backend.js';
import { type FrameLayout, layoutFrame } from '../frame.js';
import { type BinOp, type Func, type Local, resultsPassedOn, type Stmt, type Value } from '../ir.js';
import { FAULT_DIV_ZERO } from '../../../kernel/shared/faults.js';
import { SYS_FAULT } from '../../../kernel/shared/syscalls.js';
import { a32Runtime } from '../runtime/a32.js';

const fits8 = (n: number) => n >= -128 && n <= 127;
// the reach of lds, sts and spa (unsigned 8-bit word offsets)
const NEAR = 255;
// system call arguments go in r0–r3
const ARG_REGS = ['r0', 'r1', 'r2', 'r3'];
// scratch registers, handed out from the end: the system-call argument registers last
const SCRATCH = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];

// operators with an 8-bit immediate form (A ← A op sx(imm))
const IMMEDIATE: Partial<Record<BinOp, string>> = { add: 'addi', and: 'andi', or: 'ori', xor: 'xori', shl: 'shli', sar: 'sari' };
const HELPERS: Partial<Record<BinOp, string>> = { mul: '__mul', div: '__div', rem: '__rem' };

/**
 * How each operator combines a register operand R with A: the instruction, whether the
 * right operand is the one in A (so it is computed second), and what follows.
 */
const COMBINE: Partial<Record<BinOp, { op: string; rightInA?: boolean; then?: string }>> = {
  add: { op: 'add', rightInA: true }, and: { op: 'and', rightInA: true }, or: { op: 'or', rightInA: true },
  xor: { op: 'xor', rightInA: true }, eq: { op: 'seq', rightInA: true }, ne: { op: 'seq', rightInA: true, then: 'xori 1' },
  sub: { op: 'sub' }, shl: { op: 'shl' }, sar: { op: 'sar' },
  lt: { op: 'slt' }, ge: { op: 'slt', then: 'xori 1' },
  // a > b is b < a; a <= b is !(b < a)
  gt: { op: 'slt', rightInA: true }, le: { op: 'slt', rightInA: true, then: 'xori 1' },
};

export function generateA32(file: string): Backend {
  return {
    function: (f, out, helpers) => new A32Function(f, out, helpers, file).run(),
    runtime: (helpers) => a32Runtime(helpers),
  };
}

class A32Function {
  private readonly frame: FrameLayout;
  /** words pushed since the prologue */
  private depth = 0;
  private free = [...SCRATCH];
  private divisions = 0;
  /** call results left in A for the next statement */
  private readonly passed: ReadonlySet<Local>;
  /** true if some local may be out of lds/sts reach (then loading a local can change X) */
  private readonly bigFrame: boolean;

  constructor(private readonly f: Func, private readonly out: AsmWriter, private readonly helpers: Set<string>, private readonly file: string) {
    this.passed = resultsPassedOn(f.body);
    this.frame = layoutFrame(f.locals.filter((l) => l.param === undefined && !this.passed.has(l)));
    this.bigFrame = this.frame.words + f.params.length + 64 > NEAR;
  }

  run(): void {
    this.out.label(this.f.label);
    this.out.loc(this.file, this.f.line);
    this.adjust(-this.frame.words);
    for (const s of this.f.body) this.stmt(s);
  }

  private op(mnemonic: string, ...operands: (string | number)[]): void {
    this.out.op(mnemonic, ...operands);
  }

  private label(id: number): string {
    return `${this.f.label}.L${id}`;
  }

  /** SP += 4·words, in steps that fit adjsp's 8-bit operand. */
  private adjust(words: number): void {
    for (let left = words; left !== 0;) {
      const step = Math.max(-128, Math.min(127, left));
      this.op('adjsp', step);
      left -= step;
    }
  }

  private push(): void {
    this.op('push');
    this.depth++;
  }

  private pop(): void {
    this.op('pop');
    this.depth--;
  }

  private alloc(): string | undefined {
    return this.free.pop();
  }

  private release(r: string): void {
    this.free.push(r);
  }

  // ---------------------------------------------------------------------------------------
  // Statements

  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'loc': return this.out.loc(this.file, s.line);
      case 'label': return this.out.label(this.label(s.id));
      case 'jump': return this.op('jmp', this.label(s.to));
      case 'branch': return this.branch(s.cond, s.when, this.label(s.to));
      case 'set':
        this.value(s.value);
        return this.storeLocal(s.dst);
      case 'store': return this.store(s.addr, s.value);
      case 'call':
        for (const a of s.args) {
          this.value(a);
          this.push();
        }
        this.op('call', s.fn);
        this.adjust(s.args.length);
        this.depth -= s.args.length;
        if (s.dst && !this.passed.has(s.dst)) this.storeLocal(s.dst);
        return;
      case 'sys': {
        // each argument is computed into A, then parked in its register, out of the pool
        s.args.forEach((a, i) => {
          this.value(a);
          this.op('put', ARG_REGS[i]);
          this.free = this.free.filter((r) => r !== ARG_REGS[i]);
        });
        this.op('sys', s.n);
        this.free = [...SCRATCH];
        if (s.dst && !this.passed.has(s.dst)) this.storeLocal(s.dst);
        return;
      }
      case 'atomic': throw new Error('internal: an atomic operation reached the a32 backend');
      case 'ret':
        this.value(s.value);
        this.adjust(this.frame.words);
        return this.op('ret');
    }
  }

  /** Jumps to `to` if (cond ≠ 0) = when, testing A with bz/bnz. */
  private branch(cond: Value, when: boolean, to: string): void {
    if (cond.k === 'un' && cond.op === 'lnot') return this.branch(cond.e, !when, to);
    if (cond.k === 'bin' && (cond.op === 'eq' || cond.op === 'ne')) {
      // a == b is a - b == 0: no 0/1 value needed
      const equal = cond.op === 'eq';
      if (cond.r.k === 'const' && cond.r.value === 0) this.value(cond.l);
      else if (cond.r.k === 'const' && fits8(-cond.r.value)) {
        this.value(cond.l);
        this.op('addi', -cond.r.value);
      } else this.combine('sub', cond.l, cond.r, { op: 'sub' });
      return this.op(equal === when ? 'bz' : 'bnz', to);
    }
    this.value(cond);
    this.op(when ? 'bnz' : 'bz', to);
  }

  /** store(addr, v): X holds the address, A the value, `sw off` writes. */
  private store(addr: Value, v: Value): void {
    if (addr.k === 'addr' && 'local' in addr.of && !addr.of.local.isArray) {
      this.value(v);
      return this.storeLocal(addr.of.local);
    }
    const { base, offset } = this.split(addr);
    if (!this.changesX(v)) {
      this.value(base);
      this.op('tax');
      this.value(v);
      return this.op('sw', offset);
    }
    this.value(v);
    this.hold(() => {
      this.value(base);
      this.op('tax');
    }, (r) => this.op('get', r));
    this.op('sw', offset);
  }

  /**
   * Keeps A in a scratch register while `compute` runs, then `use`s the register (the
   * stack if none is free: it is popped back into r6 for `use`, with A parked in r7).
   */
  private hold(compute: () => void, use: (reg: string) => void): void {
    const r = this.alloc();
    if (r) {
      this.op('put', r);
      compute();
      use(r);
      return this.release(r);
    }
    this.push();
    compute();
    this.op('put', 'r7');
    this.pop();
    this.op('put', 'r6');
    this.op('get', 'r7');
    use('r6');
  }

  // ---------------------------------------------------------------------------------------
  // Values: each leaves its result in A

  private value(v: Value): void {
    switch (v.k) {
      case 'const': return fits8(v.value) ? this.op('lis', v.value) : this.op('li', v.value);
      case 'local': return this.passed.has(v.local) ? undefined : this.loadLocal(v.local);
      case 'addr':
        if ('symbol' in v.of) return this.op('li', v.of.symbol);
        return this.localAddress(v.of.local);
      case 'load': {
        if (v.addr.k === 'addr' && 'local' in v.addr.of && !v.addr.of.local.isArray) return this.loadLocal(v.addr.of.local);
        const { base, offset } = this.split(v.addr);
        this.value(base);
        this.op('tax');
        return this.op('lw', offset);
      }
      case 'un':
        if (v.op === 'lnot') return this.binary('eq', v.e, { k: 'const', value: 0 });
        this.value(v.e);
        return this.op(v.op);
      case 'bin': return this.binary(v.op, v.l, v.r);
    }
  }

  private binary(op: BinOp, l: Value, r: Value): void {
    const imm = IMMEDIATE[op];
    if (imm && r.k === 'const' && (op === 'shl' || op === 'sar' || fits8(r.value))) {
      this.value(l);
      return this.op(imm, op === 'shl' || op === 'sar' ? r.value & 31 : r.value);
    }
    if (op === 'mul' && r.k === 'const' && this.multiplyByConstant(l, r.value)) return;
    const helper = HELPERS[op];
    if (helper) {
      this.helpers.add(helper);
      this.value(l);
      this.push();
      this.value(r);
      if (op !== 'mul') this.checkDivisor();
      this.push();
      this.op('call', helper);
      this.adjust(2);
      this.depth -= 2;
      return;
    }
    this.combine(op, l, r, COMBINE[op]!);
  }

  /** fault(FAULT_DIV_ZERO) here if the divisor in A is 0. */
  private checkDivisor(): void {
    const ok = `${this.f.label}.nonzero${this.divisions++}`;
    this.op('bnz', ok);
    this.op('lis', FAULT_DIV_ZERO);
    this.op('put', 'r0');
    this.op('sys', SYS_FAULT);
    this.out.label(ok);
  }

  /** The register operand first, then the A operand, then `op register` (and `then`). */
  private combine(op: BinOp, l: Value, r: Value, how: { op: string; rightInA?: boolean; then?: string }): void {
    const [inReg, inA] = how.rightInA ? [l, r] : [r, l];
    this.value(inReg);
    this.hold(() => this.value(inA), (reg) => this.op(how.op, reg));
    if (how.then) this.op(...(how.then.split(' ') as [string, string]));
  }

  /**
   * x * c with shifts and adds when |c| has at most three bits set (x·10 = x·8 + x·2), using
   * r6 (x) and r7 (the sum so far). False if c is not such a constant.
   */
  private multiplyByConstant(x: Value, c: number): boolean {
    const m = Math.abs(c) >>> 0;
    const bits = [...Array(32).keys()].filter((b) => (m >>> b) & 1).reverse();
    if (bits.length === 0 || bits.length > 3) return false;
    this.value(x);
    this.op('put', 'r6');
    bits.forEach((b, i) => {
      if (i > 0) {
        this.op('put', 'r7');
        this.op('get', 'r6');
      }
      if (b > 0) this.op('shli', b);
      if (i > 0) this.op('add', 'r7');
    });
    if (c < 0) this.op('neg');
    return true;
  }

  /** An address as a base and an 8-bit offset for lw/sw: `x + 4` is x with offset 4. */
  private split(addr: Value): { base: Value; offset: number } {
    if (addr.k === 'bin' && addr.op === 'add' && addr.r.k === 'const' && fits8(addr.r.value) && !(addr.l.k === 'addr' && 'symbol' in addr.l.of)) {
      return { base: addr.l, offset: addr.r.value };
    }
    const symbol = symbolPlus(addr);
    return { base: symbol === undefined ? addr : { k: 'addr', of: { symbol } }, offset: 0 };
  }

  /** True if computing `v` may change X (loads go through X, and so may the runtime routines). */
  private changesX(v: Value): boolean {
    switch (v.k) {
      case 'const': case 'addr': return false;
      case 'local': return this.bigFrame; // a far local is loaded through X
      case 'load': return true;
      case 'un': return this.changesX(v.e);
      case 'bin': return v.op in HELPERS || this.changesX(v.l) || this.changesX(v.r);
    }
  }

  // ---------------------------------------------------------------------------------------
  // The frame

  /** A local's word offset from SP now. */
  private offset(l: Local): number {
    if (l.param !== undefined) return this.depth + this.frame.words + this.f.params.length - l.param;
    return this.depth + this.frame.slot.get(l)!;
  }

  private loadLocal(l: Local): void {
    const k = this.offset(l);
    if (k <= NEAR) return this.op('lds', k);
    this.farAddress(k);
    this.op('tax');
    this.op('lw', 0);
  }

  private storeLocal(l: Local): void {
    const k = this.offset(l);
    if (k <= NEAR) return this.op('sts', k);
    this.op('put', 'r6');
    this.farAddress(k);
    this.op('tax');
    this.op('get', 'r6');
    this.op('sw', 0);
  }

  private localAddress(l: Local): void {
    const k = this.offset(l);
    if (k <= NEAR) return this.op('spa', k);
    this.farAddress(k);
  }

  /** A ← SP + 4·k for an offset beyond spa's reach (uses r7). */
  private farAddress(k: number): void {
    this.op('spa', NEAR);
    this.op('put', 'r7');
    this.op('li', 4 * (k - NEAR));
    this.op('add', 'r7');
  }
}
