// Token-level mutants of Minnow programs, for fuzzing the compiler past its parser: a number
// replaced by another (edge values among them), a binary operator by another, a name by
// another of the same role seen earlier in its function, a unary operator put before an
// operand, a statement (not a declaration) deleted, duplicated or swapped with another, an
// `if` made a `while`, `break` and `continue` exchanged. Most mutants stay well-formed, so
// they reach the checker, the code generators and the machine; the character-level mutate()
// of fuzz.ts keeps covering text that is not.
import type { Rng } from './random-programs.js';

type Kind = 'space' | 'comment' | 'string' | 'number' | 'name' | 'keyword' | 'op' | 'punct';
interface Tok { kind: Kind; text: string }

// longest first, as the lexer reads them (toolchain/cc/lexer.ts)
const TOKEN = /(\s+)|(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(0x[0-9a-fA-F]+|\d+)|([A-Za-z_]\w*)|(\|\||&&|==|!=|<=|>=|<<|>>|[+\-*/%<>&|^])|([\s\S])/g;
const KEYWORDS = new Set(['const', 'var', 'fn', 'if', 'else', 'while', 'for', 'break', 'continue', 'return']);
const BINARY = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];
const NUMBERS = ['0', '1', '2', '3', '7', '10', '31', '32', '100', '255', '4096', '0x7fffffff', '0x80000000', '0xffffffff'];
const EXCHANGES: Record<string, string> = { if: 'while', break: 'continue', continue: 'break' };

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const kind: Kind = m[1] ? 'space' : m[2] ? 'comment' : m[3] ? 'string' : m[4] ? 'number'
      : m[5] ? (KEYWORDS.has(m[5]) ? 'keyword' : 'name') : m[6] ? 'op' : 'punct';
    out.push({ kind, text: m[0] });
  }
  return out;
}

/** Indexes of the tokens for which `ok` holds. */
const where = (toks: readonly Tok[], ok: (t: Tok, i: number) => boolean) => toks.flatMap((t, i) => (ok(t, i) ? [i] : []));

const code = (t: Tok | undefined) => t !== undefined && t.kind !== 'space' && t.kind !== 'comment';
/** The token of code before (step -1) or after (step 1) token i. */
function near(toks: readonly Tok[], i: number, step: 1 | -1): Tok | undefined {
  for (let j = i + step; j >= 0 && j < toks.length; j += step) if (code(toks[j])) return toks[j];
  return undefined;
}

/** Token i is a binary operator: it follows an operand. */
const binaryAt = (toks: readonly Tok[], i: number) => {
  const b = near(toks, i, -1);
  return b !== undefined && (b.kind === 'number' || b.kind === 'name' || b.text === ')' || b.text === ']');
};

/** Token i (a number or name) is an operand inside an expression, not a name being declared or assigned. */
const operandAt = (toks: readonly Tok[], i: number) => {
  const b = near(toks, i, -1);
  const a = near(toks, i, 1);
  return b !== undefined && (b.kind === 'op' || ['(', ',', '=', '['].includes(b.text) || b.text === 'return') && a?.text !== '=' && !inHeader(toks, i);
};

/** Token i is in the parameter list of a function (`fn name(` before it, no `)` between). */
const inHeader = (toks: readonly Tok[], i: number) => {
  for (let j = i - 1; j >= 0; j--) {
    if (toks[j].text === ')' || toks[j].text === '{' || toks[j].text === ';') return false;
    if (toks[j].text === 'fn') return true;
  }
  return false;
};

/** A name token's role: declared (after fn, var or const, or a parameter), called, or used as a value. */
const roleOf = (toks: readonly Tok[], i: number) => {
  const b = near(toks, i, -1)?.text ?? '';
  return ['fn', 'var', 'const'].includes(b) || inHeader(toks, i) ? 'declared' : near(toks, i, 1)?.text === '(' ? 'called' : 'value';
};

/** The index just past the bracketed group that starts at or after token i (`(` `)`, `{` `}`). */
function groupEnd(toks: readonly Tok[], i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j].text === open) depth++;
    else if (toks[j].text === close && --depth === 0) return j + 1;
  }
  return toks.length;
}

