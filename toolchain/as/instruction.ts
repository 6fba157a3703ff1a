// Machine instructions: size in pass 1, operands and encoding in pass 2, all from the row
// of the ISA table (operand syntax, fields and their kinds) — no per-mnemonic code.
import { byMnemonic, sizeOf, type Field, type InstrDef } from '../../isa/index.js';
import { encode, fieldFits, fieldRange, type FieldValues } from '../../isa/encoding.js';
import type { RelocFieldKind } from '../image/format.js';
import { AsmError } from './asm-error.js';
import type { Assembler, Placed, StatementHandler } from './assembler.js';
import { SECTION_KINDS, TEXT } from './sections.js';
import type { Value } from './expr.js';
import { bitsOf, operandSyntax, registerList, registerNumber } from './operand-syntax.js';
import { arityError } from './pseudo.js';
import { operandError, type Statement } from './statement.js';
import type { Token } from './token.js';

function definition(a: Assembler, s: Statement): InstrDef {
  const name = s.name!;
  const def = byMnemonic(a.isa, name.text.toLowerCase());
  if (!def) throw AsmError.at(`unknown instruction '${name.text}' for ${a.isa.name}`, name);
  return def;
}

/**
 * Pass 1: the instruction's size; it must sit in .text (else it takes no room) at an aligned
 * offset (else it is reported but keeps its size, so the labels after it stay right).
 */
function layoutInstruction(a: Assembler, s: Statement): number {
  const def = definition(a, s);
  const name = s.name!;
  if (a.current !== TEXT) throw AsmError.at(`instructions belong in .text, not in .${SECTION_KINDS[a.current]}`, name);
  a.guard(s.line, () => {
    const offset = a.sections[TEXT].size;
    if (offset % a.isa.instrAlign !== 0) {
      throw AsmError.at(`instruction at .text+${offset} is not ${a.isa.instrAlign}-byte aligned (put .align ${a.isa.instrAlign} before it)`, name);
    }
  });
  return sizeOf(a.isa, def);
}

// instruction = mnemonic (operand ("," operand)*)?   with each operand as the row says:
// register | expr | expr? "(" register ")" | "(" register ")"
function emitInstruction(a: Assembler, p: Placed): void {
  const s = p.stmt;
  const def = definition(a, s);
  const syntax = operandSyntax(a.isa, def);
  if (s.operands.length !== syntax.length) throw arityError(def.mnemonic, def.operands, s.operands.length, s.name!);
  const values: FieldValues = {};
  syntax.forEach((syn, i) => {
    const op = s.operands[i];
    if (syn.kind === 'field') {
      values[syn.field.name] = syn.field.kind === 'reg' ? register(a, op) : fieldValue(a, p, syn.field, op);
      return;
    }
    const { offset, base } = splitMemoryOperand(op, syn.kind === 'offset-base');
    values[syn.base.name] = register(a, [base]);
    if (syn.kind === 'offset-base') values[syn.offset.name] = offset.length ? fieldValue(a, p, syn.offset, offset) : 0;
  });
  a.write(TEXT, p.offset, encode(a.isa, def, values));
  a.noteLine(p.offset, s.line);
}

// memory = expr? "(" register ")"
function splitMemoryOperand(op: readonly Token[], withOffset: boolean): { offset: readonly Token[]; base: Token } {
  const n = op.length;
  const shape = withOffset ? 'offset(register), like 8(sp)' : '(register), like (r1)';
  const ok = n >= 3 && op[n - 3].text === '(' && op[n - 2].kind === 'ident' && op[n - 1].text === ')';
  if (!ok || (!withOffset && n !== 3)) throw operandError(`expected ${shape}`, op);
  return { offset: op.slice(0, n - 3), base: op[n - 2] };
}

function register(a: Assembler, op: readonly Token[]): number {
  const t = op[0];
  const n = op.length === 1 && t.kind === 'ident' ? registerNumber(a.isa, t.text) : undefined;
  if (n !== undefined) return n;
  const what = op.length === 1 && t.kind === 'ident' ? `unknown register '${t.text}'` : 'expected a register';
  throw operandError(`${what} (${a.isa.name} registers: ${registerList(a.isa)})`, op);
}

/**
 * The value to encode in an immediate or target field. A value only the linker can know is
 * recorded as a relocation and encoded as 0 for now; a pc-relative target in this section is
 * resolved here, since its distance does not change when the section moves.
 */
function fieldValue(a: Assembler, p: Placed, field: Field, op: readonly Token[]): number {
  const v = a.value(op, p.section, p.offset);
  const text = op.map((t) => t.text).join('');
  if (v.kind === 'const') {
    if (field.kind === 'pcrel') {
      throw operandError(`a branch target must be an address (a label, or . + offset), not the number ${v.value}`, op);
    }
    if (!fieldFits(field, v.value)) throw operandError(`immediate ${v.value} does not fit in ${bitsOf(field)}`, op);
    return v.value;
  }
  if (v.part) {
    if (field.kind !== 'uimm' || field.width !== 16) {
      throw operandError(`%${v.part}(…) gives 16 bits and fits only a 16-bit unsigned field, not ${bitsOf(field)}`, op);
    }
    return relocate(a, p, field, v.part === 'hi' ? 'hi16' : 'lo16', v);
  }
  if (field.kind === 'pcrel') {
    const target = a.place(v.symbol);
    if (!target || target.section !== p.section) return relocate(a, p, field, 'pcrel', v);
    return pcrelUnits(field, target.offset + v.addend - p.offset, op);
  }
  // An address of this file never fits a narrow field (text starts at 64 KiB); an undefined
  // symbol may be a constant defined elsewhere (.global + .equ), which the linker checks.
  if (field.kind !== 'abs' && a.place(v.symbol)) {
    throw operandError(`the address ${text} does not fit in ${bitsOf(field)}`, op);
  }
  return relocate(a, p, field, 'abs', v);
}

function pcrelUnits(field: Field, distance: number, op: readonly Token[]): number {
  const scale = field.scale ?? 1;
  if (distance % scale !== 0) {
    throw operandError(`branch target is ${distance} bytes away, not a multiple of ${scale}`, op);
  }
  const units = distance / scale;
  if (!fieldFits(field, units)) {
    const { min, max } = fieldRange(field);
    throw operandError(`branch target out of range (${distance} bytes away; this field reaches ${min * scale}..${max * scale})`, op);
  }
  return units;
}

function relocate(a: Assembler, p: Placed, field: Field, fieldKind: RelocFieldKind, v: Extract<Value, { kind: 'addr' }>): number {
  a.relocs.push({
    section: p.section, offset: p.offset, kind: 'field', fieldKind, fieldLo: field.lo, fieldWidth: field.width,
    scale: fieldKind === 'pcrel' ? field.scale ?? 1 : undefined, insnSize: p.size, symbol: v.symbol, addend: v.addend,
  });
  return 0;
}

/** The handler of every statement that is not a directive: a machine instruction of the ISA. */
export const INSTRUCTION: StatementHandler = { layout: layoutInstruction, emit: emitInstruction };
