// Sanity of the ISA tables themselves, and that every row is implemented and documented:
// adding a row without its semantics in isa/reference/ or its line in the docs fails here.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decode, encode, type FieldValues, fieldRange } from '../../isa/encoding.js';
import { generateDocs } from '../../isa/gen/docs.js';
import { byMnemonic, ISAS } from '../../isa/index.js';
import { MODELS } from '../../isa/reference/index.js';
import type { Flag, Isa } from '../../isa/types.js';

/** The field names an operand syntax mentions, e.g. 'rd, imm(rs1)' → rd, imm, rs1. */
const operandNames = (operands: string) => operands.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];

// DESIGN.md, "The three ISAs"
const FEATURES: Record<string, Record<'mul' | 'div' | 'atomic', boolean>> = {
  r32: { mul: true, div: true, atomic: true },
  s32: { mul: true, div: false, atomic: true },
  a32: { mul: false, div: false, atomic: false },
};

describe.each(ISAS)('$name table', (isa: Isa) => {
  const rows = isa.instructions;

  test('opcodes and mnemonics are unique; opcode 0 is never used', () => {
    expect(new Set(rows.map((d) => d.opcode)).size).toBe(rows.length);
    expect(new Set(rows.map((d) => d.mnemonic)).size).toBe(rows.length);
    for (const d of rows) expect(d.opcode, d.mnemonic).toBeGreaterThanOrEqual(1);
    for (const d of rows) expect(d.opcode, d.mnemonic).toBeLessThanOrEqual(0xff);
  });

  test('every row has a known format, positive cycles and a semantics text', () => {
    for (const d of rows) {
      expect(isa.formats[d.format], `${d.mnemonic} format`).toBeDefined();
      expect(Number.isInteger(d.cycles) && d.cycles > 0, `${d.mnemonic} cycles`).toBe(true);
      expect(d.semantics.trim(), `${d.mnemonic} semantics`).not.toBe('');
    }
  });

  test.each(Object.values(isa.formats))('format $name: fields fit, do not overlap, leave the opcode byte alone', (format) => {
    const used = new Array(format.size * 8).fill('');
    used.fill('opcode', 0, 8);
    for (const f of format.fields) {
      expect(f.width, f.name).toBeGreaterThan(0);
      expect(f.lo + f.width, `${f.name} ends inside the instruction`).toBeLessThanOrEqual(format.size * 8);
      for (let b = f.lo; b < f.lo + f.width; b++) {
        expect(used[b], `bit ${b} of ${f.name}`).toBe('');
        used[b] = f.name;
      }
      if (f.kind === 'abs') expect(f.width, `${f.name}: abs fields are 32 bits`).toBe(32);
      if (f.kind === 'pcrel') expect(f.scale, `${f.name}: pcrel scale = instruction alignment`).toBe(isa.instrAlign);
      else expect(f.scale, `${f.name}: only pcrel fields have a scale`).toBeUndefined();
    }
    expect(new Set(format.fields.map((f) => f.name)).size).toBe(format.fields.length);
  });

  test('every field is named exactly once in the operand syntax, and nothing else is', () => {
    for (const d of rows) {
      const fields = isa.formats[d.format].fields.map((f) => f.name).sort();
      expect(operandNames(d.operands).sort(), d.mnemonic).toEqual(fields);
    }
  });

  test('mul, div and atomics exactly as DESIGN.md gives them', () => {
    const has = (flag: Flag) => rows.some((d) => d.flags.includes(flag));
    expect({ mul: has('mul'), div: has('div'), atomic: has('atomic') }).toEqual(FEATURES[isa.name]);
  });

  test('every row has semantics in the reference interpreter, and nothing else does', () => {
    const implemented = Object.keys(MODELS[isa.name].semantics).sort();
    expect(implemented).toEqual(rows.map((d) => d.mnemonic).sort());
  });

  test('every row is documented', () => {
    const page = generateDocs().get(`docs/isa/${isa.name}.md`) ?? '';
    for (const d of rows) {
      expect(page, d.mnemonic).toContain(`| \`${d.mnemonic}\` | 0x${d.opcode.toString(16).padStart(2, '0')} |`);
    }
  });

  test('pseudo-instructions expand to real instructions', () => {
    for (const p of isa.pseudos) {
      for (const line of p.expansion) expect(byMnemonic(isa, line.split(' ')[0]), `${p.mnemonic}: ${line}`).toBeDefined();
    }
  });

  test('encode then decode gives back the row and the fields (property)', () => {
    const instruction = fc.constantFrom(...rows).chain((d) => {
      const fields = isa.formats[d.format].fields;
      const values = fc.tuple(...fields.map((f) => fc.integer(fieldRange(f))));
      return values.map((vs) => ({ d, fields, vs }));
    });
    fc.assert(fc.property(instruction, ({ d, fields, vs }) => {
      const values: FieldValues = Object.fromEntries(fields.map((f, i) => [f.name, vs[i]]));
      const bytes = encode(isa, d, values);
      expect(bytes.length).toBe(isa.formats[d.format].size);
      const out = decode(isa, bytes, 0);
      expect(out?.def).toBe(d);
      // abs fields accept a signed value and decode as its unsigned 32-bit pattern
      const expected = Object.fromEntries(fields.map((f, i) => [f.name, f.kind === 'abs' ? vs[i] >>> 0 : vs[i]]));
      expect(out?.fields).toEqual(expected);
    }), { numRuns: 500 });
  });
});
