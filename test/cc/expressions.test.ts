// Property: random expression trees — every operator, constants that like to overflow, and
// variables the compiler cannot fold — compiled and run on each ISA give the value JavaScript
// computes with 32-bit semantics (Math.imul, | 0, truncating / and %, shift counts & 31),
// both as a value and as the condition of an `if`. A division by zero that the program
// really evaluates (not skipped by && or ||) must fault it there, on every ISA.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { EXIT_FAULT, runImage } from '../../host/machine/run.js';
import { compile } from '../../toolchain/cc/index.js';

type Tree =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'var'; readonly name: 'a' | 'b' | 'g' }
  | { readonly k: 'un'; readonly op: '-' | '!' | '~'; readonly e: Tree }
  | { readonly k: 'bin'; readonly op: string; readonly l: Tree; readonly r: Tree };

const BINARY = ['||', '&&', '|', '^', '&', '==', '!=', '<', '<=', '>', '>=', '<<', '>>', '+', '-', '*', '/', '%'];
const INT_MIN = -2147483648;

const int32 = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 3, 7, 31, 32, 33, 255, 65535, 65536, INT_MIN, 2147483647, -2147483647),
  fc.integer({ min: -200, max: 200 }),
  fc.integer({ min: INT_MIN, max: 2147483647 }),
);

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    int32.map((v): Tree => ({ k: 'num', v })),
    fc.constantFrom('a', 'b', 'g').map((name): Tree => ({ k: 'var', name })),
    fc.record({ k: fc.constant('un' as const), op: fc.constantFrom('-', '!', '~'), e: tie('tree') }),
    fc.record({ k: fc.constant('bin' as const), op: fc.constantFrom(...BINARY), l: tie('tree'), r: tie('tree') }),
  ),
})).tree;

/** Fully parenthesised Minnow source for a tree. */
function source(t: Tree): string {
  switch (t.k) {
    case 'num': return t.v < 0 ? `(${t.v})` : String(t.v);
    case 'var': return t.name;
    case 'un': return `(${t.op}${source(t.e)})`;
    case 'bin': return `(${source(t.l)} ${t.op} ${source(t.r)})`;
  }
}

class DivisionByZero extends Error {}

/** The value with 32-bit semantics, written independently of the compiler's own folding. */
function evaluate(t: Tree, env: Record<string, number>): number {
  switch (t.k) {
    case 'num': return t.v;
    case 'var': return env[t.name];
    case 'un': {
      const e = evaluate(t.e, env);
      return t.op === '-' ? -e | 0 : t.op === '~' ? ~e : e === 0 ? 1 : 0;
    }
    case 'bin': {
      const a = evaluate(t.l, env);
      if (t.op === '&&') return a !== 0 && evaluate(t.r, env) !== 0 ? 1 : 0;
      if (t.op === '||') return a !== 0 || evaluate(t.r, env) !== 0 ? 1 : 0;
      const b = evaluate(t.r, env);
      switch (t.op) {
        case '|': return a | b;
        case '^': return a ^ b;
        case '&': return a & b;
        case '==': return +(a === b);
        case '!=': return +(a !== b);
        case '<': return +(a < b);
        case '<=': return +(a <= b);
        case '>': return +(a > b);
        case '>=': return +(a >= b);
        case '<<': return a << (b & 31);
        case '>>': return a >> (b & 31);
        case '+': return (a + b) | 0;
        case '-': return (a - b) | 0;
        case '*': return Math.imul(a, b);
        case '/':
          if (b === 0) throw new DivisionByZero();
          return Number(BigInt(a) / BigInt(b)) | 0; // BigInt division truncates toward zero
        case '%':
          if (b === 0) throw new DivisionByZero();
          return Number(BigInt(a) % BigInt(b)) | 0;
      }
      throw new Error(`unknown operator ${t.op}`);
    }
  }
}

interface Case {
  readonly exprs: readonly Tree[];
  readonly a: number;
  readonly b: number;
  readonly g: number;
}

/**
 * One program for many expressions: e<i> returns the value, c<i> uses it as a condition;
 * main prints both for each, in order. Also what it must print, and whether it faults.
 */
function program(c: Case): { text: string; output: string; faults: boolean } {
  const lines = ['var g;', ''];
  c.exprs.forEach((e, i) => {
    lines.push(`fn e${i}(a, b) {`, `  return ${source(e)};`, '}', '');
    lines.push(`fn c${i}(a, b) {`, `  if (${source(e)}) return 1;`, '  return 0;', '}', '');
  });
  lines.push('fn main() {', `  g = ${c.g};`);
  c.exprs.forEach((_, i) => lines.push(`  print(e${i}(${c.a}, ${c.b}));`, `  print(c${i}(${c.a}, ${c.b}));`));
  lines.push('  return 0;', '}', '');
  let output = '';
  for (const e of c.exprs) {
    try {
      const v = evaluate(e, { a: c.a, b: c.b, g: c.g });
      output += `${v}\n${v !== 0 ? 1 : 0}\n`;
    } catch (err) {
      if (!(err instanceof DivisionByZero)) throw err;
      return { text: lines.join('\n'), output, faults: true };
    }
  }
  return { text: lines.join('\n'), output, faults: false };
}

const quiet = { sink: () => {}, diag: () => {} };

function check(c: Case): void {
  const p = program(c);
  const image = compile(p.text, { file: 'random.mn' });
  ISA_NAMES.forEach((isa, core) => {
    const r = runImage(image, 'random.mn', { cores: ISA_NAMES.join(','), on: [core], ...quiet });
    expect(r.output[core], `${isa}\n${p.text}`).toBe(p.output);
    expect(r.exitCode, isa).toBe(p.faults ? EXIT_FAULT : 0);
  });
}

describe('random expressions', () => {
  it('compute what JavaScript computes with 32-bit semantics, on every ISA', () => {
    const cases = fc.record({ exprs: fc.array(tree, { minLength: 8, maxLength: 16 }), a: int32, b: int32, g: int32 });
    fc.assert(fc.property(cases, check), { numRuns: 100 });
  });

  it('deep trees that need more registers than r32 and a32 have', () => {
    // right-leaning: every level holds its left operand while the right one is computed
    const deep = (n: number, op: string): Tree =>
      n === 0 ? { k: 'var', name: 'a' } : { k: 'bin', op, l: { k: 'bin', op: '-', l: { k: 'var', name: 'b' }, r: { k: 'num', v: n } }, r: deep(n - 1, op) };
    const exprs = ['+', '-', '*', '^', '<', '/'].map((op) => deep(14, op));
    check({ exprs, a: 5, b: 1000, g: 0 });
  });
});
