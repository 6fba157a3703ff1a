// The checks between parsing and lowering: every name is resolved (the result is recorded
// for lower.ts), constants and array sizes are computed, and every rule the grammar cannot
// express is enforced — each violation reported with its position, all of them in one run.
import type { IsaName } from '../../isa/index.js';
import { BINARY_OPS, binary, UNARY_OPS, unary } from './arith.js';
import type { Expr, FnItem, Ident, Place, Program, Stmt, VarDecl } from './ast.js';
import { type Builtin, builtinByName } from './builtins.js';
import type { GlobalData, Local } from './ir.js';
import type { Pos, Reporter } from './report.js';

/** What a name means. */
export type Sym =
  | { readonly kind: 'const'; readonly name: string; readonly pos: Pos; readonly expr: Expr; value?: number; busy?: boolean }
  | { readonly kind: 'global'; readonly name: string; readonly pos: Pos; readonly label: string; isArray: boolean }
  | { readonly kind: 'fn'; readonly name: string; readonly pos: Pos; readonly label: string; readonly item: FnItem }
  | { readonly kind: 'local'; readonly name: string; readonly pos: Pos; readonly local: Local }
  | { readonly kind: 'builtin'; readonly name: string; readonly builtin: Builtin };

/** A name the program defines (not a builtin): it has a position. */
type Declared = Exclude<Sym, { kind: 'builtin' }>;

export interface CheckedFn {
  readonly item: FnItem;
  readonly label: string;
  readonly params: readonly Local[];
  readonly locals: readonly Local[];
}

/** What lower.ts needs besides the syntax tree. */
export interface Checked {
  /** the meaning of every name written in a function body */
  readonly uses: ReadonlyMap<Ident, Sym>;
  readonly decls: ReadonlyMap<VarDecl, Local>;
  readonly functions: readonly CheckedFn[];
  readonly globals: readonly GlobalData[];
}

/** Assembler labels: prefixed so they cannot clash with register names or runtime helpers. */
export const fnLabel = (name: string) => `f_${name}`;
const globalLabel = (name: string) => `g_${name}`;

/** A function's locals must fit comfortably in its 16 KiB stack. */
const MAX_FRAME_WORDS = 1024;
/** A global array of up to 4 MiB. */
const MAX_GLOBAL_WORDS = 1 << 20;

export const A32_ATOMICS_ERROR = 'a32 has no atomic read-modify-write instructions; use a channel to a core that owns the data';

/**
 * Checks the program. If the parser had to skip a broken declaration, a name that is not
 * defined is not reported, nor a missing main: the skipped line may have defined it.
 */
export function check(program: Program, isas: readonly IsaName[], report: Reporter): Checked {
  return new Checker(isas, report, program.declarationsLost).run(program);
}

const plural = (n: number, word: string) => `${n === 0 ? 'no' : n} ${word}${n === 1 ? '' : 's'}`;

class Checker {
  private readonly globalScope = new Map<string, Declared>();
  private readonly uses = new Map<Ident, Sym>();
  private readonly decls = new Map<VarDecl, Local>();
  private readonly globals: GlobalData[] = [];
  private readonly functions: CheckedFn[] = [];

  constructor(private readonly isas: readonly IsaName[], private readonly report: Reporter, private readonly declarationsLost: boolean) {}

  run(program: Program): Checked {
    for (const item of program.items) {
      const { name, pos } = item.id;
      if (!this.declarable(item.id, this.globalScope)) continue;
      if (item.kind === 'const') this.globalScope.set(name, { kind: 'const', name, pos, expr: item.value });
      else if (item.kind === 'global') this.globalScope.set(name, { kind: 'global', name, pos, label: globalLabel(name), isArray: item.size !== undefined });
      else this.globalScope.set(name, { kind: 'fn', name, pos, label: fnLabel(name), item });
    }
    for (const sym of this.globalScope.values()) if (sym.kind === 'const') this.constValue(sym);
    for (const item of program.items) {
      if (item.kind === 'global' && this.globalScope.get(item.id.name)?.pos === item.id.pos) this.global(item);
    }
    if (!this.declarationsLost) this.checkMain();
    for (const item of program.items) {
      if (item.kind === 'fn' && this.globalScope.get(item.id.name)?.pos === item.id.pos) this.functions.push(new FnChecker(this, item).run());
    }
    return { uses: this.uses, decls: this.decls, functions: this.functions, globals: this.globals };
  }

  error(message: string, pos: Pos): void {
    this.report.error(message, pos);
  }

