// Compiler-style diagnostics, shared by the assembler and the Minnow compiler: a position in
// a source file, a message, and a printer that shows the offending line with a caret under
// the column, the way gcc and clang do, so a student sees at once where the problem is.
import { UserError } from './errors.js';

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  readonly file: string;
  /** 1-based line; 0 when the problem belongs to the whole file (no source line is shown) */
  readonly line: number;
  /** 1-based column */
  readonly col: number;
  readonly message: string;
  readonly severity: Severity;
  /** how many characters to underline (default 1: just the caret) */
  readonly length?: number;
}

/**
 * `file:line:col: error: message`, then the source line and a caret line under the column:
 *
 *     prog.s:3:14: error: immediate 70000 does not fit in 16 signed bits
 *         addi r1, r2, 70000
 *                      ^~~~~
 *
 * Tabs before the column are copied into the caret line so the caret stays aligned.
 */
export function formatDiagnostic(d: Diagnostic, sourceText?: string): string {
  if (d.line <= 0) return `${d.file}: ${d.severity}: ${d.message}`;
  const head = `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
  const source = sourceText?.split(/\r?\n/)[d.line - 1];
  if (source === undefined) return head;
  const pad = source.slice(0, d.col - 1).replace(/[^\t]/g, ' ');
  const underline = '^' + '~'.repeat(Math.max(0, (d.length ?? 1) - 1));
  return `${head}\n${source}\n${pad}${underline}`;
}

/** Sorts diagnostics by file, line and column (stable for equal positions). */
function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  // one statement may yield the same error twice (a pseudo-instruction expanding to two
  // instructions that both name a bad register): report it once
  const seen = new Set<string>();
  const unique = ds.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.col}\0${d.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  return unique.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}

/**
 * Every diagnostic of a failed compilation. Its message is all of them formatted, so the CLI
 * can print it like any other UserError. `sources` maps a file name to its text (or is the
 * text of the only file).
 */
export class DiagnosticError extends UserError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[], sources: string | ReadonlyMap<string, string>) {
    const sorted = sortDiagnostics(diagnostics);
    const textOf = (file: string) => (typeof sources === 'string' ? sources : sources.get(file));
    super(sorted.map((d) => formatDiagnostic(d, textOf(d.file))).join('\n'));
    this.name = 'DiagnosticError';
    this.diagnostics = sorted;
  }
}
