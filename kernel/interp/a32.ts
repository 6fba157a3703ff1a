// The a32 interpreter: one case per row of isa/a32.ts. A, X and SP are kept in locals while
// a dispatcher runs; r0–r7 live in its control block. 16- and 32-bit data accesses must be
// aligned, so none of them can straddle two pages.
import {
  CY_ADD, CY_ADDI, CY_ADJSP, CY_AND, CY_ANDI, CY_BNZ, CY_BZ, CY_CALL, CY_CALLR, CY_GET,
  CY_HALT, CY_JMP, CY_LB, CY_LBU, CY_LDS, CY_LH, CY_LHU, CY_LI, CY_LIS, CY_LW, CY_NEG, CY_NOT,
  CY_OR, CY_ORI, CY_POP, CY_PUSH, CY_PUT, CY_RET, CY_SAR, CY_SARI, CY_SB, CY_SEQ, CY_SH,
  CY_SHL, CY_SHLI, CY_SHR, CY_SHRI, CY_SLT, CY_SLTU, CY_SPA, CY_STS, CY_SUB, CY_SW, CY_SYS,
  CY_TAX, CY_TXA, CY_XOR, CY_XORI,
  F_I8_IMM, F_P16_OFF, F_P32_OFF, F_R_R, F_U8_N, F_W32_IMM, MAX_INSN,
  OP_ADD, OP_ADDI, OP_ADJSP, OP_AND, OP_ANDI, OP_BNZ, OP_BZ, OP_CALL, OP_CALLR, OP_GET,
  OP_HALT, OP_JMP, OP_LB, OP_LBU, OP_LDS, OP_LH, OP_LHU, OP_LI, OP_LIS, OP_LW, OP_NEG, OP_NOT,
  OP_OR, OP_ORI, OP_POP, OP_PUSH, OP_PUT, OP_RET, OP_SAR, OP_SARI, OP_SB, OP_SEQ, OP_SH,
  OP_SHL, OP_SHLI, OP_SHR, OP_SHRI, OP_SLT, OP_SLTU, OP_SPA, OP_STS, OP_SUB, OP_SW, OP_SYS,
  OP_TAX, OP_TXA, OP_XOR, OP_XORI,
  SIZE_TABLE, SZ_CALL, SZ_CALLR,
} from "../generated/a32";
import { EXIT_ADDR, PAGE_MASK } from "../shared/addrspace";
import { FAULT_BAD_OPCODE, FAULT_BAD_SYSCALL, FAULT_MISALIGNED } from "../shared/faults";
import { STOP_EXIT, STOP_LIMIT, STOP_SYS } from "../shared/kabi";
import {
  A32_A, A32_R0, A32_SP, A32_X, D_EXIT_CODE, D_PC, D_REGS, D_SYS_ARGS, D_SYS_NUM, D_SYS_PC,
} from "../shared/layout";
import { sysArity } from "../shared/syscalls";
import { trExec, trRead, trWrite } from "../vm";
import {
  enter, faultAt, fetchSlow, leave, memFault, pendingResult, startClock, takePending,
} from "./common";

/** r0–r7 in the control block */
@inline function reg(r: usize, ip: usize): u32 {
  return load<u32>(r + ((<usize>A32_R0 + <usize>F_R_R(ip)) << 2));
}

/** Entry state (isa/a32.ts "Entry and exit"): arg and EXIT_ADDR pushed. */
export function start(d: usize, entry: u32, arg: u32, top: u32): bool {
  if (top & 3) return false;
  const p1 = trWrite(top - 4), p2 = trWrite(top - 8);
  if (p1 == 0 || p2 == 0) return false;
  store<u32>(p1, arg);
  store<u32>(p2, EXIT_ADDR);
  store<u32>(d + D_PC, entry);
  store<u32>(d + D_REGS + (A32_SP << 2), top - 8);
  return true;
}

