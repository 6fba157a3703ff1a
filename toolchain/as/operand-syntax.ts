// The operand syntax of a table row (`rd, imm(rs1)`, `(rs1)`, `off` …), read once per row
// and shared by the assembler (to parse operands) and the disassembler (to print them).
import type { Field, InstrDef, Isa } from '../../isa/index.js';

export type OperandSyntax =
  | { readonly kind: 'field'; readonly field: Field }
  /** `offset(base)`: a memory operand with an immediate offset and a base register */
  | { readonly kind: 'offset-base'; readonly offset: Field; readonly base: Field }
  /** `(base)`: a memory operand with a base register only */
  | { readonly kind: 'base'; readonly base: Field };

const cache = new WeakMap<InstrDef, readonly OperandSyntax[]>();

// operands = "" | operand ("," operand)* ;  operand = field | field "(" field ")" | "(" field ")"
export function operandSyntax(isa: Isa, def: InstrDef): readonly OperandSyntax[] {
  const cached = cache.get(def);
  if (cached) return cached;
  const fields = isa.formats[def.format].fields;
  const field = (name: string): Field => {
    const f = fields.find((x) => x.name === name);
    if (!f) throw new Error(`${isa.name} ${def.mnemonic}: operand ${name} is not a field of format ${def.format}`);
    return f;
  };
  const syntax = def.operands.trim() === '' ? [] : def.operands.split(',').map((text): OperandSyntax => {
    const m = /^\s*(?:(\w+)|(\w*)\((\w+)\))\s*$/.exec(text);
    if (!m) throw new Error(`${isa.name} ${def.mnemonic}: bad operand syntax '${text}'`);
    if (m[1]) return { kind: 'field', field: field(m[1]) };
    return m[2] ? { kind: 'offset-base', offset: field(m[2]), base: field(m[3]) } : { kind: 'base', base: field(m[3]) };
  });
  cache.set(def, syntax);
  return syntax;
}

/** The number of a register name or alias (case-insensitive), or undefined. */
export function registerNumber(isa: Isa, name: string): number | undefined {
  const lower = name.toLowerCase();
  const n = isa.registers.indexOf(lower);
  if (n >= 0) return n;
  return Object.hasOwn(isa.registerAliases, lower) ? isa.registerAliases[lower] : undefined;
}

/** "r0–r15, zero, a0, …" for error messages. */
export function registerList(isa: Isa): string {
  const regs = isa.registers;
  const range = `${regs[0]}–${regs[regs.length - 1]}`;
  const aliases = Object.keys(isa.registerAliases);
  return aliases.length ? `${range}, ${aliases.join(', ')}` : range;
}

/** What a field holds, for range errors: "16 signed bits", "8 unsigned bits", "32 bits". */
export function bitsOf(field: Field): string {
  if (field.kind === 'abs') return '32 bits';
  return `${field.width} ${field.kind === 'uimm' || field.kind === 'reg' ? 'unsigned' : 'signed'} bits`;
}
