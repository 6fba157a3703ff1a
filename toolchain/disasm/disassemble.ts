// The disassembler, generic over the ISA tables: decode with isa/encoding.ts, print operands
// with the row's operand syntax. Its text is assembler input: a pc-relative target is printed
// as a label defined in the same output when there is one, else as `.+n` (the assembler
// resolves that within the section, so reassembling gives the same bytes).
import { decode } from '../../isa/encoding.js';
import { isaByName, type Field, type Isa, type IsaName } from '../../isa/index.js';
import { operandSyntax } from '../as/operand-syntax.js';

export interface DisasmSymbol {
  readonly name: string;
  readonly addr: number;
}

export interface DisasmLine {
  readonly addr: number;
  readonly bytes: Uint8Array;
  /** `mnemonic operands`, or a `.byte` directive for bytes that are no instruction */
  readonly text: string;
  /** the target address of a pc-relative field */
  readonly target?: number;
  /** the value of a 32-bit absolute field (often an address) */
  readonly value?: number;
}

/**
 * Lets a caller print a field its own way, e.g. an object's relocated field as the symbol
 * the linker will put there; undefined = the default.
 */
export type FieldText = (addr: number, field: Field) => string | undefined;

const hexOrDec = (v: number) => (v > 255 ? '0x' + v.toString(16) : String(v));

/** Decodes `bytes` (loaded at `baseAddr`) into one line per instruction. */
export function disassembleLines(
  isaOrName: Isa | IsaName, bytes: Uint8Array, baseAddr: number, symbols: readonly DisasmSymbol[] = [], fieldText?: FieldText,
): DisasmLine[] {
  const isa = typeof isaOrName === 'string' ? isaByName(isaOrName)! : isaOrName;
  // First the instruction boundaries, so only labels that can be defined there are used.
  const pieces: { at: number; insn: ReturnType<typeof decode>; size: number }[] = [];
  for (let at = 0; at < bytes.length;) {
    const insn = decode(isa, bytes, at);
    // bytes that are no instruction: keep alignment, so the next instruction starts aligned
    const size = insn ? insn.size : Math.min(isa.instrAlign, bytes.length - at);
    pieces.push({ at, insn, size });
    at += size;
  }
  const boundaries = new Set([...pieces.map((p) => baseAddr + p.at), baseAddr + bytes.length]);
  const labels = new Map<number, string>();
  for (const s of symbols) if (boundaries.has(s.addr) && !labels.has(s.addr)) labels.set(s.addr, s.name);
  const out: DisasmLine[] = [];
  for (const { at, insn, size } of pieces) {
    const addr = baseAddr + at;
    if (!insn) {
      const raw = bytes.subarray(at, at + size);
      out.push({ addr, bytes: raw, text: `.byte ${[...raw].map((b) => '0x' + b.toString(16).padStart(2, '0')).join(', ')}` });
      continue;
    }
    let target: number | undefined;
    let value: number | undefined;
    const show = (f: Field): string => {
      const custom = fieldText?.(addr, f);
      const v = insn.fields[f.name];
      switch (f.kind) {
        case 'reg': return isa.registers[v];
        case 'simm': return custom ?? String(v);
        case 'uimm': return custom ?? hexOrDec(v);
        case 'abs':
          value = v;
          return custom ?? hexOrDec(v);
        case 'pcrel': {
          const distance = v * (f.scale ?? 1);
          target = addr + distance;
          return custom ?? labels.get(target) ?? (distance === 0 ? '.' : distance > 0 ? `.+${distance}` : `.${distance}`);
        }
      }
    };
    const operands = operandSyntax(isa, insn.def).map((syn) => {
      if (syn.kind === 'field') return show(syn.field);
      if (syn.kind === 'base') return `(${show(syn.base)})`;
      return `${show(syn.offset)}(${show(syn.base)})`;
    });
    const text = operands.length ? `${insn.def.mnemonic} ${operands.join(', ')}` : insn.def.mnemonic;
    out.push({ addr, bytes: bytes.subarray(at, at + size), text, target, value });
  }
  return out;
}

/**
 * Assembler source for `bytes` loaded at `baseAddr`: an `.isa` line, then one instruction a
 * line, with `name:` lines for the symbols that fall on instruction boundaries.
 */
export function disassemble(
  isaOrName: Isa | IsaName, bytes: Uint8Array, baseAddr: number, symbols: readonly DisasmSymbol[] = [],
): string {
  const isa = typeof isaOrName === 'string' ? isaByName(isaOrName)! : isaOrName;
  const lines = disassembleLines(isa, bytes, baseAddr, symbols);
  const out = [`        .isa ${isa.name}`];
  const emitLabels = (addr: number) => {
    for (const s of symbols) if (s.addr === addr) out.push(`${s.name}:`);
  };
  // (a symbol inside an instruction is left out: it could not be defined there)
  for (const l of lines) {
    emitLabels(l.addr);
    out.push(`        ${l.text}`);
  }
  emitLabels(baseAddr + bytes.length);
  return out.join('\n') + '\n';
}