export function interpret(d: usize, until: u64): i32 {
  const r = d + D_REGS;
  let a = load<u32>(r + (A32_A << 2));
  let x = load<u32>(r + (A32_X << 2));
  let sp = load<u32>(r + (A32_SP << 2));
  if (takePending(d)) a = pendingResult(d);
  enter(d);
  let pc = load<u32>(d + D_PC);
  const c0 = startClock();
  let cyc = c0;
  // cycles beyond one per instruction: the instructions completed are cyc - c0 - extra
  // (a constant 0 for one-cycle instructions, which the compiler drops)
  let extra: u64 = 0;
  let stop = STOP_LIMIT;
  // the page (and parcel alignment) of the code being executed, and where it is in memory
  let codeKey: u32 = 0xffffffff;
  let code: usize = 0;
  // an instruction that stops the run sets limit to 0: the loop tests one condition
  let limit = until;
  while (cyc < limit) {
    let ip: usize;
    if ((pc & 0xfffff001) == codeKey && (pc & PAGE_MASK) <= PAGE_MASK + 1 - MAX_INSN) {
      ip = code + (pc & PAGE_MASK);
    } else {
      if (pc & 1) { stop = faultAt(d, FAULT_MISALIGNED, pc, pc); break; }
      const p = trExec(pc);
      if (p == 0) {
        if (pc == EXIT_ADDR) { store<u32>(d + D_EXIT_CODE, a); stop = STOP_EXIT; }
        else stop = memFault(d, pc);
        break;
      }
      codeKey = pc & ~PAGE_MASK;
      code = p - (pc & PAGE_MASK);
      if ((pc & PAGE_MASK) <= PAGE_MASK + 1 - MAX_INSN) ip = p;
      else {
        ip = fetchSlow(pc, SIZE_TABLE);
        if (ip == 0) { stop = memFault(d, pc); break; }
      }
    }
    switch (<u32>load<u8>(ip)) {
      // ── moves ──
      case OP_LIS: a = <u32>F_I8_IMM(ip); cyc += CY_LIS; extra += CY_LIS - 1; pc += 2; break;
      case OP_LI: a = <u32>F_W32_IMM(ip); cyc += CY_LI; extra += CY_LI - 1; pc += 6; break;
      case OP_GET: a = reg(r, ip); cyc += CY_GET; extra += CY_GET - 1; pc += 2; break;
      case OP_PUT: store<u32>(r + ((<usize>A32_R0 + <usize>F_R_R(ip)) << 2), a); cyc += CY_PUT; extra += CY_PUT - 1; pc += 2; break;
      case OP_TAX: x = a; cyc += CY_TAX; extra += CY_TAX - 1; pc += 2; break;
      case OP_TXA: a = x; cyc += CY_TXA; extra += CY_TXA - 1; pc += 2; break;
      // ── ALU with a register ──
      case OP_ADD: a += reg(r, ip); cyc += CY_ADD; extra += CY_ADD - 1; pc += 2; break;
      case OP_SUB: a -= reg(r, ip); cyc += CY_SUB; extra += CY_SUB - 1; pc += 2; break;
      case OP_AND: a &= reg(r, ip); cyc += CY_AND; extra += CY_AND - 1; pc += 2; break;
      case OP_OR: a |= reg(r, ip); cyc += CY_OR; extra += CY_OR - 1; pc += 2; break;
      case OP_XOR: a ^= reg(r, ip); cyc += CY_XOR; extra += CY_XOR - 1; pc += 2; break;
      case OP_SHL: a <<= reg(r, ip) & 31; cyc += CY_SHL; extra += CY_SHL - 1; pc += 2; break;
      case OP_SHR: a >>>= reg(r, ip) & 31; cyc += CY_SHR; extra += CY_SHR - 1; pc += 2; break;
      case OP_SAR: a = <u32>(<i32>a >> (reg(r, ip) & 31)); cyc += CY_SAR; extra += CY_SAR - 1; pc += 2; break;
      case OP_SLT: a = <u32>(<i32>a < <i32>reg(r, ip)); cyc += CY_SLT; extra += CY_SLT - 1; pc += 2; break;
      case OP_SLTU: a = <u32>(a < reg(r, ip)); cyc += CY_SLTU; extra += CY_SLTU - 1; pc += 2; break;
      case OP_SEQ: a = <u32>(a == reg(r, ip)); cyc += CY_SEQ; extra += CY_SEQ - 1; pc += 2; break;
      // ── ALU with an immediate ──
      case OP_ADDI: a += <u32>F_I8_IMM(ip); cyc += CY_ADDI; extra += CY_ADDI - 1; pc += 2; break;
      case OP_ANDI: a &= <u32>F_I8_IMM(ip); cyc += CY_ANDI; extra += CY_ANDI - 1; pc += 2; break;
      case OP_ORI: a |= <u32>F_I8_IMM(ip); cyc += CY_ORI; extra += CY_ORI - 1; pc += 2; break;
      case OP_XORI: a ^= <u32>F_I8_IMM(ip); cyc += CY_XORI; extra += CY_XORI - 1; pc += 2; break;
      case OP_SHLI: a <<= <u32>F_I8_IMM(ip) & 31; cyc += CY_SHLI; extra += CY_SHLI - 1; pc += 2; break;
      case OP_SHRI: a >>>= <u32>F_I8_IMM(ip) & 31; cyc += CY_SHRI; extra += CY_SHRI - 1; pc += 2; break;
      case OP_SARI: a = <u32>(<i32>a >> (F_I8_IMM(ip) & 31)); cyc += CY_SARI; extra += CY_SARI - 1; pc += 2; break;
      case OP_NEG: a = -a; cyc += CY_NEG; extra += CY_NEG - 1; pc += 2; break;
      case OP_NOT: a = ~a; cyc += CY_NOT; extra += CY_NOT - 1; pc += 2; break;
      // ── X-indexed memory ──
      case OP_LW: {
        const va = x + <u32>F_I8_IMM(ip);
        if (va & 3) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trRead(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        a = load<u32>(p); cyc += CY_LW; extra += CY_LW - 1; pc += 2; break;
      }
      case OP_LH: {
        const va = x + <u32>F_I8_IMM(ip);
        if (va & 1) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trRead(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        a = <u32><i32>load<i16>(p); cyc += CY_LH; extra += CY_LH - 1; pc += 2; break;
      }
      case OP_LHU: {
        const va = x + <u32>F_I8_IMM(ip);
        if (va & 1) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trRead(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        a = <u32>load<u16>(p); cyc += CY_LHU; extra += CY_LHU - 1; pc += 2; break;
      }
      case OP_LB: {
        const p = trRead(x + <u32>F_I8_IMM(ip));
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        a = <u32><i32>load<i8>(p); cyc += CY_LB; extra += CY_LB - 1; pc += 2; break;
      }
      case OP_LBU: {
        const p = trRead(x + <u32>F_I8_IMM(ip));
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        a = <u32>load<u8>(p); cyc += CY_LBU; extra += CY_LBU - 1; pc += 2; break;
      }
      case OP_SW: {
        const va = x + <u32>F_I8_IMM(ip);
        if (va & 3) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trWrite(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        store<u32>(p, a); cyc += CY_SW; extra += CY_SW - 1; pc += 2; break;
      }
      case OP_SH: {
        const va = x + <u32>F_I8_IMM(ip);
        if (va & 1) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trWrite(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        store<u16>(p, <u16>a); cyc += CY_SH; extra += CY_SH - 1; pc += 2; break;
      }
      case OP_SB: {
        const p = trWrite(x + <u32>F_I8_IMM(ip));
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        store<u8>(p, <u8>a); cyc += CY_SB; extra += CY_SB - 1; pc += 2; break;
      }
      // ── the stack ──
      case OP_PUSH: {
        const va = sp - 4;
        if (va & 3) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trWrite(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        store<u32>(p, a); sp = va; cyc += CY_PUSH; extra += CY_PUSH - 1; pc += 2; break;
      }
      case OP_POP: {
        if (sp & 3) { stop = faultAt(d, FAULT_MISALIGNED, sp, pc); limit = 0; break; }
        const p = trRead(sp);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        a = load<u32>(p); sp += 4; cyc += CY_POP; extra += CY_POP - 1; pc += 2; break;
      }
      case OP_LDS: {
        const va = sp + (<u32>F_U8_N(ip) << 2);
        if (va & 3) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trRead(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        a = load<u32>(p); cyc += CY_LDS; extra += CY_LDS - 1; pc += 2; break;
      }
      case OP_STS: {
        const va = sp + (<u32>F_U8_N(ip) << 2);
        if (va & 3) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trWrite(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        store<u32>(p, a); cyc += CY_STS; extra += CY_STS - 1; pc += 2; break;
      }
      case OP_SPA: a = sp + (<u32>F_U8_N(ip) << 2); cyc += CY_SPA; extra += CY_SPA - 1; pc += 2; break;
      case OP_ADJSP: sp += <u32>F_I8_IMM(ip) << 2; cyc += CY_ADJSP; extra += CY_ADJSP - 1; pc += 2; break;
      // ── control flow ──
      case OP_JMP: pc += <u32>F_P16_OFF(ip) << 1; cyc += CY_JMP; extra += CY_JMP - 1; break;
      case OP_BZ: pc += a == 0 ? <u32>F_P16_OFF(ip) << 1 : 4; cyc += CY_BZ; extra += CY_BZ - 1; break;
      case OP_BNZ: pc += a != 0 ? <u32>F_P16_OFF(ip) << 1 : 4; cyc += CY_BNZ; extra += CY_BNZ - 1; break;
      case OP_CALL: {
        const va = sp - 4;
        if (va & 3) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trWrite(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        store<u32>(p, pc + SZ_CALL); sp = va; pc += <u32>F_P32_OFF(ip) << 1; cyc += CY_CALL; extra += CY_CALL - 1; break;
      }
      case OP_CALLR: {
        const va = sp - 4;
        if (va & 3) { stop = faultAt(d, FAULT_MISALIGNED, va, pc); limit = 0; break; }
        const p = trWrite(va);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        store<u32>(p, pc + SZ_CALLR); sp = va; pc = a; cyc += CY_CALLR; extra += CY_CALLR - 1; break;
      }
      case OP_RET: {
        if (sp & 3) { stop = faultAt(d, FAULT_MISALIGNED, sp, pc); limit = 0; break; }
        const p = trRead(sp);
        if (p == 0) { stop = memFault(d, pc); limit = 0; break; }
        pc = load<u32>(p); sp += 4; cyc += CY_RET; extra += CY_RET - 1; break;
      }
      // ── system ──
      case OP_SYS: {
        const num = F_U8_N(ip);
        if (sysArity(num) < 0) { stop = faultAt(d, FAULT_BAD_SYSCALL, pc, pc); limit = 0; break; }
        store<i32>(d + D_SYS_NUM, num);
        memory.copy(d + D_SYS_ARGS, r + (A32_R0 << 2), 16);
        store<u32>(d + D_SYS_PC, pc);
        cyc += CY_SYS; extra += CY_SYS - 1; pc += 2; stop = STOP_SYS; limit = 0; break;
      }
      case OP_HALT: store<u32>(d + D_EXIT_CODE, a); cyc += CY_HALT; extra += CY_HALT - 1; pc += 2; stop = STOP_EXIT; limit = 0; break;
      default: stop = faultAt(d, FAULT_BAD_OPCODE, pc, pc); limit = 0;
    }
  }
  store<u32>(r + (A32_A << 2), a);
  store<u32>(r + (A32_X << 2), x);
  store<u32>(r + (A32_SP << 2), sp);
  // an instruction that faulted (or is to be redone) added no cycles: it is not counted
  leave(d, pc, c0, cyc, cyc - c0 - extra);
  return stop;
}
