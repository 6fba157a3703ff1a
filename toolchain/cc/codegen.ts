// One assembly file per ISA from the IR: a header, the functions (by the ISA's backend), the
// runtime routines the code called, and the data section that is the same for every ISA.
import type { IsaName } from '../../isa/index.js';
import { AsmWriter } from './asm.js';
import { generateA32 } from './backend/a32.js';
import type { Backend } from './backend/backend.js';
import { generateR32 } from './backend/r32.js';
import { generateS32 } from './backend/s32.js';
import { dataSection } from './data.js';
import type { Program } from './ir.js';

const BACKENDS: Record<IsaName, (file: string) => Backend> = { r32: generateR32, s32: generateS32, a32: generateA32 };

/** The label the linker starts a slice at (see `link --entry`): an alias of f_main. */
export const ENTRY = 'main';

export function generate(program: Program, isa: IsaName): string {
  const backend = BACKENDS[isa](program.file);
  const out = new AsmWriter();
  out.comment(`${program.file}: compiled by wasmfish cc for ${isa}`);
  out.op('.isa', isa);
  out.op('.text');
  out.op('.global', ENTRY, ...program.functions.map((f) => f.label));
  const helpers = new Set<string>();
  for (const f of program.functions) {
    out.blank();
    if (f.name === 'main') out.label(ENTRY);
    backend.function(f, out, helpers);
  }
  if (helpers.size) {
    out.blank();
    out.op('.loc'); // the runtime's lines are its own, not the program's
    out.raw(backend.runtime(helpers));
  }
  dataSection(program, out);
  return out.text();
}