  undefinedName(name: string, pos: Pos): void {
    if (!this.declarationsLost) this.error(`'${name}' is not defined`, pos);
  }

  /** False (and an error) if `id` cannot be defined in `scope`: a builtin's name, or taken. */
  declarable(id: Ident, scope: ReadonlyMap<string, Declared>): boolean {
    if (builtinByName.has(id.name)) {
      this.error(`'${id.name}' is the name of a builtin function; choose another name`, id.pos);
      return false;
    }
    const old = scope.get(id.name);
    if (old) {
      this.error(`'${id.name}' is already defined on line ${old.pos.line}`, id.pos);
      return false;
    }
    return true;
  }

  lookupGlobal(name: string): Sym | undefined {
    const b = builtinByName.get(name);
    return this.globalScope.get(name) ?? (b && { kind: 'builtin', name, builtin: b });
  }

  use(id: Ident, sym: Sym): void {
    this.uses.set(id, sym);
  }

  declare(decl: VarDecl, local: Local): void {
    this.decls.set(decl, local);
  }

  atomicsAllowed(pos: Pos): void {
    if (this.isas.includes('a32')) this.error(A32_ATOMICS_ERROR, pos);
  }

  private constValue(sym: Extract<Sym, { kind: 'const' }>): number {
    if (sym.value !== undefined) return sym.value;
    if (sym.busy) {
      this.error(`the constant '${sym.name}' is defined in terms of itself`, sym.pos);
      return (sym.value = 0);
    }
    sym.busy = true;
    const v = this.evalConst(sym.expr, (name) => this.lookupGlobal(name), `the value of the constant '${sym.name}'`);
    sym.busy = false;
    return (sym.value = v ?? 0);
  }

  /**
   * The value of a constant expression, or undefined after reporting why it is not one.
   * `what` names the thing that must be constant, for the message.
   */
  evalConst(e: Expr, lookup: (name: string) => Sym | undefined, what: string): number | undefined {
    const notConstant = (why: string, pos: Pos) => {
      this.error(`${what} must be a constant expression; ${why}`, pos);
      return undefined;
    };
    const ev = (e: Expr): number | undefined => {
      switch (e.kind) {
        case 'number': return e.value;
        case 'string': return notConstant('a string is not a number', e.pos);
        case 'call': return notConstant('a function call is not a constant', e.pos);
        case 'addr': return notConstant('an address is only known when the program is linked', e.pos);
        case 'index': return notConstant(`'${e.id.name}[...]' is a variable`, e.pos);
        case 'name': {
          const sym = lookup(e.id.name);
          if (!sym) {
            this.undefinedName(e.id.name, e.pos);
            return undefined;
          }
          if (sym.kind === 'const') return this.constValue(sym);
          return notConstant(`'${e.id.name}' is ${describeSym(sym)}`, e.pos);
        }
        case 'unary': {
          const a = ev(e.operand);
          return a === undefined ? undefined : unary(UNARY_OPS[e.op], a);
        }
        case 'binary': {
          const a = ev(e.left);
          const b = ev(e.right);
          if (a === undefined || b === undefined) return undefined;
          if (e.op === '&&') return a !== 0 && b !== 0 ? 1 : 0;
          if (e.op === '||') return a !== 0 || b !== 0 ? 1 : 0;
          const v = binary(BINARY_OPS[e.op], a, b);
          if (v === undefined) this.error('division by zero in a constant expression', e.pos);
          return v;
        }
      }
    };
    return ev(e);
  }

  /** An array length: a constant from 1 to `max`. */
  arraySize(size: Expr, lookup: (name: string) => Sym | undefined, max: number): number | undefined {
    const n = this.evalConst(size, lookup, 'the size of an array');
    if (n === undefined) return undefined;
    if (n < 1 || n > max) {
      this.error(`the size of an array must be between 1 and ${max}, not ${n}`, size.pos);
      return undefined;
    }
    return n;
  }

  // var NAME ("[" expr "]")? ("=" init)? ";"   at the top level
  private global(item: Extract<Program['items'][number], { kind: 'global' }>): void {
    const lookup = (name: string) => this.lookupGlobal(name);
    const words = item.size ? this.arraySize(item.size, lookup, MAX_GLOBAL_WORDS) : 1;
    const what = `the initial value of '${item.id.name}'`;
    let init: number[] | undefined;
    if (item.init && 'list' in item.init) {
      if (!item.size) this.error(`'${item.id.name}' is not an array: give it one initial value, without braces`, item.init.pos);
      else if (words !== undefined && item.init.list.length > words) {
        this.error(`too many initial values for '${item.id.name}': ${item.init.list.length} for ${plural(words, 'element')}`, item.init.list[words].pos);
      }
      init = item.init.list.map((e) => this.evalConst(e, lookup, what) ?? 0);
    } else if (item.init) {
      if (item.size) this.error(`'${item.id.name}' is an array: give its initial values in braces, like { 1, 2, 3 }`, item.init.pos);
      init = [this.evalConst(item.init, lookup, what) ?? 0];
    }
    this.globals.push({ label: globalLabel(item.id.name), words: words ?? 1, init: init?.some((v) => v !== 0) ? init : undefined });
  }

