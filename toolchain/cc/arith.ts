// Minnow's arithmetic, as the compiler computes it for constant expressions and constant
// folding: 32-bit two's complement with wrapping, `/` truncating toward zero, `%` with the
// sign of the dividend, shift counts mod 32, `>>` arithmetic, comparisons giving 0 or 1.
// The machines compute exactly this (docs/isa/README.md); a test checks it against them.
import type { BinaryOp, UnaryOp } from './ast.js';
import type { BinOp, UnOp } from './ir.js';

/** The IR operator of each source operator (`&&` and `||` are control flow, not operators). */
export const BINARY_OPS: Readonly<Record<Exclude<BinaryOp, '&&' | '||'>, BinOp>> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'rem', '&': 'and', '|': 'or', '^': 'xor', '<<': 'shl', '>>': 'sar',
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
};
export const UNARY_OPS: Readonly<Record<UnaryOp, UnOp>> = { '-': 'neg', '~': 'not', '!': 'lnot' };

/** a op b, or undefined for a division or remainder by zero (which faults at run time). */
export function binary(op: BinOp, a: number, b: number): number | undefined {
  const bit = (c: boolean) => (c ? 1 : 0);
  switch (op) {
    case 'add': return (a + b) | 0;
    case 'sub': return (a - b) | 0;
    case 'mul': return Math.imul(a, b);
    // JavaScript's division of the exact values truncates the same way; only -2^31 / -1 overflows
    case 'div': return b === 0 ? undefined : (a / b) | 0;
    case 'rem': return b === 0 ? undefined : (a % b) | 0;
    case 'and': return a & b;
    case 'or': return a | b;
    case 'xor': return a ^ b;
    case 'shl': return a << (b & 31);
    case 'sar': return a >> (b & 31);
    case 'eq': return bit(a === b);
    case 'ne': return bit(a !== b);
    case 'lt': return bit(a < b);
    case 'le': return bit(a <= b);
    case 'gt': return bit(a > b);
    case 'ge': return bit(a >= b);
  }
}

export function unary(op: UnOp, a: number): number {
  switch (op) {
    case 'neg': return -a | 0;
    case 'not': return ~a;
    case 'lnot': return a === 0 ? 1 : 0;
  }
}
