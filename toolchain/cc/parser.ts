// A recursive-descent parser for Minnow, one function per grammar rule (the rule is written
// above it). On a syntax error it reports, skips to the end of the statement or item (a `;`
// or a whole `{ ... }` block) and goes on, so one run reports every error in the file.
// Text the lexer could not read (a stray character, an unterminated string) was reported by
// it; a syntax error in a statement that spans its line is most likely the echo, so it is not
// reported again.
import type { BinaryOp, Block, Expr, FnItem, Ident, Item, Place, Program, Stmt, UnaryOp, VarDecl } from './ast.js';
import type { Token } from './lexer.js';
import { CompileError, type Pos, type Reporter, span } from './report.js';

// The binary operators from the loosest to the tightest level; all are left-associative.
const BINARY_LEVELS: readonly (readonly BinaryOp[])[] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

export function parse(tokens: readonly Token[], report: Reporter): Program {
  const badLines = new Set(tokens.filter((t) => t.broken).map((t) => t.line));
  return new Parser(tokens.filter((t) => t.kind !== 'error'), badLines, report).program();
}

class Parser {
  private i = 0;
  private declarationsLost = false;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly badLines: ReadonlySet<number>,
    private readonly report: Reporter,
  ) {}

  // program = item*
  program(): Program {
    const items: Item[] = [];
    while (this.peek().kind !== 'eof') {
      const item = this.recover(() => this.item(), false);
      if (item) items.push(item);
    }
    return { items, declarationsLost: this.declarationsLost };
  }

  // item = "const" NAME "=" expr ";"
  //      | "var" NAME ("[" expr "]")? ("=" init)? ";"
  //      | "fn" NAME "(" (NAME ("," NAME)*)? ")" block
  private item(): Item {
    const t = this.peek();
    if (this.accept('const')) {
      const id = this.name('a constant name');
      this.expect('=', `after the constant's name`);
      const value = this.expr();
      this.expect(';', 'after the constant');
      return { kind: 'const', id, value, pos: t };
    }
    if (this.accept('var')) {
      const id = this.name('a variable name');
      const size = this.arraySize();
      const init = this.accept('=') ? this.init() : undefined;
      this.expect(';', 'after the variable');
      return { kind: 'global', id, size, init, pos: t };
    }
    if (this.accept('fn')) return this.fn(t);
    throw this.error(`expected 'fn', 'var' or 'const' at the top level, found ${describe(t)}`, t);
  }

  private fn(t: Token): FnItem {
    const id = this.name('a function name');
    this.expect('(', `after the function's name`);
    const params: Ident[] = [];
    if (!this.accept(')')) {
      do params.push(this.name('a parameter name'));
      while (this.accept(','));
      this.expect(')', 'after the parameters');
    }
    return { kind: 'fn', id, params, body: this.block(), pos: t };
  }

  // ("[" expr "]")?
  private arraySize(): Expr | undefined {
    if (!this.accept('[')) return undefined;
    const size = this.expr();
    this.expect(']', "after the array's size");
    return size;
  }

  // init = expr | "{" expr ("," expr)* "}"
  private init(): Expr | { list: Expr[]; pos: Pos } {
    const open = this.peek();
    if (!this.accept('{')) return this.expr();
    const list: Expr[] = [];
    do list.push(this.expr());
    while (this.accept(','));
    this.expect('}', 'after the initial values');
    return { list, pos: open };
  }

  // block = "{" stmt* "}"
  private block(): Block {
    const open = this.peek();
    this.expect('{', 'to begin a block');
    const body: Stmt[] = [];
    while (!this.at('}') && this.peek().kind !== 'eof') {
      const s = this.recover(() => this.stmt(), true);
      if (s) body.push(s);
    }
    const end = this.peek();
    // at the end of the file, say so but keep the block (and the function it belongs to)
    if (end.kind === 'eof') this.complain("expected '}' to close the block, found the end of the file", this.afterPrevious(), end.line);
    else this.expect('}', 'to close the block');
    return { kind: 'block', body, pos: open, end };
  }

  // stmt = "var" NAME ("[" expr "]")? ("=" expr)? ";"
  //      | place "=" expr ";" | expr ";" | block
  //      | "if" "(" expr ")" stmt ("else" stmt)?
  //      | "while" "(" expr ")" stmt
  //      | "for" "(" simple? ";" expr? ";" simple? ")" stmt
  //      | "break" ";" | "continue" ";" | "return" expr? ";"
  private stmt(): Stmt {
    const t = this.peek();
    if (this.at('{')) return this.block();
    if (this.accept('if')) {
      const cond = this.condition('if');
      const then = this.stmt();
      return { kind: 'if', cond, then, else: this.accept('else') ? this.stmt() : undefined, pos: t };
    }
    if (this.accept('while')) {
      const cond = this.condition('while');
      return { kind: 'while', cond, body: this.stmt(), pos: t };
    }
    if (this.accept('for')) return this.forLoop(t);
    if (this.accept('break') || this.accept('continue')) {
      this.expect(';', `after '${t.text}'`);
      return { kind: t.text as 'break' | 'continue', pos: t };
    }
    if (this.accept('return')) {
      const value = this.at(';') ? undefined : this.expr();
      this.expect(';', 'after the return value');
      return { kind: 'return', value, pos: t };
    }
    const s = this.simple();
    this.expect(';', s.kind === 'var' ? 'after the variable' : s.kind === 'assign' ? 'after the assignment' : 'after the expression');
    return s;
  }

  // "(" expr ")"   after if and while
  private condition(keyword: string): Expr {
    this.expect('(', `after '${keyword}'`);
    const cond = this.expr();
    if (this.at('=')) throw this.error("'=' assigns a value (a statement of its own); to compare, write '=='", this.peek());
    this.expect(')', 'after the condition');
    return cond;
  }

  // for = "for" "(" simple? ";" expr? ";" simple? ")" stmt
  private forLoop(t: Token): Stmt {
    this.expect('(', "after 'for'");
    const init = this.at(';') ? undefined : this.simple();
    this.expect(';', "after the for loop's first part");
    const cond = this.at(';') ? undefined : this.expr();
    this.expect(';', "after the for loop's condition");
    const step = this.at(')') ? undefined : this.simple();
    if (step?.kind === 'var') throw this.error("a variable cannot be declared in the for loop's last part", step.pos);
    this.expect(')', "after the for loop's last part");
    return { kind: 'for', init, cond, step, body: this.stmt(), pos: t };
  }

  // simple = "var" NAME ("[" expr "]")? ("=" expr)? | place "=" expr | expr
  private simple(): Stmt {
    const t = this.peek();
    if (this.accept('var')) {
      const decl: VarDecl = { kind: 'var', id: this.name('a variable name'), size: this.arraySize(), init: this.accept('=') ? this.expr() : undefined, pos: t };
      return decl;
    }
    const expr = this.expr();
    const eq = this.peek();
    if (!this.accept('=')) return { kind: 'expr', expr, pos: t };
    if (expr.kind !== 'name' && expr.kind !== 'index') {
      throw this.error("only a variable or an array element can be assigned to (the left of '=')", expr.pos);
    }
    if (this.at('=')) throw this.error("'= =' is not an operator: write '==' without a space", eq);
    return { kind: 'assign', place: expr, value: this.expr(), pos: t };
  }

  // expr = binary operators by precedence, loosest first, each level left-associative:
  //   lor = land ("||" land)* ; land = bor ("&&" bor)* ; bor = bxor ("|" bxor)*
  //   bxor = band ("^" band)* ; band = eq ("&" eq)* ; eq = rel (("==" | "!=") rel)*
  //   rel = shift (("<" | "<=" | ">" | ">=") shift)* ; shift = add (("<<" | ">>") add)*
  //   add = mul (("+" | "-") mul)* ; mul = unary (("*" | "/" | "%") unary)*
  private expr(level = 0): Expr {
    if (level === BINARY_LEVELS.length) return this.unary();
    let left = this.expr(level + 1);
    for (;;) {
      const t = this.peek();
      const op = BINARY_LEVELS[level].find((o) => t.kind === 'punct' && t.text === o);
      if (!op) return left;
      this.i++;
      const right = this.expr(level + 1);
      left = { kind: 'binary', op, left, right, pos: t };
    }
  }

  // unary = ("-" | "!" | "~") unary | "&" place | primary
  private unary(): Expr {
    const t = this.peek();
    if (this.accept('-') || this.accept('!') || this.accept('~')) {
      const operand = this.unary();
      // fold a literal's sign here so that -2147483648 is one number, as a student means it
      if (t.text === '-' && operand.kind === 'number') return { kind: 'number', value: -operand.value | 0, pos: span(t, operand.pos) };
      return { kind: 'unary', op: t.text as UnaryOp, operand, pos: t };
    }
    if (this.accept('&')) {
      const place = this.primary();
      if (place.kind !== 'name' && place.kind !== 'index') throw this.error("'&' takes a variable or an array element, like &x or &a[i]", place.pos);
      return { kind: 'addr', place, pos: t };
    }
    return this.primary();
  }

  // primary = NUMBER | CHAR | STRING | "(" expr ")"
  //         | NAME | NAME "[" expr "]" | NAME "(" (expr ("," expr)*)? ")"
  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.i++;
      return { kind: 'number', value: t.value!, pos: t };
    }
    if (t.kind === 'string') {
      this.i++;
      return { kind: 'string', bytes: t.bytes!, pos: t };
    }
    if (this.accept('(')) {
      const e = this.expr();
      this.expect(')', 'to close the parenthesis');
      return e;
    }
    if (t.kind !== 'name') throw this.error(`expected an expression, found ${describe(t)}`, t);
    this.i++;
    const id: Ident = { name: t.text, pos: t };
    if (this.accept('[')) {
      const index = this.expr();
      this.expect(']', 'after the index');
      return { kind: 'index', id, index, pos: t } satisfies Place;
    }
    if (this.accept('(')) {
      const args: Expr[] = [];
      if (!this.accept(')')) {
        do args.push(this.expr());
        while (this.accept(','));
        this.expect(')', 'after the arguments');
      }
      return { kind: 'call', callee: id, args, pos: t };
    }
    return { kind: 'name', id, pos: t };
  }

  // ---------------------------------------------------------------------------------------
  // Tokens and recovery

  private peek(): Token {
    return this.tokens[this.i];
  }

  private at(text: string): boolean {
    const t = this.peek();
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === text;
  }

  private accept(text: string): boolean {
    if (!this.at(text)) return false;
    this.i++;
    return true;
  }

  private expect(text: string, where: string): void {
    if (this.accept(text)) return;
    const t = this.peek();
    const message = `expected '${text}' ${where}, found ${describe(t)}`;
    const prev = this.tokens[this.i - 1];
    if (text === ';' && prev && prev.line < t.line) {
      // a ';' forgotten at the end of a line: point just after the line and go on as if it
      // were there, so the next line is still read as a statement of its own
      return this.complain(message, this.afterPrevious(), prev.line);
    }
    throw this.error(message, t.kind === 'eof' && prev ? this.afterPrevious() : t);
  }

  /** Just after the last token read: where something missing at a line's end belongs. */
  private afterPrevious(): Pos {
    const prev = this.tokens[this.i - 1] ?? this.peek();
    return { line: prev.line, col: prev.col + prev.len, len: 1 };
  }

  /** Reports an error without abandoning the statement (unless its line had a bad character). */
  private complain(message: string, pos: Pos, line: number): void {
    if (!this.badLines.has(line)) this.report.error(message, pos);
  }

  private name(what: string): Ident {
    const t = this.peek();
    if (t.kind !== 'name') {
      const why = t.kind === 'keyword' ? ` ('${t.text}' is a keyword)` : '';
      throw this.error(`expected ${what}, found ${describe(t)}${why}`, t);
    }
    this.i++;
    return { name: t.text, pos: t };
  }

  private error(message: string, pos: Pos): CompileError {
    return new CompileError(message, pos);
  }

  /** Runs one item or statement parser; on an error, reports it and skips past the damage. */
  private recover<T>(parse: () => T, inBlock: boolean): T | undefined {
    const start = this.i;
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      const first = this.tokens[start].line;
      const echo = [...this.badLines].some((line) => line >= first && line <= e.pos.line);
      if (!echo) this.report.error(e.message, e.pos);
      this.skip(start, inBlock);
      const skipped = this.tokens.slice(start, this.i);
      if (skipped.some((t) => t.kind === 'keyword' && ['var', 'const', 'fn'].includes(t.text))) this.declarationsLost = true;
      return undefined;
    }
  }

  /**
   * Skips to the end of the broken statement: past the next `;` or the `}` that closes a
   * block opened since. Inside a block it stops before a `}` that closes that block; at the
   * top level, before the keyword of the next item. Always moves at least one token, so
   * parsing cannot get stuck.
   */
  private skip(start: number, inBlock: boolean): void {
    let depth = 0;
    const closesBlock = inBlock && this.at('}');
    if (this.i === start && this.peek().kind !== 'eof' && !closesBlock) this.i++;
    for (; this.peek().kind !== 'eof'; this.i++) {
      const t = this.peek();
      if (depth === 0 && !inBlock && t.kind === 'keyword' && ['fn', 'var', 'const'].includes(t.text)) return;
      if (t.kind !== 'punct') continue;
      if (t.text === '{') depth++;
      else if (t.text === '}' && depth === 0 && inBlock) return;
      else if ((t.text === '}' && depth > 0 && --depth === 0) || (t.text === ';' && depth === 0)) {
        this.i++;
        return;
      }
    }
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the file';
  return t.kind === 'string' ? 'a string' : `'${t.text}'`;
}
