// The assembler (docs/assembler.md): source text in, an object file out (or a DiagnosticError
// listing every problem in the file).
//
//   lex and split each line into a statement ─► find the ISA ─► expand pseudo-instructions
//   ─► lay out and emit (the two passes of assembler.ts) ─► build the symbol table
import { byMnemonic, isaByName, ISA_NAMES, type Isa, type IsaName } from '../../isa/index.js';
import { DiagnosticError, type Diagnostic } from '../diagnostics.js';
import type { Reloc, WfxFile, WfxSymbol } from '../image/format.js';
import { AsmError, diagnosticOf } from './asm-error.js';
import { Assembler } from './assembler.js';
import { directive } from './directives.js';
import type { Value } from './expr.js';
import { INSTRUCTION } from './instruction.js';
import { lexLine } from './lexer.js';
import { PREDEFINED, PREDEFINED_FROM } from './predefined.js';
import { expandPseudo, pseudoByMnemonic } from './pseudo.js';
import { SECTION_KINDS, SECTION_SYMBOLS, TEXT } from './sections.js';
import { operandError, parseStatement, type Statement } from './statement.js';
import type { Token } from './token.js';

export interface AssembleOptions {
  /** the file name used in diagnostics and in the line table */
  readonly file: string;
  /** the ISA, unless the source says it with `.isa` */
  readonly isa?: IsaName;
}

export function assemble(source: string, opts: AssembleOptions): WfxFile {
  const diagnostics: Diagnostic[] = [];
  const report = (e: AsmError, line: number) => diagnostics.push(diagnosticOf(e, opts.file, line));
  const attempt = <T>(line: number, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof AsmError)) throw e;
      report(e, line);
      return undefined;
    }
  };

  const parsed = source.split(/\r?\n/).flatMap((text, i) => attempt(i + 1, () => parseStatement(lexLine(text), i + 1)) ?? []);
  const isa = chooseIsa(parsed, opts, diagnostics, report);
  if (!isa) throw new DiagnosticError(diagnostics, source);
  const statements = parsed.flatMap((s) => {
    const pseudo = isPseudo(isa, s) ? pseudoByMnemonic(isa, s.name!.text.toLowerCase()) : undefined;
    return pseudo ? attempt(s.line, () => expandPseudo(pseudo, s)) ?? [{ ...s, name: undefined }] : [s];
  });

  const a = new Assembler(isa, opts.file, (name) => (name.text.startsWith('.') ? directive(name) : INSTRUCTION));
  a.diagnostics.push(...diagnostics);
  a.run(statements);
  const obj = objectFile(a);
  if (a.diagnostics.length) throw new DiagnosticError(a.diagnostics, source);
  return obj;
}

function isPseudo(isa: Isa, s: Statement): boolean {
  const name = s.name?.text.toLowerCase();
  return name !== undefined && !name.startsWith('.') && !byMnemonic(isa, name);
}

/**
 * The ISA comes from --isa or from `.isa NAME` lines; they must agree. Without an ISA the
 * mnemonics mean nothing, so that error stops the assembly.
 */
function chooseIsa(
  statements: readonly Statement[], opts: AssembleOptions, diagnostics: Diagnostic[],
  report: (e: AsmError, line: number) => void,
): Isa | undefined {
  let chosen: { name: string; line?: number } | undefined = opts.isa ? { name: opts.isa } : undefined;
  let failed = false;
  for (const s of statements) {
    if (s.name?.text.toLowerCase() !== '.isa') continue;
    const op = s.operands[0];
    const name = op?.length === 1 ? op[0].text.toLowerCase() : undefined;
    let error: AsmError | undefined;
    if (s.operands.length !== 1 || !name) error = AsmError.at('.isa expects one ISA name: r32, s32 or a32', s.name!);
    else if (!isaByName(name)) error = operandError(`unknown ISA '${op[0].text}' (use ${ISA_NAMES.join(', ')})`, op);
    else if (chosen && chosen.name !== name) {
      const other = chosen.line ? `.isa ${chosen.name} on line ${chosen.line}` : `--isa ${chosen.name}`;
      error = operandError(`.isa ${name} conflicts with ${other}`, op);
    } else chosen ??= { name, line: s.line };
    if (error) {
      report(error, s.line);
      failed = true;
    }
  }
  if (!chosen && !failed) {
    diagnostics.push({ file: opts.file, line: 0, col: 0, severity: 'error', message: 'no ISA given: use --isa r32|s32|a32 or an .isa directive' });
  }
  if (failed || !chosen) return undefined;
  const isa = isaByName(chosen.name);
  if (!isa) diagnostics.push({ file: opts.file, line: 0, col: 0, severity: 'error', message: `unknown ISA '${chosen.name}' (use ${ISA_NAMES.join(', ')})` });
  return isa;
}

