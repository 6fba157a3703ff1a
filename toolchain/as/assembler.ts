// The two passes of the assembler over parsed statements. Pass 1 (layout) gives every
// statement its section and offset and defines the labels; every instruction's size is known
// from its table row, so one layout pass suffices. Pass 2 (emit) evaluates operands, encodes
// and records relocations for whatever depends on where the linker puts the sections.
// What a statement means is not known here: a StatementHandler (a directive of
// directives.ts, or instruction.ts for every mnemonic) says, and the caller picks it by name.
//
// Errors are collected per statement (one per statement, so a bad line does not produce a
// string of follow-on complaints); a failed statement still takes its size, so the labels
// after it stay where they belong.
import type { Isa } from '../../isa/index.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LineEntry, Reloc, SectionKind } from '../image/format.js';
import { AsmError, diagnosticOf } from './asm-error.js';
import { constant, evaluate, parseExpr, type Expr, type ExprEnv, type Value } from './expr.js';
import { PREDEFINED, PREDEFINED_FROM } from './predefined.js';
import { SECTION_KINDS, SECTION_SYMBOLS, TEXT } from './sections.js';
import { operandError, type Statement } from './statement.js';
import type { Token } from './token.js';

export interface SectionState {
  readonly kind: SectionKind;
  size: number;
  align: number;
  bytes: Uint8Array;
}

/** What one kind of statement does in each pass. */
export interface StatementHandler {
  /** pass 1: checks the operands, updates the assembler's state, returns the size in bytes */
  layout(a: Assembler, s: Statement): number;
  /** pass 2: writes the contents, for statements that have some */
  emit?(a: Assembler, p: Placed): void;
}

/** A statement placed by pass 1, to be emitted by pass 2. */
export interface Placed {
  readonly stmt: Statement;
  readonly section: number;
  readonly offset: number;
  readonly size: number;
  /** what emits it: its handler's `emit` */
  readonly emit: (a: Assembler, p: Placed) => void;
}

export type SymbolDef =
  | { readonly kind: 'label'; readonly name: string; readonly section: number; readonly offset: number; readonly tok: Token; readonly line: number }
  | {
      readonly kind: 'equ'; readonly name: string; readonly expr: Expr; readonly section: number; readonly offset: number;
      readonly tok: Token; readonly line: number; value?: Value; busy?: boolean;
    };

/** A relocation by symbol name; indices are assigned when the symbol table is built. */
export type PendingReloc = Omit<Reloc, 'symbol'> & { readonly symbol: string };

export class Assembler {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols = new Map<string, SymbolDef>();
  readonly globals = new Map<string, Token>();
  /** names used in pass 2 that no label or .equ defines: externals for the linker */
  readonly referenced = new Set<string>();
  /** predefined symbols (predefined.ts) the file used without defining them itself */
  readonly predefinedUsed = new Set<string>();
  /** text, data, bss; data and bss are word-aligned so every object's words stay aligned */
  readonly sections: SectionState[];
  readonly relocs: PendingReloc[] = [];
  readonly lines: LineEntry[] = [];
  /** set by `.loc` (pass 2): the source position that the following instructions come from */
  loc?: { readonly file: string; readonly line: number };
  /** the section pass 1 is in */
  current = TEXT;
  phase: 1 | 2 = 1;
  private readonly placed: Placed[] = [];

  /**
   * `handlerOf` gives the handler of a statement's mnemonic or directive, or throws an
   * AsmError if there is none.
   */
  constructor(readonly isa: Isa, readonly file: string, private readonly handlerOf: (name: Token) => StatementHandler) {
    this.sections = SECTION_KINDS.map((kind, i) => ({
      kind, size: 0, align: i === TEXT ? isa.instrAlign : 4, bytes: new Uint8Array(0),
    }));
  }

  report(e: AsmError, line: number): void {
    this.diagnostics.push(diagnosticOf(e, this.file, line));
  }

  /** Runs `f`, turning an AsmError into a diagnostic for `line`; true if it succeeded. */
  guard(line: number, f: () => void): boolean {
    try {
      f();
      return true;
    } catch (e) {
      if (!(e instanceof AsmError)) throw e;
      this.report(e, line);
      return false;
    }
  }

  run(statements: readonly Statement[]): void {
    for (const s of statements) this.layout(s);
    for (const sec of this.sections) if (sec.kind !== 'bss') sec.bytes = new Uint8Array(sec.size);
    this.phase = 2;
    for (const p of this.placed) this.guard(p.stmt.line, () => p.emit(this, p));
  }

  // Pass 1: labels, then the statement's size at the current offset.
  private layout(s: Statement): void {
    for (const label of s.labels) this.guard(s.line, () => this.defineLabel(label, s.line));
    const name = s.name;
    if (!name) return;
    const section = this.current;
    const offset = this.sections[section].size;
    let size = 0;
    let emit: Placed['emit'] | undefined;
    this.guard(s.line, () => {
      const handler = this.handlerOf(name);
      size = handler.layout(this, s);
      emit = handler.emit;
    });
    if (emit) this.placed.push({ stmt: s, section, offset, size, emit });
    this.sections[section].size += size;
  }

