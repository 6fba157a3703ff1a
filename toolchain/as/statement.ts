// Splits a line of tokens into a statement: its labels, its mnemonic or directive, and its
// operands (still as tokens: what an operand means depends on the instruction's table row).
import { AsmError } from './asm-error.js';
import type { Token } from './token.js';

export interface Statement {
  /** 1-based source line */
  readonly line: number;
  readonly labels: readonly Token[];
  /** the mnemonic or directive; undefined for a line with only labels */
  readonly name?: Token;
  /** each operand is a non-empty run of tokens */
  readonly operands: readonly (readonly Token[])[];
}

// line     = label* (name operands?)?
// label    = ident ":"
// operands = operand ("," operand)*      (commas inside parentheses do not split)
export function parseStatement(tokens: readonly Token[], line: number): Statement {
  const labels: Token[] = [];
  let i = 0;
  while (tokens[i]?.kind === 'ident' && tokens[i + 1]?.text === ':' && tokens[i + 1].kind === 'punct') {
    labels.push(tokens[i]);
    i += 2;
  }
  if (i === tokens.length) return { line, labels, operands: [] };
  const name = tokens[i];
  if (name.kind !== 'ident' || name.text === '.') {
    throw AsmError.at(`expected an instruction, directive or label, found '${name.text}'`, name);
  }
  return { line, labels, name, operands: splitOperands(tokens.slice(i + 1)) };
}

function splitOperands(tokens: readonly Token[]): Token[][] {
  if (tokens.length === 0) return [];
  const operands: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ',' && depth === 0) {
      if (operands[operands.length - 1].length === 0) throw AsmError.at("missing operand before ','", t);
      operands.push([]);
      continue;
    }
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (t.kind === 'punct' && t.text === ':') {
      throw AsmError.at("unexpected ':' (a label goes at the start of a line)", t);
    }
    operands[operands.length - 1].push(t);
  }
  if (operands[operands.length - 1].length === 0) {
    throw AsmError.at("missing operand after ','", tokens[tokens.length - 1]);
  }
  return operands;
}

/** The columns an operand covers, for errors that point at it. */
export function operandError(message: string, operand: readonly Token[]): AsmError {
  return AsmError.at(message, operand[0], operand[operand.length - 1]);
}
