// Constant folding and algebraic simplification, done while the IR is built: the smart
// constructors below never make a tree that a rule here could shrink. Every rule keeps
// Minnow's 32-bit meaning, and a division by zero is left for the machine to fault on.
import { binary, unary } from './arith.js';
import { type BinOp, cannotFault, COMMUTATIVE, COMPARISONS, constant, isConst, type UnOp, type Value } from './ir.js';

// a < b  is  b > a, and so on: for putting a constant on the right
const MIRRORED: Partial<Record<BinOp, BinOp>> = { lt: 'gt', gt: 'lt', le: 'ge', ge: 'le' };
// !(a < b)  is  a >= b
const NEGATED: Partial<Record<BinOp, BinOp>> = { eq: 'ne', ne: 'eq', lt: 'ge', ge: 'lt', gt: 'le', le: 'gt' };

const isComparison = (v: Value) => v.k === 'bin' && COMPARISONS.includes(v.op);
const powerOfTwo = (n: number) => (n > 0 && (n & (n - 1)) === 0 ? 31 - Math.clz32(n) : -1);

export function bin(op: BinOp, l: Value, r: Value): Value {
  if (isConst(l) && isConst(r)) {
    const v = binary(op, l.value, r.value);
    if (v !== undefined) return constant(v);
  }
  // constants go to the right, where the backends' immediate forms want them
  if (isConst(l) && !isConst(r)) {
    if (COMMUTATIVE.includes(op)) return bin(op, r, l);
    if (MIRRORED[op]) return bin(MIRRORED[op]!, r, l);
  }
  if (!isConst(r)) return { k: 'bin', op, l, r };
  const c = r.value;
  const dropsLeft = cannotFault(l); // x * 0 may drop x only if evaluating x could not fault
  switch (op) {
    case 'add':
      if (c === 0) return l;
      if (l.k === 'bin' && l.op === 'add' && isConst(l.r)) return bin('add', l.l, constant(l.r.value + c));
      break;
    case 'sub': return bin('add', l, constant(-c));
    case 'mul':
      if (c === 1) return l;
      if (c === 0 && dropsLeft) return r;
      if (c === -1) return un('neg', l);
      if (powerOfTwo(c) > 0) return bin('shl', l, constant(powerOfTwo(c)));
      break;
    case 'div': if (c === 1) return l; break;
    case 'rem': if ((c === 1 || c === -1) && dropsLeft) return constant(0); break;
    case 'and':
      if (c === -1) return l;
      if (c === 0 && dropsLeft) return r;
      break;
    case 'or': case 'xor': if (c === 0) return l; break;
    case 'shl': case 'sar': if ((c & 31) === 0) return l; break;
    // a comparison is already 0 or 1
    case 'ne': if (c === 0 && isComparison(l)) return l; break;
    case 'eq': if (c === 0) return un('lnot', l); break;
  }
  return { k: 'bin', op, l, r };
}

export function un(op: UnOp, e: Value): Value {
  if (isConst(e)) return constant(unary(op, e.value));
  if (e.k === 'un' && e.op === op && op !== 'lnot') return e.e; // --x, ~~x
  if (op === 'lnot') {
    if (e.k === 'bin' && NEGATED[e.op]) return { k: 'bin', op: NEGATED[e.op]!, l: e.l, r: e.r };
    if (e.k === 'un' && e.op === 'lnot') return bin('ne', e.e, constant(0));
  }
  return { k: 'un', op, e };
}

/** `v` as a truth value, 0 or 1. */
export function truth(v: Value): Value {
  return bin('ne', v, constant(0));
}
