// The interface between the code generator (codegen.ts) and the backend of each ISA.
import type { AsmWriter } from '../asm.js';
import type { Func } from '../ir.js';

/** What a backend provides: the code of one function, and the runtime routines it used. */
export interface Backend {
  /** Writes one function; adds the names of runtime routines it calls to `helpers`. */
  function(f: Func, out: AsmWriter, helpers: Set<string>): void;
  /** The assembly of the runtime routines named in `helpers` (and those they need). */
  runtime(helpers: ReadonlySet<string>): string;
}
