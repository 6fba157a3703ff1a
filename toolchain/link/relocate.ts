// Applies one relocation to placed bytes. Instruction fields are patched by decoding the
// instruction, replacing the field's value and encoding it again (isa/encoding.ts), so the
// range check is the same one the assembler uses.
import { encode, decode, fieldFits } from '../../isa/encoding.js';
import type { Isa } from '../../isa/index.js';
import { bitsOf } from '../as/operand-syntax.js';
import type { Reloc } from '../image/format.js';

/**
 * Patches `bytes` at `at` (the site's address is `P`) with the value of `S + A`, as `r`
 * says. Returns a description of the problem if the value does not fit, else undefined.
 */
export function applyReloc(r: Reloc, S: number, P: number, bytes: Uint8Array, at: number, isa: Isa): string | undefined {
  const value = S + r.addend;
  if (r.kind === 'abs32') {
    if (value < -(2 ** 31) || value >= 2 ** 32) return `the address ${value} does not fit in 32 bits`;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value >>> 0, true);
    return undefined;
  }
  const insn = decode(isa, bytes, at);
  const field = insn && isa.formats[insn.def.format].fields.find((f) => f.lo === r.fieldLo && f.width === r.fieldWidth);
  if (!insn || !field) return `there is no ${isa.name} instruction with a field at bits ${r.fieldLo}..${r.fieldLo! + r.fieldWidth!} to patch`;
  let v: number;
  switch (r.fieldKind) {
    case 'hi16': v = (value >>> 16) & 0xffff; break;
    case 'lo16': v = value & 0xffff; break;
    case 'abs': v = value; break;
    case 'pcrel': {
      const distance = value - P;
      v = distance / r.scale!;
      if (!Number.isInteger(v)) return `the target is ${distance} bytes away, not a multiple of ${r.scale}`;
      if (!fieldFits(field, v)) return `the target is ${distance} bytes away, too far for ${bitsOf(field)} (in units of ${r.scale} bytes)`;
      break;
    }
    default: return `unknown field kind ${r.fieldKind}`;
  }
  if (!fieldFits(field, v)) return `the value ${value} does not fit in ${bitsOf(field)}`;
  bytes.set(encode(isa, insn.def, { ...insn.fields, [field.name]: v }), at);
  return undefined;
}