/** The last token of the `if` statement at token i, before any `else`. */
function ifEnd(toks: readonly Tok[], i: number): number {
  let j = groupEnd(toks, i, '(', ')');
  while (j < toks.length && !code(toks[j])) j++;
  if (toks[j]?.text === '{') return groupEnd(toks, j, '{', '}') - 1;
  let depth = 0;
  for (; j < toks.length; j++) {
    if (toks[j].text === '(') depth++;
    else if (toks[j].text === ')') depth--;
    else if (depth === 0 && toks[j].text === ';') return j;
  }
  return toks.length;
}

/**
 * The simple statements that are not declarations: [first, end, block] — token ranges running
 * from after a `;`, `{` or `}` to a `;` (an assignment, a call, a return, a break), whole, so
 * that deleting, duplicating or swapping them keeps the braces balanced, and the `{` of the
 * block they are in (statements are swapped only within their block, where the same names
 * are in scope).
 */
function statements(toks: readonly Tok[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  const blocks: number[] = [-1];
  let start = 0;
  let depth = 0; // parentheses: a for loop's header holds `;` too
  toks.forEach((t, i) => {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && (t.text === '{' || t.text === '}')) {
      if (t.text === '{') blocks.push(i);
      else blocks.pop();
      start = i + 1;
    } else if (depth === 0 && t.text === ';') {
      const first = toks.slice(start, i).find(code);
      if (first && first.text !== 'var' && first.text !== 'const') out.push([start, i + 1, blocks[blocks.length - 1]]);
      start = i + 1;
    }
  });
  return out;
}

/** `text` (a Minnow program) with one to three token-level mutations. */
export function mutateMinnow(rng: Rng, text: string): string {
  let toks = tokenize(text);
  for (let k = rng.int(1, 3); k > 0; k--) {
    const pick = (ok: (t: Tok, i: number) => boolean) => {
      const at = where(toks, ok);
      return at.length ? rng.pick(at) : -1;
    };
    switch (rng.int(0, 7)) {
      case 0: { // a number
        const i = pick((t) => t.kind === 'number');
        if (i >= 0) toks[i] = { kind: 'number', text: rng.chance(0.7) ? rng.pick(NUMBERS) : String(rng.int(0, 1000)) };
        break;
      }
      case 1: { // a binary operator
        const i = pick((t, j) => t.kind === 'op' && BINARY.includes(t.text) && binaryAt(toks, j));
        if (i >= 0) toks[i] = { kind: 'op', text: rng.pick(BINARY) };
        break;
      }
      case 2: { // a name by another of the same role, seen earlier in the same function
        const i = pick((t, j) => t.kind === 'name' && roleOf(toks, j) !== 'declared');
        if (i < 0) break;
        const role = roleOf(toks, i);
        let from = i;
        while (from > 0 && toks[from].text !== 'fn') from--;
        const names = [...new Set(where(toks, (t, j) => j < i && j >= from && t.kind === 'name' && roleOf(toks, j) === role).map((j) => toks[j].text))];
        if (names.length) toks[i] = { kind: 'name', text: rng.pick(names) };
        break;
      }
      case 3: { // a unary operator before an operand
        const i = pick((t, j) => (t.kind === 'number' || t.kind === 'name') && operandAt(toks, j));
        if (i >= 0) toks.splice(i, 0, { kind: 'op', text: rng.pick(['-', '!', '~']) });
        break;
      }
      case 4: case 5: { // a statement deleted or duplicated
        const s = statements(toks);
        if (!s.length) break;
        const [a, b] = rng.pick(s);
        toks.splice(a, b - a, ...(rng.chance(0.5) ? [] : [...toks.slice(a, b), ...toks.slice(a, b)]));
        break;
      }
      case 6: { // two statements swapped
        const s = statements(toks);
        if (s.length < 2) break;
        let x = rng.pick(s);
        let y = rng.pick(s.filter((t) => t[2] === x[2]));
        if (x[0] > y[0]) [x, y] = [y, x];
        if (x[1] > y[0]) break;
        toks = [...toks.slice(0, x[0]), ...toks.slice(y[0], y[1]), ...toks.slice(x[1], y[0]), ...toks.slice(x[0], x[1]), ...toks.slice(y[1])];
        break;
      }
      default: { // an if (without else) made a loop, a break a continue (or the other way)
        const i = pick((t, j) => t.kind === 'keyword' && t.text in EXCHANGES && (t.text !== 'if' || near(toks, ifEnd(toks, j), 1)?.text !== 'else'));
        if (i >= 0) toks[i] = { kind: 'keyword', text: EXCHANGES[toks[i].text] };
      }
    }
  }
  return toks.map((t) => t.text).join('');
}
