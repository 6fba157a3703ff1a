// From the checked syntax tree to the IR (ir.ts). The decisions made here hold for every
// ISA: the order of calls and other effects, short-circuit control flow, how a loop is laid
// out, where locals and temporaries come from, the data section's contents.
import { BINARY_OPS, UNARY_OPS } from './arith.js';
import type { Block, Expr, Ident, Place, Stmt as AstStmt } from './ast.js';
import { builtinByName } from './builtins.js';
import { type Checked, type CheckedFn, fnLabel, type Sym } from './check.js';
import { bin, truth, un } from './fold.js';
import {
  type Address, cannotFault, constant, type Func, inMemory, isConst, type Local, type Program, readsMemory, type Stmt,
  type StringData, type Value,
} from './ir.js';

export function lower(checked: Checked, file: string): Program {
  const strings = new Strings();
  const functions = checked.functions.map((f) => new FnLowerer(checked, f, strings).run());
  return { file, functions, globals: checked.globals, strings: strings.all };
}

/** String literals, each distinct one stored once. */
class Strings {
  readonly all: StringData[] = [];
  private readonly byText = new Map<string, string>();

  label(bytes: Uint8Array): string {
    const key = Buffer.from(bytes).toString('latin1');
    let label = this.byText.get(key);
    if (!label) {
      label = `s_${this.all.length}`;
      this.byText.set(key, label);
      this.all.push({ label, bytes });
    }
    return label;
  }
}

// statements whose effect a value read from memory before them might miss
const EFFECTS = new Set<Stmt['k']>(['call', 'sys', 'atomic', 'store']);

class FnLowerer {
  private out: Stmt[] = [];
  private readonly locals: Local[];
  private labels = 0;
  private readonly loops: { brk: number; cont: number }[] = [];
  private makesCalls = false;

  constructor(private readonly checked: Checked, private readonly fn: CheckedFn, private readonly strings: Strings) {
    this.locals = [...fn.locals];
  }

  run(): Func {
    const item = this.fn.item;
    this.emit({ k: 'loc', line: item.pos.line });
    this.block(item.body);
    // falling off the end returns 0 (tidy drops this when it cannot be reached)
    this.emit({ k: 'loc', line: item.body.end.line });
    this.emit({ k: 'ret', value: constant(0) });
    return {
      name: item.id.name, label: this.fn.label, params: this.fn.params, locals: this.locals,
      body: tidy(this.out), line: item.pos.line, makesCalls: this.makesCalls,
    };
  }

  private emit(s: Stmt): void {
    this.out.push(s);
  }

  private newLabel(): number {
    return this.labels++;
  }

  private temp(): Local {
    const t: Local = { id: this.locals.length, name: `t${this.locals.length}`, words: 1, isArray: false, addressTaken: false };
    this.locals.push(t);
    return t;
  }

  private sym(id: Ident): Sym {
    return this.checked.uses.get(id)!;
  }

  // ---------------------------------------------------------------------------------------
  // Statements

  private block(b: Block): void {
    for (const s of b.body) this.stmt(s);
  }

  private stmt(s: AstStmt): void {
    if (s.kind !== 'block') this.emit({ k: 'loc', line: s.pos.line });
    switch (s.kind) {
      case 'var': {
        const local = this.checked.decls.get(s)!;
        if (local.isArray) return this.zero(local);
        return this.assign({ local }, s.init ?? { kind: 'number', value: 0, pos: s.pos });
      }
      case 'assign': return this.assign(this.target(s.place), s.value);
      case 'expr':
        if (s.expr.kind === 'call') this.call(s.expr);
        else this.value(s.expr); // only its calls matter: the value itself has no effect
        return;
      case 'block': return this.block(s);
      case 'if': {
        const elseLabel = this.newLabel();
        this.cond(s.cond, false, elseLabel);
        this.stmt(s.then);
        if (!s.else) return this.emit({ k: 'label', id: elseLabel });
        const end = this.newLabel();
        this.emit({ k: 'jump', to: end });
        this.emit({ k: 'label', id: elseLabel });
        this.stmt(s.else);
        return this.emit({ k: 'label', id: end });
      }
      case 'while': return this.loop(s.pos.line, s.cond, undefined, s.body);
      case 'for':
        if (s.init) this.stmt(s.init);
        return this.loop(s.pos.line, s.cond, s.step, s.body);
      case 'break': case 'continue': {
        const loop = this.loops[this.loops.length - 1];
        return this.emit({ k: 'jump', to: s.kind === 'break' ? loop.brk : loop.cont });
      }
      case 'return':
        return this.emit({ k: 'ret', value: s.value ? this.value(s.value) : constant(0) });
    }
  }