  private checkMain(): void {
    const main = this.globalScope.get('main');
    if (!main) {
      this.report.fileError('there is no function main: a program starts by calling main()');
    } else if (main.kind !== 'fn') {
      this.error(`'main' must be a function: a program starts by calling main()`, main.pos);
    } else if (main.item.params.length > 1) {
      this.error(`main takes ${plural(main.item.params.length, 'parameter')}; it may take one (the program's argument) or none`, main.item.params[1].pos);
    }
  }
}

function describeSym(sym: Sym): string {
  switch (sym.kind) {
    case 'const': return 'a constant';
    case 'global': return sym.isArray ? 'an array' : 'a variable';
    case 'local': return sym.local.isArray ? 'an array' : 'a variable';
    case 'fn': return 'a function';
    case 'builtin': return 'a builtin function';
  }
}

/** The checks inside one function: scopes, loops, places, calls. */
class FnChecker {
  private readonly scopes: Map<string, Declared>[] = [new Map()];
  private readonly locals: Local[] = [];
  private loops = 0;

  constructor(private readonly c: Checker, private readonly fn: FnItem) {}

  run(): CheckedFn {
    const params = this.fn.params.map((id, i) => this.newLocal(id, 1, false, i));
    this.block(this.fn.body.body, false);
    const words = this.locals.reduce((n, l) => n + l.words, 0);
    if (words > MAX_FRAME_WORDS) {
      this.c.error(`the local variables of '${this.fn.id.name}' take ${words} words, more than the ${MAX_FRAME_WORDS} a function may have (its stack is 16 KiB): make big arrays global`, this.fn.id.pos);
    }
    return { item: this.fn, label: fnLabel(this.fn.id.name), params, locals: this.locals };
  }

