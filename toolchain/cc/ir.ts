// The intermediate representation shared by the three backends: per function, a list of
// statements (labels, jumps and branches make the control flow) whose operands are small
// expression trees, in the manner of lcc's forests.
//
// The trees are *pure*: they read locals and memory and compute, nothing else. Everything
// with an effect — a call, a system call, an atomic, a store — is a statement of its own,
// and lower.ts hoists calls out of expressions into temporaries in left-to-right order.
// That fixes the order of effects once, for every ISA, so the same program prints the same
// on every core; within a tree a backend may evaluate operands in any order it likes (a
// stack machine left first, an accumulator machine often right first). A tree can still
// fault (a division by zero, a bad address), and which of two faulting operands faults
// first is not specified.

/**
 * A variable of a function: a parameter, a `var`, or a temporary made by lower.ts.
 * Scalars that are never addressed may live in registers; arrays and scalars whose address
 * is taken (`&x`) live in the frame and are reached through `addr` (they are `inMemory`).
 */
export interface Local {
  readonly id: number;
  readonly name: string;
  /** words it occupies: 1 for a scalar, the length for an array */
  readonly words: number;
  readonly isArray: boolean;
  /** set by check.ts when `&x` appears */
  addressTaken: boolean;
  /** the parameter's index, for parameters */
  readonly param?: number;
}

export const inMemory = (l: Local) => l.isArray || l.addressTaken;

export type BinOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'and' | 'or' | 'xor' | 'shl' | 'sar'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export type UnOp = 'neg' | 'not' | 'lnot';

export const COMPARISONS: readonly BinOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
export const COMMUTATIVE: readonly BinOp[] = ['add', 'mul', 'and', 'or', 'xor', 'eq', 'ne'];

/** An address known before the program runs: a symbol (global, string, function) or a frame slot. */
export type Address =
  | { readonly symbol: string }
  | { readonly local: Local };

export type Value =
  | { readonly k: 'const'; readonly value: number }
  /** the value of a scalar local that is not in memory */
  | { readonly k: 'local'; readonly local: Local }
  | { readonly k: 'addr'; readonly of: Address }
  /** the word at an address */
  | { readonly k: 'load'; readonly addr: Value }
  | { readonly k: 'bin'; readonly op: BinOp; readonly l: Value; readonly r: Value }
  | { readonly k: 'un'; readonly op: UnOp; readonly e: Value };

export type Stmt =
  | { readonly k: 'set'; readonly dst: Local; readonly value: Value }
  | { readonly k: 'store'; readonly addr: Value; readonly value: Value }
  /** a call of a Minnow function; `dst` receives the result if it is used */
  | { readonly k: 'call'; readonly dst?: Local; readonly fn: string; readonly args: readonly Value[] }
  | { readonly k: 'sys'; readonly dst?: Local; readonly n: number; readonly args: readonly Value[] }
  /** faa(addr, v) or cas(addr, expect, new): the old value to `dst` */
  | { readonly k: 'atomic'; readonly dst?: Local; readonly op: 'faa' | 'cas'; readonly args: readonly Value[] }
  | { readonly k: 'label'; readonly id: number }
  | { readonly k: 'jump'; readonly to: number }
  /** jumps to `to` if (cond ≠ 0) = `when`, else goes on */
  | { readonly k: 'branch'; readonly cond: Value; readonly when: boolean; readonly to: number }
  | { readonly k: 'ret'; readonly value: Value }
  /** the code that follows comes from this line of the Minnow source */
  | { readonly k: 'loc'; readonly line: number };

export interface Func {
  readonly name: string;
  /** the assembler label, the same in every ISA's slice */
  readonly label: string;
  readonly params: readonly Local[];
  /** every local, parameters first */
  readonly locals: readonly Local[];
  readonly body: readonly Stmt[];
  readonly line: number;
  /** true if it calls Minnow functions (system calls do not count: they preserve registers) */
  readonly makesCalls: boolean;
}

/** A word-aligned global: initial words (zeros may be left off at the end), or all zero. */
export interface GlobalData {
  readonly label: string;
  readonly words: number;
  readonly init?: readonly number[];
}

export interface StringData {
  readonly label: string;
  readonly bytes: Uint8Array;
}

export interface Program {
  readonly file: string;
  readonly functions: readonly Func[];
  readonly globals: readonly GlobalData[];
  readonly strings: readonly StringData[];
}

// ---------------------------------------------------------------------------------------
// Small helpers used by lowering and the backends

export const constant = (value: number): Value => ({ k: 'const', value: value | 0 });
export const isConst = (v: Value, value?: number): v is Extract<Value, { k: 'const' }> =>
  v.k === 'const' && (value === undefined || v.value === value);

/** True if evaluating `v` cannot fault: no loads, no division by anything but a nonzero constant. */
export function cannotFault(v: Value): boolean {
  switch (v.k) {
    case 'const': case 'local': case 'addr': return true;
    case 'load': return false;
    case 'un': return cannotFault(v.e);
    case 'bin':
      if ((v.op === 'div' || v.op === 'rem') && !(v.r.k === 'const' && v.r.value !== 0)) return false;
      return cannotFault(v.l) && cannotFault(v.r);
  }
}

/** True if `v` reads memory (so a store or a call between reading and using it matters). */
export function readsMemory(v: Value): boolean {
  switch (v.k) {
    case 'const': case 'local': case 'addr': return false;
    case 'load': return true;
    case 'un': return readsMemory(v.e);
    case 'bin': return readsMemory(v.l) || readsMemory(v.r);
  }
}

/** The locals a tree reads (not through memory). */
export function localsRead(v: Value, out: Local[] = []): Local[] {
  switch (v.k) {
    case 'local': out.push(v.local); break;
    case 'load': localsRead(v.addr, out); break;
    case 'un': localsRead(v.e, out); break;
    case 'bin': localsRead(v.l, out); localsRead(v.r, out); break;
  }
  return out;
}

/** The trees a statement evaluates, in order. */
export function operands(s: Stmt): readonly Value[] {
  switch (s.k) {
    case 'set': case 'ret': return [s.value];
    case 'store': return [s.addr, s.value];
    case 'call': case 'sys': case 'atomic': return s.args;
    case 'branch': return [s.cond];
    default: return [];
  }
}

/** The local a statement writes (not through memory). */
export function written(s: Stmt): Local | undefined {
  return s.k === 'set' || s.k === 'call' || s.k === 'sys' || s.k === 'atomic' ? s.dst : undefined;
}

/**
 * Results that need no home: a local written by a call or system call and read exactly once,
 * as the very first thing the next statement computes — the value it returns, or the first
 * argument of the next call. The backends leave such a result where the call put it (r32 r1,
 * s32 the top of the stack, a32 A) instead of storing and reloading it: `print(f(x))`.
 */
export function resultsPassedOn(body: readonly Stmt[]): Set<Local> {
  const reads = new Map<Local, number>();
  for (const s of body) for (const v of operands(s)) for (const l of localsRead(v)) reads.set(l, (reads.get(l) ?? 0) + 1);
  const passed = new Set<Local>();
  body.forEach((s, i) => {
    const dst = (s.k === 'call' || s.k === 'sys') && s.dst;
    if (!dst || reads.get(dst) !== 1) return;
    const next = body.slice(i + 1).find((n) => n.k !== 'loc');
    const first = next?.k === 'ret' ? next.value : (next?.k === 'call' || next?.k === 'sys') && next.args.length <= 4 ? next.args[0] : undefined;
    if (first?.k === 'local' && first.local === dst) passed.add(dst);
  });
  return passed;
}