/**
 * A file may define a predefined symbol itself, but only as the same value: any other would
 * make its system calls mean something else.
 */
function checkPredefined(name: string, v: Value, tok: Token): void {
  const predefined = PREDEFINED.get(name);
  if (predefined === undefined || (v.kind === 'const' && (v.value | 0) === predefined)) return;
  const given = v.kind === 'const' ? `${v.value}` : 'an address';
  throw AsmError.at(`.equ ${name} gives ${given}, but ${name} is predefined as system call ${predefined} (${PREDEFINED_FROM}): remove this .equ`, tok);
}

/**
 * The symbol table (the predefined symbols the file used, as local constants by value, as if
 * defined above its first line; then labels and .equ in order of definition; then the
 * section symbols that relocations use; then the undefined externals) and the relocations
 * by symbol index.
 */
function objectFile(a: Assembler): WfxFile {
  const symbols: WfxSymbol[] = [];
  const kindOf = (section: number) => (section === TEXT ? 'func' : 'object');
  for (const [name, value] of PREDEFINED) {
    if (a.predefinedUsed.has(name) && !a.symbols.has(name)) symbols.push({ name, section: -1, value, global: false, kind: 'none' });
  }
  for (const d of a.symbols.values()) {
    const global = a.globals.has(d.name);
    if (d.kind === 'label') {
      symbols.push({ name: d.name, section: d.section, value: d.offset, global, kind: kindOf(d.section) });
      continue;
    }
    a.guard(d.line, () => {
      const v = a.equValue(d, d.tok);
      checkPredefined(d.name, v, d.tok);
      if (v.kind === 'const') {
        symbols.push({ name: d.name, section: -1, value: v.value | 0, global, kind: 'none' });
        return;
      }
      const place = a.place(v.symbol);
      if (!place || v.part) throw AsmError.at(`.equ ${d.name} must be a constant or an address in this file`, d.tok);
      const value = place.offset + v.addend;
      const size = a.sections[place.section].size;
      if (value < 0 || value > size) {
        throw AsmError.at(`.equ ${d.name} is an address outside .${SECTION_KINDS[place.section]} (offset ${value} of ${size} bytes)`, d.tok);
      }
      symbols.push({ name: d.name, section: place.section, value, global, kind: kindOf(place.section) });
    });
  }
  const used = new Set(a.relocs.map((r) => r.symbol));
  SECTION_SYMBOLS.forEach((name, section) => {
    if (used.has(name)) symbols.push({ name, section, value: 0, global: false, kind: 'none' });
  });
  for (const name of new Set([...a.referenced, ...a.globals.keys()])) {
    if (!a.symbols.has(name)) symbols.push({ name, section: -2, value: 0, global: true, kind: 'none' });
  }
  const index = new Map(symbols.map((s, i) => [s.name, i]));
  // addends are stored as 32-bit two's complement, like every address computation
  const relocs: Reloc[] = a.relocs.map(({ symbol, addend, ...r }) => ({ ...r, symbol: index.get(symbol)!, addend: addend | 0 }));
  const sections = a.sections.map((s, i) => ({
    kind: SECTION_KINDS[i], isa: i === TEXT ? a.isa.name : undefined, addr: 0, size: s.size,
    bytes: s.kind === 'bss' ? new Uint8Array(0) : s.bytes, align: s.align,
  }));
  return { kind: 'object', sections, symbols, relocs, lines: a.lines };
}