  private lookup(name: string): Sym | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i].get(name);
      if (s) return s;
    }
    return this.c.lookupGlobal(name);
  }

  private newLocal(id: Ident, words: number, isArray: boolean, param?: number): Local {
    const local: Local = { id: this.locals.length, name: id.name, words, isArray, addressTaken: false, param };
    const scope = this.scopes[this.scopes.length - 1];
    if (this.c.declarable(id, scope)) scope.set(id.name, { kind: 'local', name: id.name, pos: id.pos, local });
    this.locals.push(local);
    return local;
  }

  /** The statements of a block; the function's own block shares the parameters' scope. */
  private block(body: readonly Stmt[], scoped = true): void {
    if (scoped) this.scopes.push(new Map());
    for (const s of body) this.stmt(s);
    if (scoped) this.scopes.pop();
  }

  private stmt(s: Stmt): void {
    switch (s.kind) {
      case 'var': return this.varDecl(s);
      case 'assign':
        this.place(s.place, 'assign');
        return this.expr(s.value);
      case 'expr': return this.expr(s.expr);
      case 'block': return this.block(s.body);
      case 'if':
        this.expr(s.cond);
        this.stmt(s.then);
        if (s.else) this.stmt(s.else);
        return;
      case 'while':
        this.expr(s.cond);
        return this.loop(s.body);
      case 'for':
        this.scopes.push(new Map());
        if (s.init) this.stmt(s.init);
        if (s.cond) this.expr(s.cond);
        if (s.step) this.stmt(s.step);
        this.loop(s.body);
        this.scopes.pop();
        return;
      case 'break': case 'continue':
        if (this.loops === 0) this.c.error(`'${s.kind}' is only allowed inside a loop (while or for)`, s.pos);
        return;
      case 'return':
        if (s.value) this.expr(s.value);
    }
  }

  private loop(body: Stmt): void {
    this.loops++;
    this.stmt(body);
    this.loops--;
  }

  // var NAME ("[" expr "]")? ("=" expr)?   inside a function
  private varDecl(s: VarDecl): void {
    let words = 1;
    if (s.size) words = this.c.arraySize(s.size, (n) => this.lookup(n), MAX_FRAME_WORDS) ?? 1;
    if (s.init) {
      if (s.size) this.c.error(`'${s.id.name}' is a local array: it cannot have an initial value (its elements start at 0)`, s.init.pos);
      this.expr(s.init);
    }
    this.c.declare(s, this.newLocal(s.id, words, s.size !== undefined));
  }

  /** Resolves a name, reporting it if undefined. */
  private resolve(id: Ident): Sym | undefined {
    const sym = this.lookup(id.name);
    if (!sym) this.c.undefinedName(id.name, id.pos);
    else this.c.use(id, sym);
    return sym;
  }

  /**
   * A place being assigned (`x = ...`, `a[i] = ...`), addressed (`&x`) or read as `x[i]`:
   * a variable, or an element of an array or of memory a variable points to.
   */
  private place(p: Place, how: 'assign' | 'address' | 'index'): void {
    const sym = this.resolve(p.id);
    if (p.kind === 'index') this.expr(p.index);
    if (!sym) return;
    const name = p.id.name;
    const isVariable = sym.kind === 'local' || sym.kind === 'global';
    if (!isVariable) {
      const verb = how === 'assign' ? 'cannot be assigned' : how === 'address' ? 'has no address' : 'cannot be indexed';
      this.c.error(`'${name}' is ${describeSym(sym)}: it ${verb}`, p.id.pos);
      return;
    }
    const isArray = sym.kind === 'local' ? sym.local.isArray : sym.isArray;
    if (p.kind === 'name' && how === 'assign' && isArray) {
      this.c.error(`'${name}' is an array: assign to its elements, like ${name}[i] = ...`, p.id.pos);
    }
    if (p.kind === 'name' && how === 'address' && sym.kind === 'local') sym.local.addressTaken = true;
  }

  private expr(e: Expr): void {
    switch (e.kind) {
      case 'number': return;
      case 'string':
        this.c.error('a string can only be the argument of puts, serve or connect', e.pos);
        return;
      case 'name': {
        const sym = this.resolve(e.id);
        if (sym?.kind === 'fn' || sym?.kind === 'builtin') this.c.error(`'${e.id.name}' is ${describeSym(sym)}: call it, like ${e.id.name}(...)`, e.pos);
        return;
      }
      case 'index': return this.place(e, 'index');
      case 'addr': return this.place(e.place, 'address');
      case 'unary': return this.expr(e.operand);
      case 'binary':
        this.expr(e.left);
        return this.expr(e.right);
      case 'call': return this.call(e);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): void {
    const sym = this.resolve(e.callee);
    const name = e.callee.name;
    if (sym && sym.kind !== 'fn' && sym.kind !== 'builtin') this.c.error(`'${name}' is ${describeSym(sym)}, not a function`, e.callee.pos);
    if (sym?.kind === 'builtin') return this.builtinCall(e, sym.builtin);
    if (sym?.kind === 'fn' && sym.item.params.length !== e.args.length) {
      const n = sym.item.params.length;
      this.c.error(`'${name}' takes ${plural(n, 'argument')}, but ${given(e.args.length)}`, e.pos);
    }
    for (const a of e.args) this.expr(a);
  }

  private builtinCall(e: Extract<Expr, { kind: 'call' }>, b: Builtin): void {
    if (b.params.length !== e.args.length) {
      this.c.error(`'${b.name}' takes ${plural(b.params.length, 'argument')}, but ${given(e.args.length)}: ${b.name}(${b.args})`, e.pos);
    }
    if (b.op.kind === 'atomic') this.c.atomicsAllowed(e.pos);
    e.args.forEach((arg, i) => {
      const kind = b.params[i];
      if (kind === 'string') {
        if (arg.kind !== 'string') this.c.error(`'${b.name}' takes a string literal, like ${b.name}("...")`, arg.pos);
        return;
      }
      if (kind === 'fn') return this.spawnedFunction(arg);
      this.expr(arg);
    });
  }

  /** spawn's function: a function of the program with at most one parameter, its argument. */
  private spawnedFunction(arg: Expr): void {
    const sym = arg.kind === 'name' ? this.resolve(arg.id) : undefined;
    if (arg.kind !== 'name' || (sym && sym.kind !== 'fn')) {
      this.c.error("spawn's second argument must be the name of a function of this program", arg.pos);
    } else if (sym?.kind === 'fn' && sym.item.params.length > 1) {
      this.c.error(`'${sym.name}' takes ${sym.item.params.length} parameters; a function started by spawn takes one (its argument) or none`, arg.pos);
    }
  }
}

function given(n: number): string {
  return n === 0 ? 'none were given' : n === 1 ? '1 was given' : `${n} were given`;
}
