// The reference interpreter: a plain, obviously correct TypeScript interpreter for every ISA,
// driven by the ISA tables. It is the oracle the AssemblyScript kernel's interpreters are
// differentially tested against, so every rule is spelled out here or in the file it names.
//
// One step:
//  1. pc = EXIT_ADDR: not an instruction but the dispatcher's exit (see `step`).
//  2. Fetch: pc must be a multiple of the ISA's instrAlign (FAULT_MISALIGNED at pc); the
//     opcode byte is fetched (NOEXEC/UNMAPPED/STACK_OVERFLOW at pc), an undefined opcode
//     is FAULT_BAD_OPCODE at pc, then the remaining bytes of the format are fetched (a fault
//     in a following page is reported at that page's first byte).
//  3. The row's semantics runs on a scratch copy (cpu.ts `transact`); a fault anywhere
//     leaves registers, pc, memory, cycles and instret exactly as they were.
//  4. On completion: pc ← next or the jump target, cycles += the row's cycles, instret += 1.
import { EXIT_ADDR } from '../../kernel/shared/addrspace.js';
import { FAULT_BAD_OPCODE, FAULT_MISALIGNED } from '../../kernel/shared/faults.js';
import { type Decoded, decode } from '../encoding.js';
import { byOpcode, sizeOf } from '../index.js';
import type { Isa, IsaName } from '../types.js';
import { a32Model } from './a32.js';
import {
  type CpuState, type FaultResult, type IsaModel, type StepResult, guard, isFault, transact,
} from './cpu.js';
import { GuestFault, type GuestMemory, Transaction } from './memory.js';
import { add } from './ops.js';
import { r32Model } from './r32.js';
import { s32Model } from './s32.js';

export type {
  CpuState, ExitResult, FaultResult, HaltResult, IsaModel, Semantics, StepResult, SysResult,
} from './cpu.js';
export { isFault } from './cpu.js';
export { GuestFault, GuestMemory } from './memory.js';
export { buildAddressSpace, type AddressSpace, type ProgramImage } from './addrspace.js';

export const MODELS: Readonly<Record<IsaName, IsaModel>> = { r32: r32Model, s32: s32Model, a32: a32Model };

function modelOf(isa: Isa): IsaModel {
  return MODELS[isa.name];
}

/** Fetches and decodes the instruction at pc (steps 2 of the list above). */
export function fetch(isa: Isa, mem: GuestMemory, pc: number): Decoded {
  if (pc % isa.instrAlign !== 0) throw new GuestFault(FAULT_MISALIGNED, pc);
  const fetcher = new Transaction(mem, false);
  const def = byOpcode(isa, fetcher.fetch(pc, 1)[0]);
  if (!def) throw new GuestFault(FAULT_BAD_OPCODE, pc);
  return decode(isa, fetcher.fetch(pc, sizeOf(isa, def)), 0)!;
}

/**
 * Executes one instruction. Returns 'ok', or why the dispatcher stops:
 * - `{ fault, addr }` nothing happened (FAULT_* code, faulting address);
 * - `{ sys, args }` `sys n` completed (pc is past it, cycles counted, s32 has popped the
 *   arguments); answer with `completeSys`;
 * - `{ halt }` `halt` completed, with its exit code;
 * - `{ exit }` pc is EXIT_ADDR: the entry function returned. Not an instruction: nothing
 *   changes and no cycles are counted; the code is r32 r1, a32 A, or on s32 the word on
 *   top of the stack (a stack read that can itself fault).
 */
export function step(state: CpuState, mem: GuestMemory): StepResult {
  const model = modelOf(state.isa);
  if (state.pc === EXIT_ADDR) return transact(state, mem, state.pc, (e) => ({ exit: model.exitCode(e) }));
  const insn = guard(() => fetch(state.isa, mem, state.pc));
  if (isFault(insn)) return insn;
  const semantics = model.semantics[insn.def.mnemonic];
  const result = transact(state, mem, add(state.pc, insn.size), (e) => semantics(e, insn.fields));
  if (isFault(result)) return result;
  state.cycles += insn.def.cycles;
  state.instret += 1;
  return result ?? 'ok';
}

/** How `run` ends: the first step that was not 'ok', or 'limit' after maxInstructions. */
export type RunResult = Exclude<StepResult, 'ok'> | 'limit';

export function run(state: CpuState, mem: GuestMemory, maxInstructions: number): RunResult {
  for (let i = 0; i < maxInstructions; i++) {
    const r = step(state, mem);
    if (r !== 'ok') return r;
  }
  return 'limit';
}

/**
 * Delivers the result of the `sys` that `step` just returned: r32 r1 ← result, a32 A ←
 * result, s32 pushes it — a push that can fault, in which case nothing changes.
 */
export function completeSys(state: CpuState, mem: GuestMemory, result: number): 'ok' | FaultResult {
  const r = transact(state, mem, state.pc, (e) => modelOf(state.isa).sysResult(e, result));
  return isFault(r) ? r : 'ok';
}

/**
 * The state of a dispatcher about to run `entry(arg)` on a stack whose top (first address
 * above it) is `stackTop`, returning to EXIT_ADDR: r32 pc = entry, r1 = arg, r14 = stackTop,
 * r15 = EXIT_ADDR; s32 and a32 push arg then EXIT_ADDR (sp = stackTop − 8; s32 fp = 0).
 * Throws if those pushes fault (the address space was not set up for it).
 */
export function startState(isa: Isa, mem: GuestMemory, entry: number, arg: number, stackTop: number): CpuState {
  const state: CpuState = { isa, pc: entry >>> 0, regs: new Uint32Array(16), cycles: 0, instret: 0 };
  const r = transact(state, mem, state.pc, (e) => modelOf(isa).start(e, arg >>> 0, stackTop >>> 0));
  if (isFault(r)) throw new Error(`${isa.name}: cannot set up the entry stack (fault ${r.fault} at 0x${r.addr.toString(16)})`);
  return state;
}
