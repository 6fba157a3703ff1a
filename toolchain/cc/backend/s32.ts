// The s32 backend: the IR's trees are walked in post-order straight onto the operand stack,
// which is what a stack machine is for; there is nothing to allocate. Every local lives in
// the frame (docs/isa/s32.md: `enter n` makes room below fp, arguments sit above it):
//
//   fp + 8 + 4·(nparams − 1 − i)   parameter i          ldl 2 is the last parameter
//   fp + 4                         return address
//   fp + 0                         the caller's fp
//   fp − 4·(slot + words)          a local (scalars nearest fp, then arrays)
//
// s32 multiplies but cannot divide: `/` and `%` call __div and __rem (runtime/s32.ts),
// after testing the divisor right there, so that a division by zero faults at the line of
// the division (with the `fault` system call), as r32's `div` does.
import type { AsmWriter } from '../asm.js';
import type { Backend } from './backend.js';
import { type FrameLayout, layoutFrame } from '../frame.js';
import { type BinOp, type Func, type Local, resultsPassedOn, type Stmt, type Value } from '../ir.js';
import { FAULT_DIV_ZERO } from '../../../kernel/shared/faults.js';
import { SYS_FAULT } from '../../../kernel/shared/syscalls.js';
import { S32_RUNTIME } from '../runtime/s32.js';

// the IR operators s32 has as one instruction
const DIRECT: Partial<Record<BinOp, string>> = {
  add: 'add', sub: 'sub', mul: 'mul', and: 'and', or: 'or', xor: 'xor', shl: 'shl', sar: 'sar', eq: 'eq', ne: 'ne', lt: 'lt',
};
// the others: a >= b is !(a < b); a > b is b < a and a <= b is !(b < a), computed with the
// right operand pushed first (the trees are pure, so the order is free)
const SYNTHESISED: Partial<Record<BinOp, string[]>> = { gt: ['lt'], le: ['lt', 'eqz'], ge: ['lt', 'eqz'] };
const DIVISION: Partial<Record<BinOp, string>> = { div: '__div', rem: '__rem' };
const RIGHT_FIRST: readonly BinOp[] = ['gt', 'le'];

const fits8 = (n: number) => n >= -128 && n <= 127;
// the reach of ldl, stl and lla
const NEAR = -128;
// enter's operand is 8 bits
const MAX_ENTER = 255;

export function generateS32(file: string): Backend {
  return {
    function: (f, out, helpers) => new S32Function(f, out, helpers, file).run(),
    runtime: () => S32_RUNTIME,
  };
}

class S32Function {
  private readonly frame: FrameLayout;
  private divisions = 0;
  /** call results left on the stack for the next statement */
  private readonly passed: ReadonlySet<Local>;

  constructor(private readonly f: Func, private readonly out: AsmWriter, private readonly helpers: Set<string>, private readonly file: string) {
    this.passed = resultsPassedOn(f.body);
    this.frame = layoutFrame(f.locals.filter((l) => l.param === undefined && !this.passed.has(l)));
  }

  run(): void {
    const { f, out } = this;
    out.label(f.label);
    out.loc(this.file, f.line);
    const words = this.frame.words;
    out.op('enter', Math.min(words, MAX_ENTER));
    if (words > MAX_ENTER) {
      // the rest of a big frame, one pushed word per round (the counter rides on top)
      out.op('push', words - MAX_ENTER);
      out.label(`${f.label}.grow`);
      out.op('push8', 0);
      out.op('swap');
      out.op('push8', -1);
      out.op('add');
      out.op('dup');
      out.op('jnz', `${f.label}.grow`);
      out.op('drop');
    }
    for (const s of f.body) this.stmt(s);
  }

  private label(id: number): string {
    return `${this.f.label}.L${id}`;
  }

  /** The ldl/stl/lla offset of a local's first word (may be out of the instructions' reach). */
  private offset(l: Local): number {
    if (l.param !== undefined) return 2 + (this.f.params.length - 1 - l.param);
    return -(this.frame.slot.get(l)! + l.words);
  }