  private defineLabel(tok: Token, line: number): void {
    this.checkNewSymbol(tok);
    const predefined = PREDEFINED.get(tok.text);
    if (predefined !== undefined) {
      throw AsmError.at(`'${tok.text}' is predefined (system call ${predefined}, from ${PREDEFINED_FROM}) and cannot be a label`, tok);
    }
    const offset = this.sections[this.current].size;
    this.symbols.set(tok.text, { kind: 'label', name: tok.text, section: this.current, offset, tok, line });
  }

  defineEqu(tok: Token, expr: Expr, line: number): void {
    this.checkNewSymbol(tok);
    const offset = this.sections[this.current].size;
    this.symbols.set(tok.text, { kind: 'equ', name: tok.text, expr, section: this.current, offset, tok, line });
  }

  private checkNewSymbol(tok: Token): void {
    if (tok.text === '.' || SECTION_SYMBOLS.includes(tok.text)) {
      throw AsmError.at(`'${tok.text}' is reserved and cannot be defined`, tok);
    }
    const old = this.symbols.get(tok.text);
    if (old) throw AsmError.at(`symbol '${tok.text}' is already defined (on line ${old.line})`, tok);
  }

  // ---------------------------------------------------------------------------------------
  // Expressions

  /** Evaluates an operand as the statement at (`section`, `offset`) sees it. */
  value(operand: readonly Token[], section: number, offset: number): Value {
    return evaluate(parseExpr(operand), this.env(section, offset));
  }

  /** An operand that must be a constant now (sizes, alignments, fill bytes). */
  constantOperand(operand: readonly Token[], section: number, offset: number, what: string): number {
    const v = this.value(operand, section, offset);
    if (v.kind !== 'const') {
      const later = this.phase === 1 ? ' known at this point' : '';
      throw operandError(`${what} must be a constant${later}, not an address`, operand);
    }
    return v.value;
  }

  private env(section: number, offset: number): ExprEnv {
    return {
      symbol: (name, tok) => this.symbolValue(name, tok),
      dot: () => ({ kind: 'addr', symbol: SECTION_SYMBOLS[section], addend: offset }),
      place: (name) => this.place(name),
    };
  }

  // A name the file defines, or declares .global without defining (an external), is the
  // file's own; otherwise a predefined name stands for its value.
  private symbolValue(name: string, tok: Token): Value {
    const d = this.symbols.get(name);
    const predefined = d || this.globals.has(name) ? undefined : PREDEFINED.get(name);
    if (predefined !== undefined) {
      this.predefinedUsed.add(name);
      return constant(predefined);
    }
    if (!d) {
      // pass 1 evaluates only what decides a size, which must not depend on what comes later
      if (this.phase === 1) throw AsmError.at(`'${name}' is not defined above this line, so its value is not known here`, tok);
      if (!SECTION_SYMBOLS.includes(name)) this.referenced.add(name);
      return { kind: 'addr', symbol: name, addend: 0 };
    }
    return d.kind === 'label' ? { kind: 'addr', symbol: name, addend: 0 } : this.equValue(d, tok);
  }

  /**
   * The value of an .equ, evaluated where it was defined. In pass 1 labels further down are
   * not known yet, so nothing is remembered; in pass 2 the value is computed once and an
   * error in it is reported once, at the .equ, and the symbol then counts as 0.
   */
  equValue(d: Extract<SymbolDef, { kind: 'equ' }>, use: Token): Value {
    if (d.value) return d.value;
    if (d.busy) throw AsmError.at(`'${d.name}' is defined in terms of itself`, use);
    d.busy = true;
    try {
      const v = evaluate(d.expr, this.env(d.section, d.offset));
      if (this.phase === 2) d.value = v;
      return v;
    } catch (e) {
      if (!(e instanceof AsmError)) throw e;
      if (this.phase === 1) throw AsmError.at(`'${d.name}' is not a constant known at this point`, use);
      this.report(e, d.line);
      return (d.value = constant(0));
    } finally {
      d.busy = false;
    }
  }

  /** Where an address symbol of this file is: a section symbol or a label. */
  place(name: string): { section: number; offset: number } | undefined {
    const s = SECTION_SYMBOLS.indexOf(name);
    if (s >= 0) return { section: s, offset: 0 };
    const d = this.symbols.get(name);
    return d?.kind === 'label' ? { section: d.section, offset: d.offset } : undefined;
  }

  // ---------------------------------------------------------------------------------------
  // Output

  write(section: number, offset: number, bytes: ArrayLike<number>): void {
    this.sections[section].bytes.set(bytes, offset);
  }

  /**
   * Notes that the code at `offset` of the text section comes from `line` of this file, or,
   * after a `.loc`, from the position it names (a compiler's source line).
   */
  noteLine(offset: number, line: number): void {
    const { file, line: at } = this.loc ?? { file: this.file, line };
    const last = this.lines[this.lines.length - 1];
    if (last?.line !== at || last.file !== file) this.lines.push({ section: TEXT, at: offset, file, line: at });
  }
}
