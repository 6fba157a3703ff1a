// Compiler-style diagnostics: the format the assembler (and later the Minnow compiler) prints.
import { describe, expect, it } from 'vitest';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../toolchain/diagnostics.js';
import { UserError } from '../../toolchain/errors.js';

const d = (line: number, col: number, message: string, extra: Partial<Diagnostic> = {}): Diagnostic =>
  ({ file: 'p.mn', line, col, message, severity: 'error', ...extra });

describe('formatDiagnostic', () => {
  const source = 'let x = 1;\n\tlet y = x +;\nlet z;';

  it('shows file:line:col, the source line and a caret under the column', () => {
    expect(formatDiagnostic(d(1, 5, 'unused variable x', { severity: 'warning' }), source))
      .toBe('p.mn:1:5: warning: unused variable x\nlet x = 1;\n    ^');
  });

  it('underlines `length` characters and keeps tabs so the caret lines up', () => {
    expect(formatDiagnostic(d(2, 10, 'expected an expression', { length: 2 }), source))
      .toBe('p.mn:2:10: error: expected an expression\n\tlet y = x +;\n\t        ^~');
  });

  it('leaves out the source when it has no such line or the problem is the whole file', () => {
    expect(formatDiagnostic(d(9, 1, 'past the end'), source)).toBe('p.mn:9:1: error: past the end');
    expect(formatDiagnostic(d(0, 0, 'empty program'), source)).toBe('p.mn: error: empty program');
    expect(formatDiagnostic(d(1, 1, 'no text given'))).toBe('p.mn:1:1: error: no text given');
  });
});

describe('DiagnosticError', () => {
  it('is a UserError whose message is every diagnostic, sorted by position', () => {
    const e = new DiagnosticError([d(3, 5, 'second'), d(1, 1, 'first')], 'a\nb\nlet z;');
    expect(e).toBeInstanceOf(UserError);
    expect(e.diagnostics.map((x) => x.message)).toEqual(['first', 'second']);
    expect(e.message).toBe('p.mn:1:1: error: first\na\n^\np.mn:3:5: error: second\nlet z;\n    ^');
  });

  it('finds each file\'s text in a map of sources', () => {
    const e = new DiagnosticError([{ ...d(1, 2, 'here'), file: 'b.s' }], new Map([['b.s', 'xyz']]));
    expect(e.message).toBe('b.s:1:2: error: here\nxyz\n ^');
  });
});
