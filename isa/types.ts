// The shape of an ISA table. Each ISA (r32, s32, a32) is one `Isa` value in `isa/<name>.ts`;
// the assembler, disassembler, reference interpreter, documentation and the AssemblyScript
// decoder constants are all derived from it.

export type IsaName = 'r32' | 's32' | 'a32';

/**
 * How a field's bits are interpreted.
 * - `reg`   a register number (the assembler parses a register name)
 * - `simm`  a signed immediate, sign-extended from `width` bits
 * - `uimm`  an unsigned immediate, zero-extended from `width` bits
 * - `pcrel` a signed, pc-relative target: field = (target - address of this instruction) / scale
 * - `abs`   an absolute 32-bit value (address or constant); only with width 32
 */
export type FieldKind = 'reg' | 'simm' | 'uimm' | 'pcrel' | 'abs';

/**
 * One bit field of an instruction. An instruction of `size` bytes is read as one
 * little-endian integer; a field occupies bits [lo, lo + width) of it. The opcode is
 * always bits [0, 8): the first byte of every instruction on every ISA.
 */
export interface Field {
  readonly name: string;
  readonly lo: number;
  readonly width: number;
  readonly kind: FieldKind;
  /** pcrel only: the unit of the offset in bytes (4 = words, 2 = parcels, 1 = bytes) */
  readonly scale?: number;
}

/** An encoding format: total size in bytes and its fields besides the opcode. */
export interface Format {
  readonly name: string;
  readonly size: number;
  readonly fields: readonly Field[];
}

/**
 * Feature and class flags of an instruction.
 * - `alu` `mul` `div` `load` `store` `branch` `jump` `call` `ret` `atomic` `sys` `halt` `stack`
 * `mul`, `div` and `atomic` are the ISA features that differ between ISAs (DESIGN.md).
 */
export type Flag =
  | 'alu' | 'mul' | 'div' | 'load' | 'store' | 'branch' | 'jump' | 'call' | 'ret'
  | 'atomic' | 'sys' | 'halt' | 'stack' | 'const';

/**
 * One row of an ISA table: one machine instruction.
 * - `mnemonic` assembler name, lower case, unique within the ISA
 * - `opcode`   value of the first byte (1..255; 0 is never a valid opcode on any ISA,
 *              so zero-filled memory faults as "bad opcode")
 * - `format`   key into the ISA's `formats`
 * - `operands` assembler operand syntax, comma separated; each operand is a field name,
 *              `field(field)` (offset and base register) or `(field)` (base register);
 *              empty for none. Every field of the format appears exactly once.
 * - `cycles`   base cost in simulated cycles (memory system costs come on top)
 * - `flags`    classes and features, see `Flag`
 * - `semantics` what it does, in the notation of docs/isa/README.md; the reference
 *              interpreter implements exactly this and a test checks every row has both
 */
export interface InstrDef {
  readonly mnemonic: string;
  readonly opcode: number;
  readonly format: string;
  readonly operands: string;
  readonly cycles: number;
  readonly flags: readonly Flag[];
  readonly semantics: string;
}

/**
 * An assembler pseudo-instruction: expands textually into real instructions.
 * In `expansion`, each operand name of `operands` is replaced by the text the user wrote.
 */
export interface PseudoDef {
  readonly mnemonic: string;
  readonly operands: string;
  readonly expansion: readonly string[];
  readonly summary: string;
}

export interface Isa {
  readonly name: IsaName;
  /** index used in images and in the shared memory layout: r32 = 0, s32 = 1, a32 = 2 */
  readonly index: number;
  readonly title: string;
  readonly description: string;
  /** required alignment of an instruction address in bytes */
  readonly instrAlign: number;
  /** true if 16/32-bit data accesses must be naturally aligned (else: misalignment fault) */
  readonly alignedData: boolean;
  /** register names by number, for `reg` fields; empty for a machine without them */
  readonly registers: readonly string[];
  /** extra accepted register names -> number */
  readonly registerAliases: Readonly<Record<string, number>>;
  readonly formats: Readonly<Record<string, Format>>;
  readonly instructions: readonly InstrDef[];
  readonly pseudos: readonly PseudoDef[];
  /** machine state, calling convention and syscall ABI, in Markdown, for the docs */
  readonly conventions: string;
}

/** Builds one table row; the argument order is the column order of every ISA table. */
export function row(
  mnemonic: string, opcode: number, format: string, operands: string,
  cycles: number, flags: readonly Flag[], semantics: string,
): InstrDef {
  return { mnemonic, opcode, format, operands, cycles, flags, semantics };
}
