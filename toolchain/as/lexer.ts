// Splits one line of assembly into tokens. Assembly is line-oriented, so the lexer never
// looks past a newline; comments (`;` or `//`) run to the end of the line.
import { readQuoted } from '../escapes.js';
import { AsmError } from './asm-error.js';
import type { Token, TokenKind } from './token.js';

const IDENT_START = /[A-Za-z_.$]/;
const IDENT_CHAR = /[A-Za-z0-9_.$]/;
const WORD_CHAR = /[A-Za-z0-9_]/;
const TWO_CHAR_PUNCT = ['<<', '>>'];
const ONE_CHAR_PUNCT = ',:()+-*/%&|^~';

// token = ident | number | char | string | part | punct ; whitespace and comments skipped
export function lexLine(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const make = (kind: TokenKind, start: number, extra: Partial<Token> = {}): Token =>
    ({ kind, text: text.slice(start, i), col: start + 1, len: i - start, ...extra });
  while (i < text.length) {
    const c = text[i];
    const start = i;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === ';' || text.startsWith('//', i)) {
      break;
    } else if (IDENT_START.test(c)) {
      while (i < text.length && IDENT_CHAR.test(text[i])) i++;
      tokens.push(make('ident', start));
    } else if (c >= '0' && c <= '9') {
      while (i < text.length && WORD_CHAR.test(text[i])) i++;
      tokens.push(make('number', start, { value: parseNumber(text.slice(start, i), start + 1) }));
    } else if (c === "'") {
      const { bytes, end } = quoted(text, i);
      i = end;
      if (bytes.length !== 1) {
        throw new AsmError('a character literal holds exactly one byte, like \'a\' or \'\\n\'', start + 1, i - start);
      }
      tokens.push(make('number', start, { value: bytes[0] }));
    } else if (c === '"') {
      const { bytes, end } = quoted(text, i);
      i = end;
      tokens.push(make('string', start, { bytes }));
    } else if (c === '%' && /^%[A-Za-z]+\(/.test(text.slice(i))) {
      i++;
      while (WORD_CHAR.test(text[i])) i++;
      const name = text.slice(start, i);
      if (name !== '%hi' && name !== '%lo') {
        throw new AsmError(`unknown operator ${name} (only %hi and %lo exist)`, start + 1, i - start);
      }
      tokens.push(make('part', start));
    } else if (TWO_CHAR_PUNCT.includes(text.slice(i, i + 2))) {
      i += 2;
      tokens.push(make('punct', start));
    } else if (ONE_CHAR_PUNCT.includes(c)) {
      i++;
      tokens.push(make('punct', start));
    } else {
      throw new AsmError(`unexpected character '${c}'`, start + 1);
    }
  }
  return tokens;
}

// number = digit+ | "0x" hexdigit+ | "0b" bindigit+
function parseNumber(s: string, col: number): number {
  const m = /^(?:0x([0-9a-f]+)|0b([01]+)|([0-9]+))$/i.exec(s);
  if (!m) throw new AsmError(`bad number '${s}'`, col, s.length);
  if (m[1] !== undefined) return parseInt(m[1], 16);
  if (m[2] !== undefined) return parseInt(m[2], 2);
  return parseInt(m[3], 10);
}

// A literal with an unknown escape or no closing quote is an error (the first problem found).
function quoted(text: string, at: number): { bytes: Uint8Array; end: number } {
  const { bytes, end, badEscape, unterminated } = readQuoted(text, at);
  if (badEscape) throw new AsmError(badEscape.message, badEscape.at + 1, 2);
  if (unterminated) throw new AsmError(unterminated.message, at + 1, text.length - at);
  return { bytes, end };
}
