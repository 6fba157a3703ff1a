// Assembler expressions: parsing (C precedence) and evaluation to a constant or to an
// address (a symbol plus a constant), whose final value only the linker knows.
import { AsmError } from './asm-error.js';
import type { Token } from './token.js';

export type Part = 'hi' | 'lo';

export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly tok: Token }
  | { readonly kind: 'sym'; readonly name: string; readonly tok: Token }
  | { readonly kind: 'dot'; readonly tok: Token }
  | { readonly kind: 'unary'; readonly op: string; readonly arg: Expr; readonly tok: Token }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly tok: Token }
  | { readonly kind: 'part'; readonly part: Part; readonly arg: Expr; readonly tok: Token };

/**
 * The value of an expression:
 * - `const` an integer known now, kept exact (the field or directive that takes it checks
 *           that it fits, so `0xffffffff + 1` is an error there, not a silent 0)
 * - `addr`  `symbol + addend`, an address fixed only when sections are placed (or, for an
 *           undefined symbol, by the linker); `part` takes its high or low 16 bits
 */
export type Value =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'addr'; readonly symbol: string; readonly addend: number; readonly part?: Part };

export interface ExprEnv {
  /** the value of a symbol: a label is an address, an .equ or a predefined name its value, any other name an external */
  symbol(name: string, tok: Token): Value;
  /** `.`, the address of the current statement */
  dot(): Value;
  /** the section and offset of an address symbol of this file, if known (for a − b) */
  place(symbol: string): { section: number; offset: number } | undefined;
}

export const constant = (value: number): Value => ({ kind: 'const', value: value === 0 ? 0 : value });

// ---------------------------------------------------------------------------------------
// Parsing

