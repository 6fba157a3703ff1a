// Register allocation for a function's scalar locals (parameters, variables and the
// temporaries lower.ts made): liveness over the IR's control flow, an interference graph,
// and greedy colouring in order of weight (uses, ten times more per loop level around them),
// in the manner of Chaitin's allocator without its spill rounds: a local that gets no
// register simply lives in the frame. Locals whose values must survive a call may only get
// the callee-saved registers.
import { type Func, inMemory, type Local, localsRead, operands, type Stmt, written } from './ir.js';

export interface RegisterClasses {
  /** registers a call preserves, in order of preference */
  readonly calleeSaved: readonly string[];
  /** registers a call may change, usable by locals not live across one */
  readonly callerSaved: readonly string[];
}

export interface Allocation {
  /** the register of each local that got one */
  readonly register: ReadonlyMap<Local, string>;
  /** the callee-saved registers used (the prologue saves them) */
  readonly calleeSavedUsed: readonly string[];
}

/** Allocates registers to the scalar locals of `f`, except those in `exclude`. */
export function allocateRegisters(f: Func, classes: RegisterClasses, exclude: ReadonlySet<Local> = new Set()): Allocation {
  const candidates = f.locals.filter((l) => !inMemory(l) && !exclude.has(l));
  const { liveIn, liveOut } = liveness(f.body);
  const interferes = new Map<Local, Set<Local>>(candidates.map((l) => [l, new Set()]));
  const edge = (a: Local, b: Local) => {
    if (a === b || !interferes.has(a) || !interferes.has(b)) return;
    interferes.get(a)!.add(b);
    interferes.get(b)!.add(a);
  };
  // the parameters are all defined at the entry, together
  const atEntry = new Set([...f.params, ...(liveIn[0] ?? [])]);
  for (const p of f.params) for (const x of atEntry) edge(p, x);
  const acrossCall = new Set<Local>();
  f.body.forEach((s, i) => {
    const d = written(s);
    if (d) for (const x of liveOut[i]) edge(d, x);
    if (s.k === 'call') for (const x of liveOut[i]) if (x !== s.dst) acrossCall.add(x);
  });

  const weight = weights(f.body);
  const order = [...candidates].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a.id - b.id);
  const register = new Map<Local, string>();
  for (const l of order) {
    const taken = new Set([...interferes.get(l)!].map((n) => register.get(n)));
    const choices = acrossCall.has(l) ? classes.calleeSaved : [...classes.callerSaved, ...classes.calleeSaved];
    const r = choices.find((c) => !taken.has(c));
    if (r) register.set(l, r);
  }
  const used = new Set(register.values());
  return { register, calleeSavedUsed: classes.calleeSaved.filter((r) => used.has(r)) };
}

/** The statements control can go to after statement i. */
function successors(body: readonly Stmt[], labelAt: ReadonlyMap<number, number>, i: number): number[] {
  const s = body[i];
  const next = i + 1 < body.length ? [i + 1] : [];
  switch (s.k) {
    case 'jump': return [labelAt.get(s.to)!];
    case 'branch': return [...next, labelAt.get(s.to)!];
    case 'ret': return [];
    default: return next;
  }
}

/** The locals live before and after each statement (backward dataflow to a fixed point). */
function liveness(body: readonly Stmt[]): { liveIn: Set<Local>[]; liveOut: Set<Local>[] } {
  const labelAt = new Map(body.flatMap((s, i) => (s.k === 'label' ? [[s.id, i] as const] : [])));
  const succ = body.map((_, i) => successors(body, labelAt, i));
  const uses = body.map((s) => new Set(operands(s).flatMap((v) => localsRead(v))));
  const liveIn = body.map(() => new Set<Local>());
  const liveOut = body.map(() => new Set<Local>());
  for (let changed = true; changed;) {
    changed = false;
    for (let i = body.length - 1; i >= 0; i--) {
      const out = new Set<Local>();
      for (const j of succ[i]) for (const x of liveIn[j]) out.add(x);
      const d = written(body[i]);
      const into = new Set(uses[i]);
      for (const x of out) if (x !== d) into.add(x);
      if (into.size !== liveIn[i].size || out.size !== liveOut[i].size) changed = true;
      liveIn[i] = into;
      liveOut[i] = out;
    }
  }
  return { liveIn, liveOut };
}

/** How much each local is used: each use or definition counts 10^(loops around it). */
function weights(body: readonly Stmt[]): Map<Local, number> {
  const labelAt = new Map(body.flatMap((s, i) => (s.k === 'label' ? [[s.id, i] as const] : [])));
  const depth = body.map(() => 0);
  body.forEach((s, i) => {
    // a backward jump closes a loop over the statements from its target to itself
    if ((s.k === 'jump' || s.k === 'branch') && labelAt.get(s.to)! <= i) {
      for (let j = labelAt.get(s.to)!; j <= i; j++) depth[j]++;
    }
  });
  const weight = new Map<Local, number>();
  body.forEach((s, i) => {
    const w = 10 ** Math.min(depth[i], 6);
    const d = written(s);
    for (const l of [...operands(s).flatMap((v) => localsRead(v)), ...(d ? [d] : [])]) weight.set(l, (weight.get(l) ?? 0) + w);
  });
  return weight;
}
