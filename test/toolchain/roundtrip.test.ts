// Every row of every ISA table goes through assemble → encode → decode → disassemble →
// reassemble and must come back byte-identical; then random instruction streams do the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, fieldRange, type FieldValues } from '../../isa/encoding.js';
import { ISAS, type Field, type InstrDef, type Isa } from '../../isa/index.js';
import { assemble } from '../../toolchain/as/index.js';
import { operandSyntax } from '../../toolchain/as/operand-syntax.js';
import { disassemble } from '../../toolchain/disasm/disassemble.js';

const textOf = (source: string, isa: Isa) => assemble(source, { file: 't.s', isa: isa.name }).sections[0].bytes;

/** Source text for one field value, written the way a person would (not by the disassembler). */
function written(isa: Isa, f: Field, v: number): string {
  if (f.kind === 'reg') return isa.registers[v];
  if (f.kind === 'pcrel') return `. + (${v * (f.scale ?? 1)})`;
  return String(v);
}

/** `mnemonic op, op` with the row's operand syntax filled in from `values`. */
function sourceOf(isa: Isa, def: InstrDef, values: FieldValues): string {
  const ops = operandSyntax(isa, def).map((syn) => {
    if (syn.kind === 'field') return written(isa, syn.field, values[syn.field.name]);
    if (syn.kind === 'base') return `(${written(isa, syn.base, values[syn.base.name])})`;
    return `${written(isa, syn.offset, values[syn.offset.name])}(${written(isa, syn.base, values[syn.base.name])})`;
  });
  return `${def.mnemonic} ${ops.join(', ')}`;
}

/** Three samples per field: the minimum, the maximum and a value in between. */
function samples(isa: Isa, f: Field): number[] {
  if (f.kind === 'reg') return [0, isa.registers.length - 1, Math.min(5, isa.registers.length - 1)];
  const { min, max } = fieldRange(f);
  if (f.kind === 'abs') return [0, 2 ** 32 - 1, 0x01000010];
  return [min, max, Math.trunc((min + max) / 3) | 0];
}

describe.each(ISAS.map((isa) => [isa.name, isa] as const))('%s: every table row round-trips', (_name, isa) => {
  it.each(isa.instructions.map((def) => [def.mnemonic, def] as const))('%s', (_m, def) => {
    const fields = isa.formats[def.format].fields;
    for (let k = 0; k < 3; k++) {
      const values: FieldValues = Object.fromEntries(fields.map((f) => [f.name, samples(isa, f)[k]]));
      const bytes = textOf(sourceOf(isa, def, values), isa);
      expect(bytes).toEqual(encode(isa, def, values));
      const back = decode(isa, bytes, 0)!;
      expect(back.def).toBe(def);
      expect(back.fields).toEqual(values);
      const listing = disassemble(isa, bytes, 0x10000, []);
      expect(textOf(listing, isa)).toEqual(bytes);
    }
  });
});

/** A random valid instruction of `isa`, as its encoding. */
function arbInstruction(isa: Isa): fc.Arbitrary<Uint8Array> {
  return fc.constantFrom(...isa.instructions).chain((def) => {
    const fields = isa.formats[def.format].fields;
    const values = fields.map((f) => {
      if (f.kind === 'reg') return fc.integer({ min: 0, max: isa.registers.length - 1 });
      const { min, max } = f.kind === 'abs' ? { min: 0, max: 2 ** 32 - 1 } : fieldRange(f);
      return fc.integer({ min, max });
    });
    return fc.tuple(...values).map((vs) => encode(isa, def, Object.fromEntries(fields.map((f, i) => [f.name, vs[i]]))));
  });
}

describe.each(ISAS.map((isa) => [isa.name, isa] as const))('%s: random instruction streams', (_name, isa) => {
  it('disassemble and reassemble to the same bytes, with labels where targets have them', () => {
    fc.assert(
      fc.property(fc.array(arbInstruction(isa), { minLength: 1, maxLength: 40 }), fc.boolean(), (insns, withLabels) => {
        const bytes = new Uint8Array(insns.flatMap((b) => [...b]));
        // label every instruction boundary, so targets inside the stream print as labels
        const symbols: { name: string; addr: number }[] = [];
        if (withLabels) insns.reduce((at, b, i) => (symbols.push({ name: `L${i}`, addr: at }), at + b.length), 0x400000);
        const listing = disassemble(isa, bytes, 0x400000, symbols);
        expect(textOf(listing, isa)).toEqual(bytes);
      }),
      { numRuns: 150 },
    );
  });
});
