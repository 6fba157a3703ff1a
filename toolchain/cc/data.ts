// The program's data and bss, written identically for every ISA: dispatchers of one program
// on cores of different ISAs share these bytes (one fat image, one data layout), so nothing
// here may depend on the target. Words come first and strings last, so every word stays
// 4-byte aligned without padding.
import { AsmWriter, quote } from './asm.js';
import type { Program } from './ir.js';

const WORDS_PER_LINE = 8;

export function dataSection(program: Program, out: AsmWriter): void {
  const initialised = program.globals.filter((g) => g.init);
  const zero = program.globals.filter((g) => !g.init);
  if (initialised.length || program.strings.length) {
    out.blank();
    out.op('.data');
  }
  for (const g of initialised) {
    out.label(g.label);
    const init = g.init!;
    for (let i = 0; i < init.length; i += WORDS_PER_LINE) out.op('.word', ...init.slice(i, i + WORDS_PER_LINE));
    if (g.words > init.length) out.op('.space', 4 * (g.words - init.length));
  }
  for (const s of program.strings) {
    out.label(s.label);
    out.op('.ascii', quote(s.bytes));
  }
  if (zero.length) {
    out.blank();
    out.op('.bss');
  }
  for (const g of zero) {
    out.label(g.label);
    out.op('.space', 4 * g.words);
  }
}