  private stmt(s: Stmt): void {
    const out = this.out;
    switch (s.k) {
      case 'loc': return out.loc(this.file, s.line);
      case 'label': return out.label(this.label(s.id));
      case 'jump': return out.op('jmp', this.label(s.to));
      case 'branch': return this.branch(s.cond, s.when, this.label(s.to));
      case 'set':
        this.value(s.value);
        return this.storeLocal(s.dst);
      case 'store':
        if (s.addr.k === 'addr' && 'local' in s.addr.of && !s.addr.of.local.isArray) {
          this.value(s.value);
          return this.storeLocal(s.addr.of.local);
        }
        this.value(s.addr);
        this.value(s.value);
        return out.op('stw');
      case 'call': case 'sys': case 'atomic':
        for (const a of s.args) this.value(a);
        if (s.k === 'call') out.op('call', s.fn);
        else if (s.k === 'sys') out.op('sys', s.n);
        else out.op(s.op);
        if (!s.dst) out.op('drop');
        else if (!this.passed.has(s.dst)) this.storeLocal(s.dst);
        return;
      case 'ret':
        this.value(s.value);
        return out.op('ret', this.f.params.length);
    }
  }

  /** Jumps to `to` if (cond ≠ 0) = when: jnz/jz test the top of the stack directly. */
  private branch(cond: Value, when: boolean, to: string): void {
    if (cond.k === 'un' && cond.op === 'lnot') return this.branch(cond.e, !when, to);
    if (cond.k === 'bin' && cond.op === 'ne' && cond.r.k === 'const' && cond.r.value === 0) return this.branch(cond.l, when, to);
    this.value(cond);
    this.out.op(when ? 'jnz' : 'jz', to);
  }

  /** Pushes the value of a tree. */
  private value(v: Value): void {
    const out = this.out;
    switch (v.k) {
      case 'const': return fits8(v.value) ? out.op('push8', v.value) : out.op('push', v.value);
      case 'local': return this.passed.has(v.local) ? undefined : this.loadLocal(v.local);
      case 'addr':
        if ('symbol' in v.of) return out.op('push', v.of.symbol);
        return this.localAddress(v.of.local);
      case 'load':
        if (v.addr.k === 'addr' && 'local' in v.addr.of && !v.addr.of.local.isArray) return this.loadLocal(v.addr.of.local);
        this.value(v.addr);
        return out.op('ldw');
      case 'un':
        this.value(v.e);
        return out.op(v.op === 'lnot' ? 'eqz' : v.op);
      case 'bin': {
        const swapped = RIGHT_FIRST.includes(v.op);
        this.value(swapped ? v.r : v.l);
        this.value(swapped ? v.l : v.r);
        const direct = DIRECT[v.op];
        if (direct) return out.op(direct);
        const helper = DIVISION[v.op];
        if (helper) return this.divide(helper);
        for (const op of SYNTHESISED[v.op]!) out.op(op);
      }
    }
  }

  /** ( a b -- a/b or a%b ): fault(FAULT_DIV_ZERO) here if b = 0, else call the routine. */
  private divide(helper: string): void {
    const ok = `${this.f.label}.nonzero${this.divisions++}`;
    this.helpers.add(helper);
    this.out.op('dup');
    this.out.op('jnz', ok);
    this.out.op('push8', FAULT_DIV_ZERO);
    this.out.op('sys', SYS_FAULT);
    this.out.label(ok);
    this.out.op('call', helper);
  }

  private loadLocal(l: Local): void {
    const k = this.offset(l);
    if (k >= NEAR) return this.out.op('ldl', k);
    this.localAddress(l);
    this.out.op('ldw');
  }

  /** Pops the top of the stack into a local. */
  private storeLocal(l: Local): void {
    const k = this.offset(l);
    if (k >= NEAR) return this.out.op('stl', k);
    this.localAddress(l);
    this.out.op('swap');
    this.out.op('stw');
  }

  private localAddress(l: Local): void {
    const k = this.offset(l);
    this.out.op('lla', Math.max(k, NEAR));
    if (k < NEAR) {
      this.out.op('push', 4 * (k - NEAR));
      this.out.op('add');
    }
  }
}
