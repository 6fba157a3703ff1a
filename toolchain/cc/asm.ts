// Writing assembly text (docs/assembler.md) the way a person would lay it out: labels at
// the left margin, instructions indented with their operands in a column.
import type { Value } from './ir.js';

export class AsmWriter {
  private readonly lines: string[] = [];
  private lastLoc = '';

  label(name: string): void {
    this.lines.push(`${name}:`);
  }

  /** One instruction or directive. */
  op(mnemonic: string, ...operands: (string | number)[]): void {
    const line = operands.length ? `        ${mnemonic.padEnd(7)} ${operands.join(', ')}` : `        ${mnemonic}`;
    this.lines.push(line);
  }

  /**
   * `.loc "file", line` for the code that follows, unless the last one said the same: the
   * line table maps address ranges, so code after a label needs no repeat of its line.
   */
  loc(file: string, line: number): void {
    const loc = `${quote(file)}, ${line}`;
    if (loc === this.lastLoc) return;
    // a .loc with no code after it says nothing: the new one replaces it
    if (this.lines[this.lines.length - 1]?.trimStart().startsWith('.loc ')) this.lines.pop();
    this.op('.loc', loc);
    this.lastLoc = loc;
  }

  /** Records that the code written before this writer's first line comes from this line. */
  assumeLoc(file: string, line: number): void {
    this.lastLoc = `${quote(file)}, ${line}`;
  }

  comment(text: string): void {
    this.lines.push(`; ${text}`);
  }

  blank(): void {
    this.lines.push('');
  }

  /** Raw lines (runtime routines written out in full). */
  raw(text: string): void {
    this.lines.push(...text.replace(/\n$/, '').split('\n'));
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** A string literal for the assembler: printable ASCII as it is, everything else escaped. */
export function quote(bytes: Uint8Array | string): string {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let s = '"';
  for (const c of b) {
    if (c === 0x22 || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c === 10) s += '\\n';
    else if (c === 9) s += '\\t';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return s + '"';
}

/** `symbol` or `symbol + c` as one assembler operand (for `la`, `li`), when the address is that. */
export function symbolPlus(addr: Value): string | undefined {
  if (addr.k === 'addr' && 'symbol' in addr.of) return addr.of.symbol;
  if (addr.k === 'bin' && addr.op === 'add' && addr.l.k === 'addr' && 'symbol' in addr.l.of && addr.r.k === 'const') {
    const c = addr.r.value;
    return `${addr.l.of.symbol} ${c < 0 ? '-' : '+'} ${Math.abs(c)}`;
  }
  return undefined;
}
