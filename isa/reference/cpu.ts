// The machinery shared by the three reference interpreters: the architectural state of a
// core running one dispatcher, the results of a step, the scratch context an instruction's
// semantics runs in, and the one place where an instruction's effects become real.
import type { FieldValues } from '../encoding.js';
import type { Isa } from '../types.js';
import { FAULT_BAD_SYSCALL } from '../../kernel/shared/faults.js';
import { sysArity } from '../../kernel/shared/syscalls.js';
import { GuestFault, type GuestMemory, Transaction } from './memory.js';
import { add, sub } from './ops.js';

/**
 * The state of one dispatcher on one core. `regs` follows the D_REGS slot convention of
 * kernel/shared/layout.ts (r32: regs[i] = ri, regs[0] always 0; s32: S32_SP, S32_FP;
 * a32: A32_A, A32_X, A32_SP, r0–r7 from A32_R0), so it compares directly with a DCB.
 * All values are unsigned 32-bit; `cycles` adds each completed instruction's table cycles.
 */
export interface CpuState {
  readonly isa: Isa;
  pc: number;
  readonly regs: Uint32Array;
  cycles: number;
  instret: number;
}

export interface FaultResult { readonly fault: number; readonly addr: number }
/** `sys n` completed; the caller answers with completeSys. Arguments are raw 32-bit values. */
export interface SysResult { readonly sys: number; readonly args: number[] }
export interface HaltResult { readonly halt: number }
/** the dispatcher returned to EXIT_ADDR with this value */
export interface ExitResult { readonly exit: number }
export type StepResult = 'ok' | FaultResult | SysResult | HaltResult | ExitResult;

/** What an instruction's semantics may end with besides carrying on. */
export type Trap = SysResult | HaltResult;

export const isFault = (r: unknown): r is FaultResult =>
  typeof r === 'object' && r !== null && 'fault' in r;

/**
 * The scratch context of one instruction: a copy of the registers, the pc it will leave
 * behind and a memory transaction. Nothing here touches the CpuState; `transact` copies it
 * back only if the instruction completes, so semantics may fault at any point.
 */
export class Exec {
  readonly regs: Uint32Array;
  /** the pc after this instruction: `next` unless it jumps */
  target: number;

  constructor(
    state: CpuState,
    /** address of this instruction ("pc" in the semantics) */
    readonly pc: number,
    /** address of the instruction after it ("next") */
    readonly next: number,
    readonly mem: Transaction,
  ) {
    this.regs = state.regs.slice();
    this.target = next;
  }

  jump(to: number): void {
    this.target = to >>> 0;
  }

  /** Ends the instruction with a fault at its own address. */
  fault(code: number): never {
    throw new GuestFault(code, this.pc);
  }

  // The memory stacks of s32 and a32 grow down, 4 bytes an item, the pointer in regs[sp]
  // pointing at the top item: push x = sp ← sp − 4, M32[sp] ← x; pop = M32[sp], sp ← sp + 4.
  push(sp: number, value: number): void {
    const at = sub(this.regs[sp], 4);
    this.mem.store(at, 4, value);
    this.regs[sp] = at;
  }

  pop(sp: number): number {
    const value = this.mem.load(this.regs[sp], 4);
    this.regs[sp] = add(this.regs[sp], 4);
    return value;
  }
}

/** One instruction's semantics: `f` holds its decoded fields (encoding.ts). */
export type Semantics = (e: Exec, f: FieldValues) => Trap | void;

/** Everything the generic interpreter needs to know about one ISA. */
export interface IsaModel {
  readonly isa: Isa;
  /** one entry per table row, by mnemonic */
  readonly semantics: Readonly<Record<string, Semantics>>;
  /** Sets registers (and stack) as if `arg` were passed to the entry function (pc is set). */
  start(e: Exec, arg: number, stackTop: number): void;
  /** The value a dispatcher returns with when it reaches EXIT_ADDR. */
  exitCode(e: Exec): number;
  /** Delivers the result of the `sys` that just completed. */
  sysResult(e: Exec, result: number): void;
}

/**
 * `sys n`: faults with FAULT_BAD_SYSCALL (nothing done) if n is no system call, else reads
 * its sysArity(n) arguments with `args` — the only part that differs between ISAs.
 */
export function sysCall(e: Exec, n: number, args: (count: number) => number[]): SysResult {
  const count = sysArity(n);
  if (count < 0) e.fault(FAULT_BAD_SYSCALL);
  return { sys: n, args: args(count) };
}

/** Runs `f`, turning a GuestFault into a FaultResult. */
export function guard<T>(f: () => T): T | FaultResult {
  try {
    return f();
  } catch (err) {
    if (err instanceof GuestFault) return { fault: err.code, addr: err.addr >>> 0 };
    throw err;
  }
}

/**
 * Runs `body` on a scratch copy of `state` and, if it completes, makes its effects real:
 * staged memory writes, registers and pc. If it faults, `state` and memory stay untouched.
 */
export function transact<T>(
  state: CpuState, mem: GuestMemory, next: number, body: (e: Exec) => T,
): T | FaultResult {
  const e = new Exec(state, state.pc, next, new Transaction(mem, state.isa.alignedData));
  const result = guard(() => body(e));
  if (isFault(result)) return result;
  e.mem.commit();
  state.regs.set(e.regs);
  state.pc = e.target;
  return result;
}
