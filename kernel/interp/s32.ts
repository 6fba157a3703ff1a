// The s32 interpreter: one case per row of isa/s32.ts. The operand stack lives in the
// dispatcher's memory at sp; sp and fp are kept in locals while it runs. Every instruction
// does all of its reads first and at most one write last (or checks its writes up front),
// so a faulting instruction changes nothing.
import {
  CY_ADD, CY_AND, CY_CALL, CY_CALLR, CY_CAS, CY_DROP, CY_DUP, CY_ENTER, CY_EQ, CY_EQZ, CY_FAA,
  CY_HALT, CY_JMP, CY_JNZ, CY_JZ, CY_LDB, CY_LDBU, CY_LDH, CY_LDHU, CY_LDL, CY_LDW, CY_LLA,
  CY_LT, CY_LTU, CY_MUL, CY_NE, CY_NEG, CY_NOT, CY_OR, CY_OVER, CY_PUSH, CY_PUSH8, CY_RET,
  CY_SAR, CY_SHL, CY_SHR, CY_STB, CY_STH, CY_STL, CY_STW, CY_SUB, CY_SWAP, CY_SYS, CY_XOR,
  F_B8_K, F_R16_OFF, F_R32_OFF, F_U8_N, F_W32_IMM, MAX_INSN,
  OP_ADD, OP_AND, OP_CALL, OP_CALLR, OP_CAS, OP_DROP, OP_DUP, OP_ENTER, OP_EQ, OP_EQZ, OP_FAA,
  OP_HALT, OP_JMP, OP_JNZ, OP_JZ, OP_LDB, OP_LDBU, OP_LDH, OP_LDHU, OP_LDL, OP_LDW, OP_LLA,
  OP_LT, OP_LTU, OP_MUL, OP_NE, OP_NEG, OP_NOT, OP_OR, OP_OVER, OP_PUSH, OP_PUSH8, OP_RET,
  OP_SAR, OP_SHL, OP_SHR, OP_STB, OP_STH, OP_STL, OP_STW, OP_SUB, OP_SWAP, OP_SYS, OP_XOR,
  SIZE_TABLE, SZ_CALL, SZ_CALLR,
} from "../generated/s32";
import { EXIT_ADDR, PAGE_MASK } from "../shared/addrspace";
import { FAULT_BAD_OPCODE, FAULT_BAD_SYSCALL, FAULT_MISALIGNED } from "../shared/faults";
import { STOP_EXIT, STOP_LIMIT, STOP_SYS } from "../shared/kabi";
import {
  D_EXIT_CODE, D_PC, D_REGS, D_SYS_ARGS, D_SYS_NUM, D_SYS_PC, S32_FP, S32_SP,
} from "../shared/layout";
import { sysArity } from "../shared/syscalls";
import { clearFault, trAtomic, trExec, trWrite } from "../vm";
import {
  enter, faultAt, fetchSlow, leave, memFault, memOk, pendingResult, rd16, rd32, rd8,
  startClock, takePending, wr16, wr32, wr8, writableRange,
} from "./common";

/** Entry state (isa/s32.ts "Entry and exit"): arg and EXIT_ADDR pushed, fp = 0. */
export function start(d: usize, entry: u32, arg: u32, top: u32): bool {
  if (!wr32(top - 4, arg) || !wr32(top - 8, EXIT_ADDR)) return false;
  store<u32>(d + D_PC, entry);
  store<u32>(d + D_REGS + (S32_SP << 2), top - 8);
  store<u32>(d + D_REGS + (S32_FP << 2), 0);
  return true;
}

