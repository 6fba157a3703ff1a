// Fault reports: what a user reads when a dispatcher is killed — core, ISA, pc (with its
// function and source line), the instruction disassembled, and the reason.
import type { IsaName } from '../../isa/index.js';
import { FAULT_BAD_ARG, faultText } from '../../kernel/shared/faults.js';
import { disassembleLines } from '../../toolchain/disasm/disassemble.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { hex } from '../../toolchain/hex.js';
import { lineAt, symbolName } from '../../toolchain/image/lookup.js';

export interface FaultInfo {
  readonly code: number;
  readonly reason: string;
  /** the data address that failed (or pc for instruction faults; the pointer for bad arguments) */
  readonly addr: number;
  readonly pc: number;
  /** the instruction at pc, disassembled */
  readonly instruction: string;
}

/** The instruction in `bytes` (read at pc) as assembler text; jump targets as addresses. */
export function describeInstruction(isa: IsaName, bytes: Uint8Array, pc: number): string {
  const [line] = disassembleLines(isa, bytes, pc);
  if (!line) return '(no instruction bytes)';
  if (line.text.startsWith('.byte')) return `${line.text}  (no instruction)`;
  return line.target === undefined ? line.text : `${line.text}  (-> ${hex(line.target)})`;
}

export function faultInfo(isa: IsaName, code: number, addr: number, pc: number, insn: Uint8Array): FaultInfo {
  return { code, reason: faultText(code), addr, pc, instruction: describeInstruction(isa, insn, pc) };
}

/** The report printed when a dispatcher faults; `image` adds function names and source lines. */
export function formatFault(f: FaultInfo, core: number, isa: IsaName, who: string, image?: WfxFile): string {
  const at = f.code === FAULT_BAD_ARG ? ` (argument ${hex(f.addr)})` : f.addr !== f.pc ? ` at ${hex(f.addr)}` : '';
  const sym = image ? symbolName(image, f.pc) : '';
  const line = image ? lineAt(image, f.pc) : undefined;
  return `fault: core ${core} (${isa}): ${who} killed: ${f.reason}${at}\n` +
    `  pc ${hex(f.pc)}${sym ? ` <${sym}>` : ''}: ${f.instruction}${line ? `    [${line.file}:${line.line}]` : ''}\n`;
}
