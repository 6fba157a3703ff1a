// Splits Minnow source text into tokens. A bad literal is reported and still becomes a token
// (with a stand-in value), so the parser sees the statement as it was meant; a character
// that belongs to no token is reported and becomes an `error` token.
import { readQuoted } from '../escapes.js';
import { type Pos, Reporter } from './report.js';

/**
 * - `name`    an identifier that is not a keyword
 * - `keyword` const var fn if else while for break continue return
 * - `number`  an integer or character literal (`value`, already wrapped to 32 bits)
 * - `string`  a string literal (`bytes`, escapes applied, UTF-8)
 * - `punct`   an operator or separator
 * - `error`   something the lexer could not read (already reported)
 * - `eof`     the end of the file
 */
export type TokenKind = 'name' | 'keyword' | 'number' | 'string' | 'punct' | 'error' | 'eof';

export interface Token extends Pos {
  readonly kind: TokenKind;
  readonly text: string;
  readonly value?: number;
  readonly bytes?: Uint8Array;
  /** set on a token the rest of whose line could not be read (an `error` or an unterminated literal) */
  readonly broken?: boolean;
}

const KEYWORDS = new Set(['const', 'var', 'fn', 'if', 'else', 'while', 'for', 'break', 'continue', 'return']);

// longest first, so that "<<" is not read as "<" "<"
const PUNCTUATORS = ['||', '&&', '==', '!=', '<=', '>=', '<<', '>>',
  '(', ')', '{', '}', '[', ']', ',', ';', '=', '+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '|', '^'];


// token   = name | keyword | number | char | string | punct ; spaces and comments between them
// number  = digit+ | "0x" hexdigit+          (at most 0xffffffff; larger values wrap to 32 bits)
// char    = "'" (character | escape) "'"     escape = \n \t \r \0 \\ \' \" \xHH
// string  = '"' (character | escape)* '"'
// comment = "//" to the end of the line | "/*" ... "*/"
export function lex(source: string, report: Reporter): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (start: number, end = i) => ({ line, col: start - lineStart + 1, len: Math.max(1, end - start) });
  const push = (kind: TokenKind, start: number, extra: Partial<Token> = {}) =>
    tokens.push({ kind, text: source.slice(start, i), ...pos(start), ...extra });
  const fail = (message: string, start: number, end = i) => report.error(message, pos(start, end));

  while (i < source.length) {
    const c = source[i];
    const start = i;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) {
        report.error('unterminated comment: missing */', pos(start, start + 2));
        break;
      }
      for (; i < end + 2; i++) {
        if (source[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
      }
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i])) i++;
      push(KEYWORDS.has(source.slice(start, i)) ? 'keyword' : 'name', start);
    } else if (/[0-9]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i])) i++;
      const text = source.slice(start, i);
      const value = /^(0x[0-9a-f]+|[0-9]+)$/i.test(text) ? Number(text) : NaN;
      if (Number.isNaN(value)) fail(`'${text}' is not a number (write decimal like 42 or hexadecimal like 0x2a)`, start);
      else if (value > 0xffffffff) fail(`the number ${text} does not fit in 32 bits`, start);
      push('number', start, { value: value | 0 });
    } else if (c === "'" || c === '"') {
      const quoted = readQuoted(source, i);
      i = quoted.end;
      // an unterminated literal is reported as that, else its first unknown escape
      const error = quoted.unterminated ?? quoted.badEscape;
      if (error) fail(error.message, error.at, error.end);
      const broken = quoted.unterminated ? true : undefined;
      if (c === '"') {
        push('string', start, { bytes: quoted.bytes, broken });
      } else {
        if (!error && quoted.bytes.length !== 1) fail("a character literal holds exactly one character, like 'a' or '\\n'", start);
        push('number', start, { value: quoted.bytes[0] ?? 0, broken });
      }
    } else {
      const p = PUNCTUATORS.find((q) => source.startsWith(q, i));
      if (p) {
        i += p.length;
        push('punct', start);
      } else {
        i += String.fromCodePoint(source.codePointAt(i)!).length;
        fail(`unexpected character '${source.slice(start, i)}'`, start);
        push('error', start, { broken: true });
      }
    }
  }
  tokens.push({ kind: 'eof', text: 'end of file', line, col: i - lineStart + 1, len: 1 });
  return tokens;
}
