// Assembler directives, one entry each: what it does in pass 1 (layout: state changes and
// size) and in pass 2 (the bytes). See docs/assembler.md for the user's view.
import { AsmError } from './asm-error.js';
import type { Assembler, StatementHandler } from './assembler.js';
import { BSS, DATA, TEXT } from './sections.js';
import { parseExpr } from './expr.js';
import { arityError } from './pseudo.js';
import { operandError, type Statement } from './statement.js';
import type { Token } from './token.js';

function arity(s: Statement, syntax: string, min: number, max = min): void {
  const n = s.operands.length;
  if (n < min || n > max) throw arityError(s.name!.text, syntax, n, s.name!);
}

function identifier(op: readonly Token[], what: string): Token {
  if (op.length !== 1 || op[0].kind !== 'ident' || op[0].text === '.') throw operandError(`expected ${what}`, op);
  return op[0];
}

function notInBss(a: Assembler, s: Statement): void {
  if (a.current === BSS) {
    throw AsmError.at(`${s.name!.text} in .bss: .bss holds no contents (reserve room with .space)`, s.name!);
  }
}

const switchTo = (section: number): StatementHandler => ({
  layout(a, s) {
    arity(s, '', 0);
    a.current = section;
    return 0;
  },
});

// .word expr ("," expr)*   (likewise .half, .byte)
const LIMITS: Record<number, { min: number; max: number; name: string }> = {
  1: { min: -128, max: 255, name: 'a byte' },
  2: { min: -32768, max: 65535, name: '16 bits' },
  4: { min: -(2 ** 31), max: 2 ** 32 - 1, name: '32 bits' },
};

const data = (width: number): StatementHandler => ({
  layout(a, s) {
    notInBss(a, s);
    if (s.operands.length === 0) throw AsmError.at(`${s.name!.text} needs at least one value`, s.name!);
    return width * s.operands.length;
  },
  emit(a, p) {
    p.stmt.operands.forEach((op, i) => {
      const at = p.offset + i * width;
      const v = a.value(op, p.section, at);
      if (v.kind === 'addr') {
        if (width !== 4) throw operandError(`${p.stmt.name!.text} cannot hold an address (addresses need 32 bits: use .word)`, op);
        if (v.part) throw operandError(`%${v.part}(…) only works in an instruction's 16-bit field`, op);
        a.relocs.push({ section: p.section, offset: at, kind: 'abs32', symbol: v.symbol, addend: v.addend });
        return;
      }
      const { min, max, name } = LIMITS[width];
      if (v.value < min || v.value > max) throw operandError(`value ${v.value} does not fit in ${name} (${min}..${max})`, op);
      const bytes = Array.from({ length: width }, (_, k) => Math.floor(v.value / 256 ** k) & 0xff);
      a.write(p.section, at, bytes);
    });
    if (p.section === TEXT) a.noteLine(p.offset, p.stmt.line);
  },
});

// .ascii string ("," string)*   (.asciz adds a 0 byte after each)
function strings(s: Statement): Uint8Array[] {
  return s.operands.map((op) => {
    if (op.length !== 1 || op[0].kind !== 'string') throw operandError('expected a string in double quotes', op);
    return op[0].bytes!;
  });
}

const text = (terminator: number[]): StatementHandler => ({
  layout(a, s) {
    notInBss(a, s);
    if (s.operands.length === 0) throw AsmError.at(`${s.name!.text} needs a string`, s.name!);
    return strings(s).reduce((n, b) => n + b.length + terminator.length, 0);
  },
  emit(a, p) {
    let at = p.offset;
    for (const b of strings(p.stmt)) {
      a.write(p.section, at, [...b, ...terminator]);
      at += b.length + terminator.length;
    }
    if (p.section === TEXT) a.noteLine(p.offset, p.stmt.line);
  },
});

const MAX_SPACE = 1 << 24;

const global: StatementHandler = {
  layout(a, s) {
    if (s.operands.length === 0) throw AsmError.at(`${s.name!.text} needs a symbol name`, s.name!);
    for (const op of s.operands) {
      const t = identifier(op, 'a symbol name');
      a.globals.set(t.text, t);
    }
    return 0;
  },
};

