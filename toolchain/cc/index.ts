// The Minnow compiler (docs/minnow.md): source text in, assembly or a linked image out.
//
//   lex ─► parse ─► check ─► lower to IR (folding constants) ─► backend per ISA ─► assemble ─► link
//
// Compiling for several ISAs gives a fat image: one text slice per ISA over one data layout,
// so dispatchers of the program on cores of different ISAs share its globals.
import { ISA_NAMES, type IsaName } from '../../isa/index.js';
import { assemble } from '../as/index.js';
import { DiagnosticError } from '../diagnostics.js';
import type { WfxFile } from '../image/format.js';
import { link } from '../link/link.js';
import { A32_ATOMICS_ERROR, check } from './check.js';
import { ENTRY, generate } from './codegen.js';
import type { Program } from './ir.js';
import { lex } from './lexer.js';
import { lower } from './lower.js';
import { parse } from './parser.js';
import { Reporter } from './report.js';

export interface CompileOptions {
  /** the source file's name, for diagnostics and the line table */
  readonly file: string;
}

/** The checked program as IR, or a DiagnosticError listing every error in the source. */
function frontEnd(source: string, opts: CompileOptions & { readonly isas: readonly IsaName[] }): Program {
  const report = new Reporter(opts.file);
  const ast = parse(lex(source, report), report);
  const checked = check(ast, opts.isas, report);
  if (report.failed) throw new DiagnosticError(report.diagnostics, source);
  return lower(checked, opts.file);
}

/** The assembly for one ISA (what `wasmfish cc -S` writes). */
export function compileToAssembly(source: string, opts: CompileOptions & { readonly isa: IsaName }): string {
  return compileToAssemblies(source, { file: opts.file, isas: [opts.isa] })[0];
}

/** The assembly for each of several ISAs, checked together (so every error is reported at once). */
export function compileToAssemblies(source: string, opts: CompileOptions & { readonly isas: readonly IsaName[] }): string[] {
  const program = frontEnd(source, opts);
  return opts.isas.map((isa) => generate(program, isa));
}

/** The name the generated assembly of an ISA goes by (in `-S` output and assembler messages). */
export const assemblyFileName = (file: string, isa: IsaName) => `${file.replace(/\.mn$/, '')}.${isa}.s`;

/** A linked image for the given ISAs (default: all three, a fat image). */
export function compile(source: string, opts: CompileOptions & { readonly isas?: readonly IsaName[] }): WfxFile {
  const isas = opts.isas ?? ISA_NAMES;
  const program = frontEnd(source, { file: opts.file, isas });
  const objects = isas.map((isa) => {
    const file = assemblyFileName(opts.file, isa);
    const asm = generate(program, isa);
    try {
      return { file, obj: assemble(asm, { file, isa }) };
    } catch (e) {
      // the compiler wrote assembly its own assembler rejects: a bug here, not in the program
      if (e instanceof DiagnosticError) throw new Error(`internal: the ${isa} code for ${opts.file} does not assemble:\n${e.message}`);
      throw e;
    }
  });
  return link(objects, { entry: ENTRY });
}

/**
 * How `wasmfish run prog.mn` compiles: for every ISA the program can run on. A program that
 * uses atomic_add or cas cannot run on a32, so it gets r32 and s32 slices only (`wasmfish cc`
 * reports the error instead, since it was asked for a32 too).
 */
export const compileForRun = (source: string, file: string): WfxFile => {
  try {
    return compile(source, { file });
  } catch (e) {
    const onlyA32 = e instanceof DiagnosticError && e.diagnostics.every((d) => d.message === A32_ATOMICS_ERROR);
    if (!onlyA32) throw e;
    return compile(source, { file, isas: ISA_NAMES.filter((i) => i !== 'a32') });
  }
};
