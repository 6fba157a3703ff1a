// The ISA registry: every tool finds an ISA, and an instruction within it, through here.
import { a32 } from './a32.js';
import { r32 } from './r32.js';
import { s32 } from './s32.js';
import type { InstrDef, Isa, IsaName } from './types.js';

export type { Field, Format, InstrDef, Isa, IsaName, PseudoDef } from './types.js';

/** All ISAs, in index order (the index is stored in images and in the memory layout). */
export const ISAS: readonly Isa[] = [r32, s32, a32];
export const ISA_NAMES: readonly IsaName[] = ISAS.map((i) => i.name);

export function isaByName(name: string): Isa | undefined {
  return ISAS.find((i) => i.name === name);
}

export function isaByIndex(index: number): Isa | undefined {
  return ISAS[index];
}

const opcodeMaps = new Map<Isa, (InstrDef | undefined)[]>();
const mnemonicMaps = new Map<Isa, Map<string, InstrDef>>();

/** The instruction with this opcode byte, or undefined (an invalid opcode). */
export function byOpcode(isa: Isa, opcode: number): InstrDef | undefined {
  let m = opcodeMaps.get(isa);
  if (!m) {
    m = new Array(256).fill(undefined);
    for (const d of isa.instructions) m[d.opcode] = d;
    opcodeMaps.set(isa, m);
  }
  return m[opcode & 0xff];
}

export function byMnemonic(isa: Isa, mnemonic: string): InstrDef | undefined {
  let m = mnemonicMaps.get(isa);
  if (!m) {
    m = new Map(isa.instructions.map((d) => [d.mnemonic, d]));
    mnemonicMaps.set(isa, m);
  }
  return m.get(mnemonic);
}

/** Size in bytes of an instruction (from its format). */
export function sizeOf(isa: Isa, def: InstrDef): number {
  return isa.formats[def.format].size;
}