// .loc "file", line: the code that follows comes from `line` of `file` (a compiler emits it
// per source statement, so fault reports and the debugger name the high-level line);
// .loc alone: the code that follows comes from this file's own lines again
function sourcePosition(a: Assembler, s: Statement, at: number): { file: string; line: number } | undefined {
  if (s.operands.length === 0) return undefined;
  arity(s, '"file", line', 2);
  const [fileOp, lineOp] = s.operands;
  if (fileOp.length !== 1 || fileOp[0].kind !== 'string') throw operandError('expected the file name as a string in double quotes', fileOp);
  const line = a.constantOperand(lineOp, a.current, at, 'the line number');
  if (!Number.isInteger(line) || line < 1 || line > 2 ** 31 - 1) throw operandError(`line number ${line} is not between 1 and ${2 ** 31 - 1}`, lineOp);
  return { file: new TextDecoder().decode(fileOp[0].bytes!), line };
}

const loc: StatementHandler = {
  layout(a, s) {
    sourcePosition(a, s, a.sections[a.current].size);
    return 0;
  },
  emit(a, p) {
    a.loc = sourcePosition(a, p.stmt, p.offset);
  },
};

const DIRECTIVES: Readonly<Record<string, StatementHandler>> = {
  // .isa NAME: read before the passes, to choose the ISA (index.ts)
  '.isa': { layout: () => 0 },
  '.text': switchTo(TEXT),
  '.data': switchTo(DATA),
  '.bss': switchTo(BSS),
  '.word': data(4),
  '.half': data(2),
  '.byte': data(1),
  '.ascii': text([]),
  '.asciz': text([0]),
  // .align bytes: pads with zeros to a multiple of `bytes` (a power of two); the section
  // is then aligned at least as much when linked
  '.align': {
    layout(a, s) {
      arity(s, 'bytes', 1);
      const n = a.constantOperand(s.operands[0], a.current, a.sections[a.current].size, 'the alignment');
      if (n < 1 || n > 65536 || (n & (n - 1)) !== 0) {
        throw operandError(`alignment ${n} is not a power of two between 1 and 65536`, s.operands[0]);
      }
      const sec = a.sections[a.current];
      sec.align = Math.max(sec.align, n);
      return (n - (sec.size % n)) % n;
    },
  },
  // .space bytes [, fill]: reserves `bytes` bytes, each set to `fill` (default 0)
  '.space': {
    layout(a, s) {
      arity(s, 'bytes, fill', 1, 2);
      const n = a.constantOperand(s.operands[0], a.current, a.sections[a.current].size, 'the size of .space');
      if (n < 0 || n > MAX_SPACE) throw operandError(`.space size ${n} is not between 0 and ${MAX_SPACE}`, s.operands[0]);
      return n;
    },
    emit(a, p) {
      const op = p.stmt.operands[1];
      if (!op) return;
      const fill = a.constantOperand(op, p.section, p.offset, 'the fill byte');
      if (fill < -128 || fill > 255) throw operandError(`fill byte ${fill} does not fit in a byte (-128..255)`, op);
      if (p.section === BSS && fill !== 0) throw operandError('.bss is all zeros: the fill byte must be 0', op);
      if (p.section !== BSS) a.write(p.section, p.offset, new Array(p.size).fill(fill & 0xff));
    },
  },
  '.loc': loc,
  '.global': global,
  '.globl': global,
  // .equ name, expr: a constant (or an address of this file), usable before or after
  '.equ': {
    layout(a, s) {
      arity(s, 'name, value', 2);
      a.defineEqu(identifier(s.operands[0], 'a symbol name'), parseExpr(s.operands[1]), s.line);
      return 0;
    },
  },
};

/** The directive a statement names (`.word`, any case). */
export function directive(name: Token): StatementHandler {
  const d = DIRECTIVES[name.text.toLowerCase()];
  if (!d) throw AsmError.at(`unknown directive '${name.text}'`, name);
  return d;
}