  /**
   * A loop with its test at the bottom, so each round costs one branch:
   *
   *       jump test            (left out when the condition is constant true)
   *   top:  body
   *   cont: step
   *   test: if cond goto top
   *   brk:
   */
  private loop(line: number, cond: Expr | undefined, step: AstStmt | undefined, body: AstStmt): void {
    const [top, cont, test, brk] = [this.newLabel(), this.newLabel(), this.newLabel(), this.newLabel()];
    const forever = !cond || (cond.kind === 'number' && cond.value !== 0);
    if (!forever) this.emit({ k: 'jump', to: test });
    this.emit({ k: 'label', id: top });
    this.loops.push({ brk, cont });
    this.stmt(body);
    this.loops.pop();
    this.emit({ k: 'label', id: cont });
    if (step) this.stmt(step);
    this.emit({ k: 'label', id: test });
    this.emit({ k: 'loc', line });
    if (cond) this.cond(cond, true, top);
    else this.emit({ k: 'jump', to: top });
    this.emit({ k: 'label', id: brk });
  }

  /** A local array's elements start at 0: a few stores, or a loop for a long array. */
  private zero(array: Local): void {
    const base: Value = { k: 'addr', of: { local: array } };
    if (array.words <= 8) {
      for (let i = 0; i < array.words; i++) this.emit({ k: 'store', addr: bin('add', base, constant(4 * i)), value: constant(0) });
      return;
    }
    const offset = this.temp();
    const top = this.newLabel();
    this.emit({ k: 'set', dst: offset, value: constant(0) });
    this.emit({ k: 'label', id: top });
    this.emit({ k: 'store', addr: bin('add', base, { k: 'local', local: offset }), value: constant(0) });
    this.emit({ k: 'set', dst: offset, value: bin('add', { k: 'local', local: offset }, constant(4)) });
    this.emit({ k: 'branch', cond: bin('lt', { k: 'local', local: offset }, constant(4 * array.words)), when: true, to: top });
  }

  /** Where an assignment goes: a register local, or an address to store to. */
  private target(p: Place): { local: Local } | { addr: () => Value } {
    const sym = this.sym(p.id);
    if (p.kind === 'name' && sym.kind === 'local' && !inMemory(sym.local)) return { local: sym.local };
    return { addr: () => this.placeAddress(p) };
  }

  private assign(to: { local: Local } | { addr: () => Value }, value: Expr): void {
    if ('local' in to && !inMemory(to.local)) {
      // a call's result goes straight to the variable, without a temporary
      if (value.kind === 'call' && this.isCallStatement(value)) return void this.call(value, to.local);
      return this.emit({ k: 'set', dst: to.local, value: this.value(value) });
    }
    const address = 'local' in to ? () => this.address({ local: to.local }) : to.addr;
    const [addr, v] = this.ordered([address, () => this.value(value)]);
    this.emit({ k: 'store', addr, value: v });
  }

  // ---------------------------------------------------------------------------------------
  // Conditions: jumps instead of 0/1 values, with && and || short-circuited