class Cursor {
  i = 0;
  constructor(readonly tokens: readonly Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  /** consumes the next token if it is the punctuation `text` */
  eat(...texts: string[]): Token | undefined {
    const t = this.peek();
    if (t && t.kind === 'punct' && texts.includes(t.text)) {
      this.i++;
      return t;
    }
    return undefined;
  }
  expect(text: string, what: string): Token {
    const t = this.eat(text);
    if (t) return t;
    throw this.unexpected(what);
  }
  unexpected(what: string): AsmError {
    const t = this.peek();
    if (t) return AsmError.at(`expected ${what}, found '${t.text}'`, t);
    const last = this.tokens[this.tokens.length - 1];
    return new AsmError(`expected ${what} after '${last.text}'`, last.col + last.len);
  }
}

/** Parses a whole operand as one expression (every token must belong to it). */
export function parseExpr(tokens: readonly Token[]): Expr {
  const c = new Cursor(tokens);
  const e = parseBinary(c, 0);
  const rest = c.peek();
  if (rest) throw AsmError.at(`unexpected '${rest.text}' in expression`, rest);
  return e;
}

// Binary operators by precedence level, loosest first (as in C).
const LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

// or    = xor ("|" xor)* ;  xor = and ("^" and)* ;  and = shift ("&" shift)*
// shift = add (("<<" | ">>") add)* ;  add = mul (("+" | "-") mul)*
// mul   = unary (("*" | "/" | "%") unary)*
function parseBinary(c: Cursor, level: number): Expr {
  if (level === LEVELS.length) return parseUnary(c);
  let left = parseBinary(c, level + 1);
  for (let op = c.eat(...LEVELS[level]); op; op = c.eat(...LEVELS[level])) {
    left = { kind: 'binary', op: op.text, left, right: parseBinary(c, level + 1), tok: op };
  }
  return left;
}

// unary = ("-" | "~" | "+") unary | primary
function parseUnary(c: Cursor): Expr {
  const op = c.eat('-', '~', '+');
  if (!op) return parsePrimary(c);
  return { kind: 'unary', op: op.text, arg: parseUnary(c), tok: op };
}

// primary = number | char | symbol | "." | "(" expr ")" | ("%hi" | "%lo") "(" expr ")"
function parsePrimary(c: Cursor): Expr {
  const t = c.peek();
  if (!t) throw c.unexpected('a number, symbol or (');
  if (t.kind === 'number') {
    c.i++;
    return { kind: 'num', value: t.value!, tok: t };
  }
  if (t.kind === 'ident') {
    c.i++;
    return t.text === '.' ? { kind: 'dot', tok: t } : { kind: 'sym', name: t.text, tok: t };
  }
  if (t.kind === 'part') {
    c.i++;
    c.expect('(', `'(' after ${t.text}`);
    const arg = parseBinary(c, 0);
    c.expect(')', "')'");
    return { kind: 'part', part: t.text === '%hi' ? 'hi' : 'lo', arg, tok: t };
  }
  if (c.eat('(')) {
    const e = parseBinary(c, 0);
    c.expect(')', "')'");
    return e;
  }
  if (t.kind === 'string') throw AsmError.at('a string is not a number (strings go in .ascii or .asciz)', t);
  throw c.unexpected('a number, symbol or (');
}

// ---------------------------------------------------------------------------------------
// Evaluation

export function evaluate(e: Expr, env: ExprEnv): Value {
  switch (e.kind) {
    case 'num':
      return constant(e.value);
    case 'sym':
      return env.symbol(e.name, e.tok);
    case 'dot':
      return env.dot();
    case 'part':
      return applyPart(e.part, wholeValue(evaluate(e.arg, env), e.tok));
    case 'unary':
      return applyUnary(e.op, wholeValue(evaluate(e.arg, env), e.tok), e.tok);
    case 'binary': {
      const l = wholeValue(evaluate(e.left, env), e.tok);
      const r = wholeValue(evaluate(e.right, env), e.tok);
      return applyBinary(e.op, l, r, e.tok, env);
    }
  }
}

/** A %hi/%lo result cannot take part in further arithmetic: the linker could not redo it. */
function wholeValue(v: Value, tok: Token): Value {
  if (v.kind === 'addr' && v.part) throw AsmError.at(`%${v.part}(…) must be the whole operand`, tok);
  return v;
}

function applyPart(part: Part, v: Value): Value {
  if (v.kind === 'addr') return { ...v, part };
  const u = v.value >>> 0;
  return constant(part === 'hi' ? u >>> 16 : u & 0xffff);
}

function applyUnary(op: string, v: Value, tok: Token): Value {
  if (op === '+') return v;
  if (v.kind === 'addr') throw AsmError.at(`cannot apply '${op}' to an address`, tok);
  return constant(op === '-' ? -v.value : ~v.value);
}

function applyBinary(op: string, l: Value, r: Value, tok: Token, env: ExprEnv): Value {
  if (l.kind === 'const' && r.kind === 'const') return constant(arithmetic(op, l.value, r.value, tok));
  if (op === '+' && l.kind === 'addr' && r.kind === 'const') return { ...l, addend: l.addend + r.value };
  if (op === '+' && l.kind === 'const' && r.kind === 'addr') return { ...r, addend: r.addend + l.value };
  if (op === '-' && l.kind === 'addr' && r.kind === 'const') return { ...l, addend: l.addend - r.value };
  if (op === '-' && l.kind === 'addr' && r.kind === 'addr') {
    const a = env.place(l.symbol);
    const b = env.place(r.symbol);
    if (a && b && a.section === b.section) return constant(a.offset + l.addend - (b.offset + r.addend));
    throw AsmError.at(`cannot subtract addresses that are not in the same section of this file (${l.symbol} - ${r.symbol})`, tok);
  }
  throw AsmError.at(`cannot apply '${op}' to an address (only address ± constant, or address - address)`, tok);
}

/** a × b, exact when a JS number holds it exactly, else wrapped to 32 bits like the machine */
function product(a: number, b: number): number {
  const p = BigInt(a) * BigInt(b);
  return Number(p >= BigInt(Number.MIN_SAFE_INTEGER) && p <= BigInt(Number.MAX_SAFE_INTEGER) ? p : BigInt.asIntN(32, p));
}

// Bitwise results are unsigned when both operands are (so masks like 0xffff0000 stay
// positive) and signed otherwise (so ~0 is -1), mirroring how people read them.
function arithmetic(op: string, a: number, b: number, tok: Token): number {
  const unsigned = (r: number) => (a >= 0 && b >= 0 ? r >>> 0 : r);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return product(a, b);
    case '/':
    case '%':
      if (b === 0) throw AsmError.at('division by zero', tok);
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '&': return unsigned(a & b);
    case '|': return unsigned(a | b);
    case '^': return unsigned(a ^ b);
    case '<<':
    case '>>':
      if (b < 0 || b > 31) throw AsmError.at(`shift count ${b} is out of range 0..31`, tok);
      if (op === '<<') return a >= 0 ? (a << b) >>> 0 : a << b;
      return a >= 0 ? a >>> b : a >> b;
    default:
      throw AsmError.at(`unknown operator '${op}'`, tok);
  }
}
