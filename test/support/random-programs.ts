// Random instruction sequences for differential testing: every row of an ISA's table with
// random operands, biased so that programs do interesting things (memory operands point into
// the data and stack regions, branches stay nearby) while still reaching every fault — among
// them stores and atomics aimed at the program's own read-only text.
import { encode, fieldRange } from '../../isa/encoding.js';
import type { Field, Isa } from '../../isa/index.js';
import { DATA_BASE, STACK_PAGES, PAGE_SIZE, stackTop, textBase } from '../../kernel/shared/addrspace.js';
import { A32_A, A32_R0, A32_SP, A32_X, S32_FP, S32_SP } from '../../kernel/shared/layout.js';

/** A small, seedable generator (mulberry32): the same seed gives the same program. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
  u32(): number { return Math.floor(this.next() * 4294967296) >>> 0; }
}

export const DATA_SIZE = 2 * PAGE_SIZE;
export const STACK_BOTTOM = stackTop(0) - STACK_PAGES * PAGE_SIZE;
/** words of random values placed above the initial stack pointer */
export const STACK_WORDS = 32;

export interface RandomProgram {
  readonly text: Uint8Array;
  readonly data: Uint8Array;
  /** initial register slots (D_REGS convention) to set after the entry state */
  readonly regs: ReadonlyMap<number, number>;
  /** words to place at [initial sp, initial sp + 4·STACK_WORDS) (s32, a32) */
  readonly stack: readonly number[];
  readonly count: number;
}

/**
 * A plausible 32-bit value: a data or stack pointer (often aligned), a pointer into the
 * program's text (mapped read-only: a store or an atomic through it must fault), small, or
 * anything.
 */
function value(isa: Isa, rng: Rng): number {
  switch (rng.int(0, 6)) {
    case 0: case 1: return (DATA_BASE + rng.int(0, DATA_SIZE - 1) & (rng.chance(0.7) ? ~3 : ~0)) >>> 0;
    case 2: return (STACK_BOTTOM + rng.int(0, STACK_PAGES * PAGE_SIZE + 64) & (rng.chance(0.8) ? ~3 : ~0)) >>> 0;
    case 3: return rng.int(-40, 40) >>> 0;
    case 4: return (textBase(isa.index) + rng.int(0, 160) & (rng.chance(0.8) ? ~3 : ~0)) >>> 0;
    default: return rng.u32();
  }
}

function field(isa: Isa, f: Field, rng: Rng): number {
  const { min, max } = fieldRange(f);
  switch (f.kind) {
    case 'reg': return rng.int(0, isa.name === 'r32' ? 15 : 7);
    case 'pcrel': {
      const unit = f.scale ?? 1;
      // nearby targets, on instruction boundaries where the ISA has fixed sizes
      const off = rng.int(-12, 24);
      return isa.instrAlign === 1 ? off : Math.round(off * isa.instrAlign / unit);
    }
    case 'abs': return rng.chance(0.6) ? value(isa, rng) : rng.u32();
    default:
      if (rng.chance(0.75)) return Math.max(min, Math.min(max, rng.int(-20, 40)));
      return rng.int(min, max);
  }
}

/** A random program of 4..40 instructions ending in `halt`. */
export function randomProgram(isa: Isa, rng: Rng): RandomProgram {
  const chunks: Uint8Array[] = [];
  const count = rng.int(4, 40);
  const halt = isa.instructions.find((d) => d.mnemonic === 'halt')!;
  for (let i = 0; i < count; i++) {
    const def = rng.chance(0.02) ? halt : rng.pick(isa.instructions);
    const values: Record<string, number> = {};
    for (const f of isa.formats[def.format].fields) values[f.name] = field(isa, f, rng);
    if (def.mnemonic === 'sys') values.n = rng.chance(0.8) ? rng.int(0, 12) : rng.int(0, 255);
    chunks.push(encode(isa, def, values));
  }
  chunks.push(encode(isa, halt, {}));
  const text = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { text.set(c, at); at += c.length; }

  const data = new Uint8Array(DATA_SIZE);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(0, 255);
  const regs = new Map<number, number>();
  const stack: number[] = [];
  const sp = (stackTop(0) - 8 - 4 * STACK_WORDS) >>> 0;
  if (isa.name === 'r32') {
    for (let r = 1; r <= 13; r++) regs.set(r, value(isa, rng));
  } else {
    for (let i = 0; i < STACK_WORDS; i++) stack.push(value(isa, rng));
    if (isa.name === 's32') {
      regs.set(S32_SP, sp);
      regs.set(S32_FP, rng.chance(0.8) ? (sp + 4 * rng.int(2, 20)) >>> 0 : value(isa, rng));
    } else {
      regs.set(A32_SP, sp);
      regs.set(A32_A, value(isa, rng));
      regs.set(A32_X, value(isa, rng));
      for (let r = 0; r < 8; r++) regs.set(A32_R0 + r, value(isa, rng));
    }
  }
  return { text, data, regs, stack, count: count + 1 };
}

/** The stack pointer random s32/a32 programs start with (STACK_WORDS values above it). */
export function initialSp(): number {
  return (stackTop(0) - 8 - 4 * STACK_WORDS) >>> 0;
}
