// The error the assembler's stages throw for one statement: a message and the columns it is
// about. The driver catches it, turns it into a Diagnostic and goes on with the next line.
import type { Diagnostic } from '../diagnostics.js';
import type { Token } from './token.js';

export class AsmError extends Error {
  constructor(message: string, readonly col: number, readonly length = 1) {
    super(message);
  }

  /** An error about a token, or about a run of tokens from `first` to `last`. */
  static at(message: string, first: Token, last: Token = first): AsmError {
    return new AsmError(message, first.col, last.col + last.len - first.col);
  }
}

/** The diagnostic for an AsmError thrown while handling line `line` of `file`. */
export function diagnosticOf(e: AsmError, file: string, line: number): Diagnostic {
  return { file, line, col: e.col, length: e.length, message: e.message, severity: 'error' };
}
