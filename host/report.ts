// Fault reports: what a user reads when a dispatcher is killed — core, ISA, pc, the
// instruction disassembled, and the reason.
import { decode } from '../isa/encoding.js';
import { isaByName, type IsaName } from '../isa/index.js';
import { FAULT_BAD_ARG, faultText } from '../kernel/shared/faults.js';

export interface FaultInfo {
  readonly code: number;
  readonly reason: string;
  readonly addr: number;
  readonly pc: number;
  /** the instruction at pc, disassembled (or its bytes when undecodable) */
  readonly instruction: string;
}

const hex = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');

/** One instruction as text, from the bytes at pc. */
export function describeInstruction(isa: IsaName, bytes: Uint8Array, pc: number): string {
  const d = decode(isaByName(isa)!, bytes, 0);
  if (!d) return `.byte ${[...bytes.subarray(0, 4)].map((b) => '0x' + b.toString(16).padStart(2, '0')).join(', ')}  (undefined instruction)`;
  const ops = Object.entries(d.fields).map(([k, v]) => {
    const f = isaByName(isa)!.formats[d.def.format].fields.find((x) => x.name === k)!;
    if (f.kind === 'pcrel') return hex(pc + v * (f.scale ?? 1));
    if (f.kind === 'reg') return isaByName(isa)!.registers[v] ?? `?${v}`;
    return String(v);
  });
  return ops.length ? `${d.def.mnemonic} ${ops.join(', ')}` : d.def.mnemonic;
}

export function faultInfo(isa: IsaName, code: number, addr: number, pc: number, insn: Uint8Array): FaultInfo {
  return { code, reason: faultText(code), addr, pc, instruction: describeInstruction(isa, insn, pc) };
}

/** The report printed when a dispatcher faults. */
export function formatFault(f: FaultInfo, core: number, isa: IsaName, who: string, where?: string): string {
  const at = f.code === FAULT_BAD_ARG ? ` (argument ${hex(f.addr)})` : f.addr !== f.pc ? ` at ${hex(f.addr)}` : '';
  return `fault: core ${core} (${isa}): ${who} killed: ${f.reason}${at}\n` +
    `  pc ${hex(f.pc)}: ${f.instruction}${where ? `    [${where}]` : ''}\n`;
}