export function interpret(d: usize, until: u64): i32 {
  const r = d + D_REGS;
  let sp = load<u32>(r + (S32_SP << 2));
  let fp = load<u32>(r + (S32_FP << 2));
  let pc = load<u32>(d + D_PC);
  enter(d);
  if (takePending(d)) {
    // the result of the last system call goes on the stack
    if (!wr32(sp - 4, pendingResult(d))) return memFault(d, pc);
    sp -= 4;
  }
  const c0 = startClock();
  let cyc = c0;
  // cycles beyond one per instruction: the instructions completed are cyc - c0 - extra
  // (a constant 0 for one-cycle instructions, which the compiler drops)
  let extra: u64 = 0;
  let stop = STOP_LIMIT;
  let codePage: u32 = 1; // never a page address: forces the first translation
  let code: usize = 0;
  // an instruction that stops the run sets limit to 0: the loop tests one condition
  let limit = until;
  while (cyc < limit) {
    let ip: usize;
    if ((pc & ~PAGE_MASK) == codePage && (pc & PAGE_MASK) <= PAGE_MASK + 1 - MAX_INSN) {
      ip = code + (pc & PAGE_MASK);
    } else {
      const p = trExec(pc);
      if (p == 0) {
        if (pc == EXIT_ADDR) {
          clearFault(); // fetching EXIT_ADDR is not a fault; reading the result may be
          const v = rd32(sp);
          if (!memOk) { stop = memFault(d, pc); break; }
          store<u32>(d + D_EXIT_CODE, v);
          stop = STOP_EXIT;
        } else stop = memFault(d, pc);
        break;
      }
      codePage = pc & ~PAGE_MASK;
      code = p - (pc & PAGE_MASK);
      if ((pc & PAGE_MASK) <= PAGE_MASK + 1 - MAX_INSN) ip = p;
      else {
        ip = fetchSlow(pc, SIZE_TABLE);
        if (ip == 0) { stop = memFault(d, pc); break; }
      }
    }
    switch (<u32>load<u8>(ip)) {
      // ── constants and stack shuffling ──
      case OP_PUSH8: if (!wr32(sp - 4, <u32>F_B8_K(ip))) { stop = memFault(d, pc); limit = 0; break; } sp -= 4; cyc += CY_PUSH8; extra += CY_PUSH8 - 1; pc += 2; break;
      case OP_PUSH: if (!wr32(sp - 4, <u32>F_W32_IMM(ip))) { stop = memFault(d, pc); limit = 0; break; } sp -= 4; cyc += CY_PUSH; extra += CY_PUSH - 1; pc += 5; break;
      case OP_DUP: {
        const a = rd32(sp);
        if (!memOk || !wr32(sp - 4, a)) { stop = memFault(d, pc); limit = 0; break; }
        sp -= 4; cyc += CY_DUP; extra += CY_DUP - 1; pc += 1; break;
      }
      case OP_DROP: {
        rd32(sp);
        if (!memOk) { stop = memFault(d, pc); limit = 0; break; }
        sp += 4; cyc += CY_DROP; extra += CY_DROP - 1; pc += 1; break;
      }
      case OP_SWAP: {
        const b = rd32(sp), a = rd32(sp + 4);
        // outputs are pushed deepest first: sp + 4 is checked (and would fault) before sp
        if (!memOk || !writableRange(sp + 4, 4) || !writableRange(sp, 4)) { stop = memFault(d, pc); limit = 0; break; }
        wr32(sp, a); wr32(sp + 4, b); cyc += CY_SWAP; extra += CY_SWAP - 1; pc += 1; break;
      }
      case OP_OVER: {
        rd32(sp);
        const a = rd32(sp + 4);
        if (!memOk || !wr32(sp - 4, a)) { stop = memFault(d, pc); limit = 0; break; }
        sp -= 4; cyc += CY_OVER; extra += CY_OVER - 1; pc += 1; break;
      }
      // ── ALU: ( a b -- a op b ) ──
      case OP_ADD: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a + b)) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_ADD; extra += CY_ADD - 1; pc += 1; break; }
      case OP_SUB: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a - b)) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_SUB; extra += CY_SUB - 1; pc += 1; break; }
      case OP_MUL: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a * b)) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_MUL; extra += CY_MUL - 1; pc += 1; break; }
      case OP_AND: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a & b)) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_AND; extra += CY_AND - 1; pc += 1; break; }
      case OP_OR: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a | b)) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_OR; extra += CY_OR - 1; pc += 1; break; }
      case OP_XOR: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a ^ b)) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_XOR; extra += CY_XOR - 1; pc += 1; break; }
      case OP_SHL: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a << (b & 31))) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_SHL; extra += CY_SHL - 1; pc += 1; break; }
      case OP_SHR: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, a >>> (b & 31))) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_SHR; extra += CY_SHR - 1; pc += 1; break; }
      case OP_SAR: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, <u32>(<i32>a >> (b & 31)))) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_SAR; extra += CY_SAR - 1; pc += 1; break; }
      case OP_LT: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, <u32>(<i32>a < <i32>b))) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_LT; extra += CY_LT - 1; pc += 1; break; }
      case OP_LTU: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, <u32>(a < b))) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_LTU; extra += CY_LTU - 1; pc += 1; break; }
      case OP_EQ: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, <u32>(a == b))) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_EQ; extra += CY_EQ - 1; pc += 1; break; }
      case OP_NE: { const b = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(sp + 4, <u32>(a != b))) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_NE; extra += CY_NE - 1; pc += 1; break; }
      // ── ALU: ( a -- op a ) ──
      case OP_NEG: { const a = rd32(sp); if (!memOk || !wr32(sp, -a)) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_NEG; extra += CY_NEG - 1; pc += 1; break; }
      case OP_NOT: { const a = rd32(sp); if (!memOk || !wr32(sp, ~a)) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_NOT; extra += CY_NOT - 1; pc += 1; break; }
      case OP_EQZ: { const a = rd32(sp); if (!memOk || !wr32(sp, <u32>(a == 0))) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_EQZ; extra += CY_EQZ - 1; pc += 1; break; }
      // ── memory: ( addr -- value ), ( addr v -- ) ──
      case OP_LDW: { const a = rd32(sp); const v = memOk ? rd32(a) : 0; if (!memOk || !wr32(sp, v)) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_LDW; extra += CY_LDW - 1; pc += 1; break; }
      case OP_LDH: { const a = rd32(sp); const v = memOk ? rd16(a) : 0; if (!memOk || !wr32(sp, <u32><i32><i16>v)) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_LDH; extra += CY_LDH - 1; pc += 1; break; }
      case OP_LDHU: { const a = rd32(sp); const v = memOk ? rd16(a) : 0; if (!memOk || !wr32(sp, v)) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_LDHU; extra += CY_LDHU - 1; pc += 1; break; }
      case OP_LDB: { const a = rd32(sp); const v = memOk ? rd8(a) : 0; if (!memOk || !wr32(sp, <u32><i32><i8>v)) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_LDB; extra += CY_LDB - 1; pc += 1; break; }
      case OP_LDBU: { const a = rd32(sp); const v = memOk ? rd8(a) : 0; if (!memOk || !wr32(sp, v)) { stop = memFault(d, pc); limit = 0; break; } cyc += CY_LDBU; extra += CY_LDBU - 1; pc += 1; break; }
      case OP_STW: { const v = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr32(a, v)) { stop = memFault(d, pc); limit = 0; break; } sp += 8; cyc += CY_STW; extra += CY_STW - 1; pc += 1; break; }
      case OP_STH: { const v = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr16(a, v)) { stop = memFault(d, pc); limit = 0; break; } sp += 8; cyc += CY_STH; extra += CY_STH - 1; pc += 1; break; }
      case OP_STB: { const v = rd32(sp), a = rd32(sp + 4); if (!memOk || !wr8(a, v)) { stop = memFault(d, pc); limit = 0; break; } sp += 8; cyc += CY_STB; extra += CY_STB - 1; pc += 1; break; }
      // ── frames ──
      case OP_LDL: { const v = rd32(fp + (<u32>F_B8_K(ip) << 2)); if (!memOk || !wr32(sp - 4, v)) { stop = memFault(d, pc); limit = 0; break; } sp -= 4; cyc += CY_LDL; extra += CY_LDL - 1; pc += 2; break; }
      case OP_STL: { const v = rd32(sp); if (!memOk || !wr32(fp + (<u32>F_B8_K(ip) << 2), v)) { stop = memFault(d, pc); limit = 0; break; } sp += 4; cyc += CY_STL; extra += CY_STL - 1; pc += 2; break; }
      case OP_LLA: { if (!wr32(sp - 4, fp + (<u32>F_B8_K(ip) << 2))) { stop = memFault(d, pc); limit = 0; break; } sp -= 4; cyc += CY_LLA; extra += CY_LLA - 1; pc += 2; break; }
      case OP_ENTER: {
        if (!wr32(sp - 4, fp)) { stop = memFault(d, pc); limit = 0; break; }
        fp = sp - 4; sp = fp - (<u32>F_U8_N(ip) << 2); cyc += CY_ENTER; extra += CY_ENTER - 1; pc += 2; break;
      }
      case OP_RET: {
        const v = rd32(sp), oldFp = rd32(fp), ra = rd32(fp + 4);
        const newSp = fp + 8 + (<u32>F_U8_N(ip) << 2) - 4;
        if (!memOk || !wr32(newSp, v)) { stop = memFault(d, pc); limit = 0; break; }
        sp = newSp; fp = oldFp; pc = ra; cyc += CY_RET; extra += CY_RET - 1; break;
      }
      // ── control flow ──
      case OP_JMP: pc += <u32>F_R16_OFF(ip); cyc += CY_JMP; extra += CY_JMP - 1; break;
      case OP_JZ: { const a = rd32(sp); if (!memOk) { stop = memFault(d, pc); limit = 0; break; } sp += 4; pc += a == 0 ? <u32>F_R16_OFF(ip) : 3; cyc += CY_JZ; extra += CY_JZ - 1; break; }
      case OP_JNZ: { const a = rd32(sp); if (!memOk) { stop = memFault(d, pc); limit = 0; break; } sp += 4; pc += a != 0 ? <u32>F_R16_OFF(ip) : 3; cyc += CY_JNZ; extra += CY_JNZ - 1; break; }
      case OP_CALL: { if (!wr32(sp - 4, pc + SZ_CALL)) { stop = memFault(d, pc); limit = 0; break; } sp -= 4; pc += <u32>F_R32_OFF(ip); cyc += CY_CALL; extra += CY_CALL - 1; break; }
      case OP_CALLR: { const t = rd32(sp); if (!memOk || !wr32(sp, pc + SZ_CALLR)) { stop = memFault(d, pc); limit = 0; break; } pc = t; cyc += CY_CALLR; extra += CY_CALLR - 1; break; }
      // ── atomics: the result slot is checked before the atomic write ──
      case OP_CAS: {
        const nw = rd32(sp), expect = rd32(sp + 4), a = rd32(sp + 8);
        if (!memOk) { stop = memFault(d, pc); limit = 0; break; }
        if (a & 3) { stop = faultAt(d, FAULT_MISALIGNED, a, pc); limit = 0; break; }
        const p = trAtomic(a);
        if (p == 0 || !writableRange(sp + 8, 4)) { stop = memFault(d, pc); limit = 0; break; }
        wr32(sp + 8, atomic.cmpxchg<u32>(p, expect, nw)); sp += 8; cyc += CY_CAS; extra += CY_CAS - 1; pc += 1; break;
      }
      case OP_FAA: {
        const v = rd32(sp), a = rd32(sp + 4);
        if (!memOk) { stop = memFault(d, pc); limit = 0; break; }
        if (a & 3) { stop = faultAt(d, FAULT_MISALIGNED, a, pc); limit = 0; break; }
        const p = trAtomic(a);
        if (p == 0 || !writableRange(sp + 4, 4)) { stop = memFault(d, pc); limit = 0; break; }
        wr32(sp + 4, atomic.add<u32>(p, v)); sp += 4; cyc += CY_FAA; extra += CY_FAA - 1; pc += 1; break;
      }
      // ── system ──
      case OP_SYS: {
        const num = F_U8_N(ip);
        const k = sysArity(num);
        if (k < 0) { stop = faultAt(d, FAULT_BAD_SYSCALL, pc, pc); limit = 0; break; }
        // pop k arguments, the last one on top
        for (let i = 0; i < k; i++) store<u32>(d + D_SYS_ARGS + (<usize>(k - 1 - i) << 2), rd32(sp + (<u32>i << 2)));
        if (!memOk) { stop = memFault(d, pc); limit = 0; break; }
        store<i32>(d + D_SYS_NUM, num);
        store<u32>(d + D_SYS_PC, pc);
        sp += <u32>k << 2; cyc += CY_SYS; extra += CY_SYS - 1; pc += 2; stop = STOP_SYS; limit = 0; break;
      }
      case OP_HALT: {
        const v = rd32(sp);
        if (!memOk) { stop = memFault(d, pc); limit = 0; break; }
        store<u32>(d + D_EXIT_CODE, v); sp += 4; cyc += CY_HALT; extra += CY_HALT - 1; pc += 1; stop = STOP_EXIT; limit = 0; break;
      }
      default: stop = faultAt(d, FAULT_BAD_OPCODE, pc, pc); limit = 0;
    }
  }
  store<u32>(r + (S32_SP << 2), sp);
  store<u32>(r + (S32_FP << 2), fp);
  // an instruction that faulted (or is to be redone) added no cycles: it is not counted
  leave(d, pc, c0, cyc, cyc - c0 - extra);
  return stop;
}
