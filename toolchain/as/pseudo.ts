// Pseudo-instructions: the table gives each one as text templates (`lui rd, %hi(imm)`); we
// splice the user's operand tokens into the lexed template, so an error in an operand still
// points at what the user wrote, and an error in the template points at the pseudo's name.
import type { Isa, PseudoDef } from '../../isa/index.js';
import { AsmError } from './asm-error.js';
import { lexLine } from './lexer.js';
import type { Token } from './token.js';
import { parseStatement, type Statement } from './statement.js';

export function pseudoByMnemonic(isa: Isa, mnemonic: string): PseudoDef | undefined {
  return isa.pseudos.find((p) => p.mnemonic === mnemonic);
}

/** `li expects 2 operands (rd, imm), got 1` */
export function arityError(mnemonic: string, syntax: string, got: number, at: Token): AsmError {
  const n = syntax.trim() === '' ? 0 : syntax.split(',').length;
  const expected = n === 0 ? 'no operands' : `${n} operand${n > 1 ? 's' : ''} (${syntax})`;
  return AsmError.at(`${mnemonic} expects ${expected}, got ${got}`, at);
}

/** The real instructions a pseudo stands for; the first one keeps the statement's labels. */
export function expandPseudo(pseudo: PseudoDef, stmt: Statement): Statement[] {
  const name = stmt.name!;
  const params = pseudo.operands.trim() === '' ? [] : pseudo.operands.split(',').map((s) => s.trim());
  if (params.length !== stmt.operands.length) {
    throw arityError(pseudo.mnemonic, pseudo.operands, stmt.operands.length, name);
  }
  const actual = new Map(params.map((p, i) => [p, stmt.operands[i]]));
  return pseudo.expansion.map((template, i) => {
    const tokens = lexLine(template).flatMap((t): Token[] => {
      const user = t.kind === 'ident' ? actual.get(t.text) : undefined;
      return user ? [...user] : [{ ...t, col: name.col, len: name.len }];
    });
    const expanded = parseStatement(tokens, stmt.line);
    return { ...expanded, labels: i === 0 ? stmt.labels : [] };
  });
}
