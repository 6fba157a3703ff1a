// Where the compiler keeps its complaints. Every phase reports into one Reporter, keeps
// going, and the driver throws a DiagnosticError listing all of them at the end, so a
// student sees every error of the file at once (like the assembler).
import type { Diagnostic } from '../diagnostics.js';

/** A place in the Minnow source: 1-based line and column, and how many characters to underline. */
export interface Pos {
  readonly line: number;
  readonly col: number;
  readonly len: number;
}

/** An error at a position, thrown by the parser to abandon a statement. */
export class CompileError extends Error {
  constructor(message: string, readonly pos: Pos) {
    super(message);
  }
}

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(message: string, pos: Pos): void {
    this.diagnostics.push({ file: this.file, line: pos.line, col: pos.col, length: pos.len, message, severity: 'error' });
  }

  /** An error that belongs to the whole file (no line to point at). */
  fileError(message: string): void {
    this.diagnostics.push({ file: this.file, line: 0, col: 0, message, severity: 'error' });
  }

  get failed(): boolean {
    return this.diagnostics.length > 0;
  }
}

/** The span from the start of `a` to the end of `b` (both on a's line, else just a). */
export function span(a: Pos, b: Pos): Pos {
  return b.line === a.line && b.col + b.len > a.col ? { line: a.line, col: a.col, len: b.col + b.len - a.col } : a;
}