  /** Jumps to `to` if the truth of `e` is `when`; otherwise goes on. */
  private cond(e: Expr, when: boolean, to: number): void {
    if (e.kind === 'unary' && e.op === '!') return this.cond(e.operand, !when, to);
    if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
      // a && b jumps when false if either is false; it jumps when true only if both are
      const shortCircuitsOn = e.op === '||';
      if (when === shortCircuitsOn) {
        this.cond(e.left, when, to);
        return this.cond(e.right, when, to);
      }
      const skip = this.newLabel();
      this.cond(e.left, shortCircuitsOn, skip);
      this.cond(e.right, when, to);
      return this.emit({ k: 'label', id: skip });
    }
    const v = this.value(e);
    if (isConst(v)) {
      if ((v.value !== 0) === when) this.emit({ k: 'jump', to });
      return;
    }
    this.emit({ k: 'branch', cond: v, when, to });
  }

  // ---------------------------------------------------------------------------------------
  // Values

  private value(e: Expr): Value {
    switch (e.kind) {
      case 'number': return constant(e.value);
      case 'string': throw new Error('internal: a string outside a builtin call passed the checks');
      case 'name': {
        const sym = this.sym(e.id);
        switch (sym.kind) {
          case 'const': return constant(sym.value!);
          case 'global': return sym.isArray ? this.address({ symbol: sym.label }) : load(this.address({ symbol: sym.label }));
          case 'local':
            if (sym.local.isArray) return this.address({ local: sym.local });
            return inMemory(sym.local) ? load(this.address({ local: sym.local })) : { k: 'local', local: sym.local };
          default: throw new Error(`internal: ${sym.kind} '${e.id.name}' used as a value`);
        }
      }
      case 'index': return load(this.placeAddress(e));
      case 'addr': return this.placeAddress(e.place);
      case 'unary': return un(UNARY_OPS[e.op], this.value(e.operand));
      case 'binary': {
        if (e.op === '&&' || e.op === '||') return this.logical(e.op, e.left, e.right);
        const [l, r] = this.ordered([() => this.value(e.left), () => this.value(e.right)]);
        return bin(BINARY_OPS[e.op], l, r);
      }
      case 'call': {
        const result = this.temp();
        this.call(e, result);
        return { k: 'local', local: result };
      }
    }
  }

  private address(of: Address): Value {
    return { k: 'addr', of };
  }

  /** The address of `x` or `x[i]`: an array's elements are words, so x[i] is at x + 4·i. */
  private placeAddress(p: Place): Value {
    const sym = this.sym(p.id);
    const self = (): Value => {
      if (sym.kind === 'global') return this.address({ symbol: sym.label });
      if (sym.kind === 'local') return this.address({ local: sym.local });
      throw new Error(`internal: '${p.id.name}' has no address`);
    };
    if (p.kind === 'name') return self();
    const isArray = sym.kind === 'global' ? sym.isArray : sym.kind === 'local' && sym.local.isArray;
    // an array's name is its address; any other variable holds the address of the elements
    const base = isArray ? self : () => this.value({ kind: 'name', id: p.id, pos: p.pos });
    const [b, i] = this.ordered([base, () => this.value(p.index)]);
    return bin('add', b, bin('shl', i, constant(2)));
  }

  /**
   * `a && b` or `a || b` as a value. If b needs no statements and cannot fault, both sides
   * are simply computed (no branch); otherwise b is evaluated only when it decides:
   *
   *   t = a != 0            (a || b: the same, then "if t goto end")
   *   if !t goto end
   *   t = b != 0
   *   end:
   */
  private logical(op: '&&' | '||', left: Expr, right: Expr): Value {
    const a = this.value(left);
    const saved = this.out;
    this.out = [];
    const b = this.value(right);
    const rightCode = this.out;
    this.out = saved;
    if (rightCode.length === 0 && cannotFault(b)) return bin(op === '&&' ? 'and' : 'or', truth(a), truth(b));
    const t = this.temp();
    const end = this.newLabel();
    this.emit({ k: 'set', dst: t, value: truth(a) });
    this.emit({ k: 'branch', cond: { k: 'local', local: t }, when: op === '||', to: end });
    this.out.push(...rightCode);
    this.emit({ k: 'set', dst: t, value: truth(b) });
    this.emit({ k: 'label', id: end });
    return { k: 'local', local: t };
  }

  /**
   * Lowers several operands left to right. A call (or store) made while lowering a later
   * operand happens before the trees are evaluated, so an earlier operand that reads memory
   * is first saved in a temporary: `g + f()` must read g before f runs.
   */
  private ordered(parts: readonly (() => Value)[]): Value[] {
    const values: Value[] = [];
    const ends: number[] = [];
    for (const part of parts) {
      values.push(part());
      ends.push(this.out.length);
    }
    for (let i = parts.length - 2; i >= 0; i--) {
      const later = this.out.slice(ends[i]);
      if (!readsMemory(values[i]) || !later.some((s) => EFFECTS.has(s.k))) continue;
      const t = this.temp();
      this.out.splice(ends[i], 0, { k: 'set', dst: t, value: values[i] });
      values[i] = { k: 'local', local: t };
    }
    return values;
  }

  // ---------------------------------------------------------------------------------------
  // Calls

  /** True if the call is a statement of the IR (not a `load`, which is a value). */
  private isCallStatement(e: Extract<Expr, { kind: 'call' }>): boolean {
    const sym = this.sym(e.callee);
    return sym.kind === 'fn' || (sym.kind === 'builtin' && sym.builtin.op.kind !== 'load');
  }

  /** Emits a call; its result goes to `dst` if given (or is 0 for a builtin with no result). */
  private call(e: Extract<Expr, { kind: 'call' }>, dst?: Local): void {
    const sym = this.sym(e.callee);
    if (sym.kind === 'fn') {
      this.makesCalls = true;
      return this.emit({ k: 'call', dst, fn: sym.label, args: this.ordered(e.args.map((a) => () => this.value(a))) });
    }
    if (sym.kind !== 'builtin') throw new Error(`internal: call of ${sym.kind} '${e.callee.name}'`);
    const b = builtinByName.get(sym.name)!;
    const args = this.ordered(e.args.flatMap((a, i) => this.builtinArgument(b.params[i], a)));
    const result = (v: Value) => dst && this.emit({ k: 'set', dst, value: v });
    switch (b.op.kind) {
      case 'sys': return this.emit({ k: 'sys', dst, n: b.op.n, args });
      case 'atomic': return this.emit({ k: 'atomic', dst, op: b.op.op, args });
      case 'load': return void result(load(args[0]));
      case 'store':
        this.emit({ k: 'store', addr: args[0], value: args[1] });
        return void result(constant(0));
    }
  }

  /** A builtin's argument as values: a string is its address and length, a function its address. */
  private builtinArgument(kind: string, a: Expr): (() => Value)[] {
    if (kind === 'string' && a.kind === 'string') {
      const label = this.strings.label(a.bytes);
      return [() => this.address({ symbol: label }), () => constant(a.bytes.length)];
    }
    if (kind === 'fn' && a.kind === 'name') return [() => this.address({ symbol: fnLabel(a.id.name) })];
    return [() => this.value(a)];
  }
}

