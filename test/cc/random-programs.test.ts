// Property: random whole programs — functions of up to six parameters calling each other,
// locals, globals, local and global arrays, &x, loops, ifs, early returns, calls inside
// expressions and arguments — print the same on every ISA. There is no reference to compare
// with here; three code generators as different as r32's, s32's and a32's agreeing on
// thousands of lines is the check (register allocation, spills, stack arguments, the frame
// layouts, call ordering). Divisions use `| 1` divisors and loops count down, so every
// program ends without a fault. More runs: RUNS=2000 npx vitest run test/cc/random-programs.test.ts --testTimeout=0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { runImage } from '../../host/machine/run.js';
import { compile } from '../../toolchain/cc/index.js';

/** A small deterministic generator of random choices (mulberry32). */
class Random {
  constructor(private state: number) {}

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

const OPERATORS = ['+', '-', '*', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];
const FUNCTIONS = 5;

/** One random program; function i calls only functions below it, so it always ends. */
function randomProgram(seed: number): string {
  const r = new Random(seed);
  const arity = Array.from({ length: FUNCTIONS }, () => r.int(7));
  const lines = ['var g0 = 3;', 'var g1;', 'var ga[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };', ''];
  for (let f = 0; f < FUNCTIONS; f++) {
    const params = Array.from({ length: arity[f] }, (_, i) => `p${i}`);
    const scalars = [...params, 'l0', 'l1', 'l2', 'g0', 'g1'];
    const expr = (depth: number): string => {
      const leaf = () => r.pick([String(r.int(200) - 100), r.pick(scalars), `la[${r.int(4)}]`, `ga[${r.pick(scalars)} & 7]`, `load(&l${r.int(3)})`]);
      if (depth === 0) return leaf();
      switch (r.int(6)) {
        case 0: return leaf();
        case 1: return `(${r.pick(['-', '!', '~'])}${expr(depth - 1)})`;
        case 2: return `(${expr(depth - 1)} ${r.pick(['/', '%'])} (${expr(depth - 1)} | 1))`;
        case 3: {
          if (f === 0) return leaf();
          const callee = r.int(f);
          return `f${callee}(${Array.from({ length: arity[callee] }, () => expr(depth - 1)).join(', ')})`;
        }
        default: return `(${expr(depth - 1)} ${r.pick(OPERATORS)} ${expr(depth - 1)})`;
      }
    };
    const statement = (depth: number, indent: string): string[] => {
      const target = () => r.pick(['l0', 'l1', 'l2', 'g0', 'g1', `la[${r.int(4)}]`, `ga[${r.int(8)}]`, ...params]);
      switch (depth > 0 ? r.int(7) : r.int(3)) {
        case 0: case 1: return [`${indent}${target()} = ${expr(3)};`];
        case 2: return [`${indent}print(${expr(2)});`];
        case 3: return [`${indent}if (${expr(2)}) {`, ...statement(depth - 1, indent + '  '), `${indent}} else {`, ...statement(depth - 1, indent + '  '), `${indent}}`];
        case 4: {
          const n = `n${depth}`;
          return [`${indent}for (var ${n} = ${r.int(4)}; ${n} > 0; ${n} = ${n} - 1) {`, ...statement(depth - 1, indent + '  '), `${indent}}`];
        }
        case 5: return [`${indent}if (${expr(1)} > 50) return ${expr(2)};`];
        default: return [`${indent}store(&${r.pick(['l0', 'l1', 'l2'])}, ${expr(2)});`];
      }
    };
    lines.push(`fn f${f}(${params.join(', ')}) {`, '  var l0 = 1;', '  var l1 = -2;', '  var l2;', '  var la[4];');
    for (let s = 0; s < 6; s++) lines.push(...statement(2, '  '));
    lines.push(`  return ${expr(2)};`, '}', '');
  }
  const top = FUNCTIONS - 1;
  lines.push('fn main() {', `  print(f${top}(${Array.from({ length: arity[top] }, (_, i) => 7 * i - 5).join(', ')}));`, '  print(g0 + g1 + ga[3]);', '  return 0;', '}', '');
  return lines.join('\n');
}

describe('random programs', () => {
  it('print the same on every ISA', () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const text = randomProgram(seed);
      const image = compile(text, { file: 'random.mn' });
      const outputs = ISA_NAMES.map((isa, core) => {
        const r = runImage(image, 'random.mn', { cores: ISA_NAMES.join(','), on: [core], maxCycles: 20_000_000, sink: () => {}, diag: () => {} });
        expect(r.exitCode, `${isa}, seed ${seed}\n${text}`).toBe(0);
        return r.output[core];
      });
      expect(outputs[1], `s32 and r32 differ, seed ${seed}\n${text}`).toBe(outputs[0]);
      expect(outputs[2], `a32 and r32 differ, seed ${seed}\n${text}`).toBe(outputs[0]);
    }), { numRuns: Number(process.env.RUNS ?? 60) });
  });
});
