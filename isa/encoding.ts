// Encoding and decoding of single instructions, generic over the ISA tables: an instruction
// of `size` bytes is one little-endian integer (at most 48 bits, exact in a JS number) and
// each field is a bit range of it. The opcode is bits 0-7.
import { byOpcode } from './index.js';
import type { Field, InstrDef, Isa } from './types.js';

/** Field values by field name: registers and unsigned values as is, signed ones sign-extended. */
export type FieldValues = Record<string, number>;

export interface Decoded {
  readonly def: InstrDef;
  readonly size: number;
  readonly fields: FieldValues;
}

const pow2 = (n: number) => 2 ** n;

/** The range of values a field accepts when encoding (pcrel in units of `scale`). */
export function fieldRange(field: Field): { min: number; max: number } {
  switch (field.kind) {
    case 'simm':
    case 'pcrel':
      return { min: -pow2(field.width - 1), max: pow2(field.width - 1) - 1 };
    case 'abs':
      // 32-bit absolute values may be written signed or unsigned
      return { min: -pow2(31), max: pow2(32) - 1 };
    default:
      return { min: 0, max: pow2(field.width) - 1 };
  }
}

export function fieldFits(field: Field, value: number): boolean {
  const { min, max } = fieldRange(field);
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Encodes one instruction. Every field of the format must be given and fit
 * (callers check with `fieldFits` first to report a proper error).
 */
export function encode(isa: Isa, def: InstrDef, values: FieldValues): Uint8Array {
  const format = isa.formats[def.format];
  let word = def.opcode;
  for (const f of format.fields) {
    const v = values[f.name];
    if (v === undefined || !fieldFits(f, v)) {
      throw new RangeError(`${isa.name} ${def.mnemonic}: field ${f.name} = ${v} does not fit`);
    }
    const bits = ((v % pow2(f.width)) + pow2(f.width)) % pow2(f.width);
    word += bits * pow2(f.lo);
  }
  const out = new Uint8Array(format.size);
  for (let i = 0; i < format.size; i++) {
    out[i] = word % 256;
    word = Math.floor(word / 256);
  }
  return out;
}

/** Reads field `f` from an instruction word, sign-extending signed kinds. */
function extractField(word: number, f: Field): number {
  const raw = Math.floor(word / pow2(f.lo)) % pow2(f.width);
  if ((f.kind === 'simm' || f.kind === 'pcrel') && raw >= pow2(f.width - 1)) return raw - pow2(f.width);
  return raw;
}

/**
 * Decodes the instruction at `at`. Returns null for an invalid opcode or when the bytes end
 * before the instruction does. Bits not covered by any field are ignored.
 */
export function decode(isa: Isa, bytes: Uint8Array, at: number): Decoded | null {
  if (at < 0 || at >= bytes.length) return null;
  const def = byOpcode(isa, bytes[at]);
  if (!def) return null;
  const format = isa.formats[def.format];
  if (at + format.size > bytes.length) return null;
  let word = 0;
  for (let i = format.size - 1; i >= 0; i--) word = word * 256 + bytes[at + i];
  const fields: FieldValues = {};
  for (const f of format.fields) fields[f.name] = extractField(word, f);
  return { def, size: format.size, fields };
}