const load = (addr: Value): Value => ({ k: 'load', addr });

/**
 * Removes what cannot run or does nothing: code after a jump or return up to the next label,
 * jumps to the very next statement, labels nobody jumps to, and a `loc` marker directly
 * followed by another (it has no code of its own). A branch over a jump becomes one branch
 * the other way: `if c goto A; goto B; A:` is `if !c goto B; A:` (an `if (...) break;`).
 */
function tidy(body: readonly Stmt[]): Stmt[] {
  let out = [...body];
  for (let changed = true; changed;) {
    const targets = new Set(out.flatMap((s) => (s.k === 'jump' || s.k === 'branch' ? [s.to] : [])));
    const next: Stmt[] = [];
    let dead = false;
    changed = false;
    for (let i = 0; i < out.length; i++) {
      const s = out[i];
      const jump = s.k === 'branch' ? branchOverJump(out, i) : undefined;
      if (s.k === 'branch' && jump) {
        next.push({ ...s, when: !s.when, to: jump.to });
        out.splice(jump.index, 1);
        changed = true;
        continue;
      }
      if (s.k === 'label' && !targets.has(s.id)) continue;
      if (s.k === 'label') dead = false;
      if (dead && s.k !== 'loc') continue;
      if (s.k === 'jump' && jumpsToNext(out, i)) continue;
      if (s.k === 'loc' && (out[i + 1] === undefined || out[i + 1].k === 'loc')) continue;
      if (s.k === 'jump' || s.k === 'ret') dead = true;
      next.push(s);
    }
    changed ||= next.length !== out.length;
    out = next;
  }
  return out;
}

/** For a branch at `i` followed by a jump and then the branch's own target: that jump. */
function branchOverJump(body: readonly Stmt[], i: number): { index: number; to: number } | undefined {
  const code = (from: number) => body.findIndex((s, j) => j > from && s.k !== 'loc');
  const j = code(i);
  const jump = body[j];
  const target = j < 0 ? undefined : body[code(j)];
  const branch = body[i];
  if (jump?.k !== 'jump' || target?.k !== 'label' || branch.k !== 'branch' || target.id !== branch.to) return undefined;
  return { index: j, to: jump.to };
}

/** True if the jump at `i` goes to a label reached by just falling through. */
function jumpsToNext(body: readonly Stmt[], i: number): boolean {
  const to = (body[i] as Extract<Stmt, { k: 'jump' }>).to;
  for (const s of body.slice(i + 1)) {
    if (s.k === 'label' && s.id === to) return true;
    if (s.k !== 'label' && s.k !== 'loc') return false;
  }
  return false;
}
