// The escapes of character and string literals, the same in assembly and in Minnow:
// \n \t \r \0 \\ \' \" and \xHH (one byte in hexadecimal).

const SIMPLE: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34 };

/** The escape whose backslash is at `text[i]`: the byte it stands for and its length, or undefined. */
function escapeAt(text: string, i: number): { byte: number; length: number } | undefined {
  const e = text[i + 1];
  const hex = e === 'x' ? /^[0-9a-fA-F]{2}/.exec(text.slice(i + 2)) : null;
  if (hex) return { byte: parseInt(hex[0], 16), length: 4 };
  return e !== undefined && e in SIMPLE ? { byte: SIMPLE[e], length: 2 } : undefined;
}

/** The message for an unknown escape at `text[i]`. */
function unknownEscape(text: string, i: number): string {
  return `unknown escape '\\${text[i + 1] ?? ''}' (known: \\n \\t \\r \\0 \\\\ \\' \\" \\xHH)`;
}

/** A problem in a quoted literal: its message and where it stands (`text[at]` up to `text[end]`). */
export interface QuoteProblem {
  readonly message: string;
  readonly at: number;
  readonly end: number;
}

export interface Quoted {
  /** the bytes read (escapes applied, UTF-8), up to the closing quote or where reading stopped */
  readonly bytes: Uint8Array;
  /** index after the closing quote (or where reading stopped: the end of the text or of the line) */
  readonly end: number;
  /** the first unknown escape, if any (the literal goes on without it) */
  readonly badEscape?: QuoteProblem;
  /** set when the closing quote is missing, from the opening quote to where reading stopped */
  readonly unterminated?: QuoteProblem;
}

/**
 * A character or string literal starting at the quote at `text[at]`; it may not span lines.
 * quoted = quote (char | "\" escape)* quote ; escape = n t r 0 \ ' " | x hexdigit hexdigit
 */
export function readQuoted(text: string, at: number): Quoted {
  const quote = text[at];
  const out: number[] = [];
  const encoder = new TextEncoder();
  let i = at + 1;
  let badEscape: QuoteProblem | undefined;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') {
    if (text[i] !== '\\') {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      out.push(...encoder.encode(ch));
      i += ch.length;
      continue;
    }
    const escape = escapeAt(text, i);
    if (escape) {
      out.push(escape.byte);
      i += escape.length;
    } else {
      badEscape ??= { message: unknownEscape(text, i), at: i, end: i + 2 };
      i += text[i + 1] === undefined || text[i + 1] === '\n' ? 1 : 2;
    }
  }
  const bytes = Uint8Array.from(out);
  if (text[i] !== quote) {
    const what = quote === '"' ? 'string' : 'character literal';
    return { bytes, end: i, badEscape, unterminated: { message: `unterminated ${what}: missing closing ${quote}`, at, end: i } };
  }
  return { bytes, end: i + 1, badEscape };
}
