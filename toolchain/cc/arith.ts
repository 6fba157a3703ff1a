// Minnow's arithmetic, as the compiler computes it for constant expressions and constant
// folding: the machines' own 32-bit arithmetic (isa/reference/ops.ts, the one definition the
// three ISAs share) with every value seen as signed. Minnow's `<=`, `>` and `>=` are `<` with
// its operands swapped or its result negated, which is how every backend compiles them.
import * as ops from '../../isa/reference/ops.js';
import type { BinaryOp, UnaryOp } from './ast.js';
import type { BinOp, UnOp } from './ir.js';

/** The IR operator of each source operator (`&&` and `||` are control flow, not operators). */
export const BINARY_OPS: Readonly<Record<Exclude<BinaryOp, '&&' | '||'>, BinOp>> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'rem', '&': 'and', '|': 'or', '^': 'xor', '<<': 'shl', '>>': 'sar',
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
};
export const UNARY_OPS: Readonly<Record<UnaryOp, UnOp>> = { '-': 'neg', '~': 'not', '!': 'lnot' };

const SEMANTICS: Readonly<Record<BinOp, ops.BinOp>> = {
  add: ops.add, sub: ops.sub, mul: ops.mul, div: ops.div, rem: ops.rem, and: ops.and, or: ops.or, xor: ops.xor,
  shl: ops.shl, sar: ops.sar, eq: ops.eq, ne: ops.ne, lt: ops.lt,
  le: (a, b) => 1 - ops.lt(b, a),
  gt: (a, b) => ops.lt(b, a),
  ge: (a, b) => 1 - ops.lt(a, b),
};

/** a op b, or undefined for a division or remainder by zero (which faults at run time). */
export function binary(op: BinOp, a: number, b: number): number | undefined {
  if ((op === 'div' || op === 'rem') && b === 0) return undefined;
  return SEMANTICS[op](a, b) | 0;
}

export function unary(op: UnOp, a: number): number {
  switch (op) {
    case 'neg': return ops.neg(a) | 0;
    case 'not': return ops.not(a) | 0;
    case 'lnot': return ops.eq(a, 0);
  }
}
