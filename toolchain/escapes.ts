// The escapes of character and string literals, the same in assembly and in Minnow:
// \n \t \r \0 \\ \' \" and \xHH (one byte in hexadecimal).

const SIMPLE: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34 };

/** The escape whose backslash is at `text[i]`: the byte it stands for and its length, or undefined. */
export function escapeAt(text: string, i: number): { byte: number; length: number } | undefined {
  const e = text[i + 1];
  const hex = e === 'x' ? /^[0-9a-fA-F]{2}/.exec(text.slice(i + 2)) : null;
  if (hex) return { byte: parseInt(hex[0], 16), length: 4 };
  return e !== undefined && e in SIMPLE ? { byte: SIMPLE[e], length: 2 } : undefined;
}

/** The message for an unknown escape at `text[i]`. */
export function unknownEscape(text: string, i: number): string {
  return `unknown escape '\\${text[i + 1] ?? ''}' (known: \\n \\t \\r \\0 \\\\ \\' \\" \\xHH)`;
}
