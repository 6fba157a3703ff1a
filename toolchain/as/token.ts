// A token of one line of assembly, as the lexer makes it and every later stage points at it
// (errors carry its column and length).

/**
 * - `ident`  a name: mnemonic, directive (`.word`), register, symbol, or `.` (here)
 * - `number` an integer or character literal (`value`)
 * - `string` a string literal (`bytes`, escapes applied, UTF-8)
 * - `punct`  an operator or separator: , : ( ) + - * / % << >> & | ^ ~
 * - `part`   `%hi` or `%lo`, always followed by `(`
 */
export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'part';

export interface Token {
  readonly kind: TokenKind;
  /** the source text of the token (for literals: as written, quotes included) */
  readonly text: string;
  /** 1-based column of the first character */
  readonly col: number;
  /** length in source characters */
  readonly len: number;
  readonly value?: number;
  readonly bytes?: Uint8Array;
}
