// The r32 interpreter: one case per row of isa/r32.ts, decoded with the generated field
// decoders. Registers live in the dispatcher's control block (D_REGS); r0 is kept at 0 by
// rewriting it after every register write.
import {
  CY_ADD, CY_ADDI, CY_AND, CY_ANDI, CY_BEQ, CY_BGE, CY_BGEU, CY_BLT, CY_BLTU, CY_BNE, CY_CALL,
  CY_CALLR, CY_CAS, CY_DIV, CY_DIVU, CY_FAA, CY_HALT, CY_JMP, CY_JR, CY_LB, CY_LBU, CY_LH,
  CY_LHU, CY_LUI, CY_LW, CY_MUL, CY_OR, CY_ORI, CY_REM, CY_REMU, CY_SAR, CY_SARI, CY_SB,
  CY_SH, CY_SHL, CY_SHLI, CY_SHR, CY_SHRI, CY_SLT, CY_SLTI, CY_SLTIU, CY_SLTU, CY_SUB, CY_SW,
  CY_SYS, CY_XOR, CY_XORI,
  F_B_OFF, F_I_IMM, F_J_OFF, F_L_IMM, F_S_IMM, F_T_N, F_U_IMM,
  F_B_RS1_OFF, F_B_RS2_OFF, F_I_RD_OFF, F_I_RS1_OFF, F_JR_RS1_OFF, F_L_RD_OFF, F_R_RD_OFF, F_R_RS1_OFF, F_R_RS2_OFF, F_S_RS1_OFF, F_S_RS2_OFF, F_U_RD_OFF, F_U_RS1_OFF,
  OP_ADD, OP_ADDI, OP_AND, OP_ANDI, OP_BEQ, OP_BGE, OP_BGEU, OP_BLT, OP_BLTU, OP_BNE, OP_CALL,
  OP_CALLR, OP_CAS, OP_DIV, OP_DIVU, OP_FAA, OP_HALT, OP_JMP, OP_JR, OP_LB, OP_LBU, OP_LH,
  OP_LHU, OP_LUI, OP_LW, OP_MUL, OP_OR, OP_ORI, OP_REM, OP_REMU, OP_SAR, OP_SARI, OP_SB,
  OP_SH, OP_SHL, OP_SHLI, OP_SHR, OP_SHRI, OP_SLT, OP_SLTI, OP_SLTIU, OP_SLTU, OP_SUB, OP_SW,
  OP_SYS, OP_XOR, OP_XORI,
} from "../generated/r32";
import { EXIT_ADDR, PAGE_MASK } from "../shared/addrspace";
import {
  FAULT_BAD_OPCODE, FAULT_BAD_SYSCALL, FAULT_DIV_ZERO, FAULT_MISALIGNED,
} from "../shared/faults";
import { STOP_EXIT, STOP_LIMIT, STOP_SYS } from "../shared/kabi";
import {
  D_EXIT_CODE, D_PC, D_REGS, D_SYS_ARGS, D_SYS_NUM, D_SYS_PC,
} from "../shared/layout";
import { sysArity } from "../shared/syscalls";
import { tlbExec, tlbRead, tlbWrite } from "../core";
import {
  ACC_EXEC, ACC_READ, ACC_RMW, ACC_WRITE, miss, tlbLookup,
} from "../vm";
import {
  PENDING_FAULT, PENDING_MISS, PENDING_SYS, enter, faultAt, leave, memFault,
  pendingResult, startClock, takePending,
} from "./common";

const LR: u32 = 15;
const SP: u32 = 14;


/** register at byte offset `off` of the register file (the decoders' _OFF form) */
@inline function get(r: usize, off: usize): u32 {
  return load<u32>(r + off);
}

@inline function set(r: usize, off: usize, v: u32): void {
  store<u32>(r + off, v);
  store<u32>(r, 0);
}

/** Entry state (isa/r32.ts "Entry and exit"): r1 = arg, sp = stack top, lr = EXIT_ADDR. */
export function start(d: usize, entry: u32, arg: u32, top: u32): bool {
  const r = d + D_REGS;
  store<u32>(d + D_PC, entry);
  store<u32>(r + 4, arg);
  store<u32>(r + (SP << 2), top);
  store<u32>(r + (LR << 2), EXIT_ADDR);
  return true;
}

export function interpret(d: usize, until: u64): i32 {
  const r = d + D_REGS;
  if (takePending(d)) set(r, 4, pendingResult(d));
  enter(d);
  let pc = load<u32>(d + D_PC);
  const c0 = startClock();
  let cyc = c0;
  // cycles beyond one per instruction: the instructions completed are cyc - c0 - extra
  // (a constant 0 for one-cycle instructions, which the compiler drops)
  let extra: u64 = 0;
  let stop = STOP_LIMIT;
  // an instruction that stops the run sets limit to 0: the loop tests one condition
  let limit = until;
  // the page (and word alignment) of the code being executed, and where it is in memory:
  // the instruction at pc is at code + pc (wrapping arithmetic: one add per fetch)
  let codeKey: u32 = 0xffffffff;
  let code: usize = 0;
  // what the loop left for after it: a fault (fcode at faddr), or a TLB miss (maddr, macc)
  let fcode: i32 = 0, faddr: u32 = 0, maddr: u32 = 0, macc: u32 = 0;
  let again = true;
  while (again) {
    again = false;
    while (cyc < limit) {
      if ((pc & 0xfffff003) != codeKey) {
        if (pc & 3) { fcode = FAULT_MISALIGNED; faddr = pc; stop = PENDING_FAULT; break; }
        const p = tlbLookup(tlbExec, pc);
        if (p == 0) { maddr = pc; macc = ACC_EXEC; stop = PENDING_MISS; break; }
        codeKey = pc & ~PAGE_MASK;
        code = p - pc;
      }
      const w = load<u32>(code + pc);
      switch (w & 0xff) {
        // ── ALU, register operands ──
        case OP_ADD: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) + get(r, F_R_RS2_OFF(w))); cyc += CY_ADD; extra += CY_ADD - 1; pc += 4; break;
        case OP_SUB: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) - get(r, F_R_RS2_OFF(w))); cyc += CY_SUB; extra += CY_SUB - 1; pc += 4; break;
        case OP_AND: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) & get(r, F_R_RS2_OFF(w))); cyc += CY_AND; extra += CY_AND - 1; pc += 4; break;
        case OP_OR: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) | get(r, F_R_RS2_OFF(w))); cyc += CY_OR; extra += CY_OR - 1; pc += 4; break;
        case OP_XOR: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) ^ get(r, F_R_RS2_OFF(w))); cyc += CY_XOR; extra += CY_XOR - 1; pc += 4; break;
        case OP_SHL: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) << (get(r, F_R_RS2_OFF(w)) & 31)); cyc += CY_SHL; extra += CY_SHL - 1; pc += 4; break;
        case OP_SHR: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) >>> (get(r, F_R_RS2_OFF(w)) & 31)); cyc += CY_SHR; extra += CY_SHR - 1; pc += 4; break;
        case OP_SAR: set(r, F_R_RD_OFF(w), <u32>(<i32>get(r, F_R_RS1_OFF(w)) >> (get(r, F_R_RS2_OFF(w)) & 31))); cyc += CY_SAR; extra += CY_SAR - 1; pc += 4; break;
        case OP_SLT: set(r, F_R_RD_OFF(w), <u32>(<i32>get(r, F_R_RS1_OFF(w)) < <i32>get(r, F_R_RS2_OFF(w)))); cyc += CY_SLT; extra += CY_SLT - 1; pc += 4; break;
        case OP_SLTU: set(r, F_R_RD_OFF(w), <u32>(get(r, F_R_RS1_OFF(w)) < get(r, F_R_RS2_OFF(w)))); cyc += CY_SLTU; extra += CY_SLTU - 1; pc += 4; break;
        case OP_MUL: set(r, F_R_RD_OFF(w), get(r, F_R_RS1_OFF(w)) * get(r, F_R_RS2_OFF(w))); cyc += CY_MUL; extra += CY_MUL - 1; pc += 4; break;
        case OP_DIV: {
          const a = <i32>get(r, F_R_RS1_OFF(w)), b = <i32>get(r, F_R_RS2_OFF(w));
          if (b == 0) { fcode = FAULT_DIV_ZERO; faddr = pc; stop = PENDING_FAULT; limit = 0; break; }
          set(r, F_R_RD_OFF(w), <u32>(b == -1 ? -a : a / b)); cyc += CY_DIV; extra += CY_DIV - 1; pc += 4; break;
        }
        case OP_DIVU: {
          const a = get(r, F_R_RS1_OFF(w)), b = get(r, F_R_RS2_OFF(w));
          if (b == 0) { fcode = FAULT_DIV_ZERO; faddr = pc; stop = PENDING_FAULT; limit = 0; break; }
          set(r, F_R_RD_OFF(w), a / b); cyc += CY_DIVU; extra += CY_DIVU - 1; pc += 4; break;
        }
        case OP_REM: {
          const a = <i32>get(r, F_R_RS1_OFF(w)), b = <i32>get(r, F_R_RS2_OFF(w));
          if (b == 0) { fcode = FAULT_DIV_ZERO; faddr = pc; stop = PENDING_FAULT; limit = 0; break; }
          set(r, F_R_RD_OFF(w), <u32>(b == -1 ? 0 : a % b)); cyc += CY_REM; extra += CY_REM - 1; pc += 4; break;
        }
        case OP_REMU: {
          const a = get(r, F_R_RS1_OFF(w)), b = get(r, F_R_RS2_OFF(w));
          if (b == 0) { fcode = FAULT_DIV_ZERO; faddr = pc; stop = PENDING_FAULT; limit = 0; break; }
          set(r, F_R_RD_OFF(w), a % b); cyc += CY_REMU; extra += CY_REMU - 1; pc += 4; break;
        }
        // ── ALU, immediate operand ──
        case OP_ADDI: set(r, F_I_RD_OFF(w), get(r, F_I_RS1_OFF(w)) + <u32>F_I_IMM(w)); cyc += CY_ADDI; extra += CY_ADDI - 1; pc += 4; break;
        case OP_SLTI: set(r, F_I_RD_OFF(w), <u32>(<i32>get(r, F_I_RS1_OFF(w)) < F_I_IMM(w))); cyc += CY_SLTI; extra += CY_SLTI - 1; pc += 4; break;
        case OP_SLTIU: set(r, F_I_RD_OFF(w), <u32>(get(r, F_I_RS1_OFF(w)) < <u32>F_I_IMM(w))); cyc += CY_SLTIU; extra += CY_SLTIU - 1; pc += 4; break;
        case OP_ANDI: set(r, F_U_RD_OFF(w), get(r, F_U_RS1_OFF(w)) & <u32>F_U_IMM(w)); cyc += CY_ANDI; extra += CY_ANDI - 1; pc += 4; break;
        case OP_ORI: set(r, F_U_RD_OFF(w), get(r, F_U_RS1_OFF(w)) | <u32>F_U_IMM(w)); cyc += CY_ORI; extra += CY_ORI - 1; pc += 4; break;
        case OP_XORI: set(r, F_U_RD_OFF(w), get(r, F_U_RS1_OFF(w)) ^ <u32>F_U_IMM(w)); cyc += CY_XORI; extra += CY_XORI - 1; pc += 4; break;
        case OP_SHLI: set(r, F_I_RD_OFF(w), get(r, F_I_RS1_OFF(w)) << (F_I_IMM(w) & 31)); cyc += CY_SHLI; extra += CY_SHLI - 1; pc += 4; break;
        case OP_SHRI: set(r, F_I_RD_OFF(w), get(r, F_I_RS1_OFF(w)) >>> (F_I_IMM(w) & 31)); cyc += CY_SHRI; extra += CY_SHRI - 1; pc += 4; break;
        case OP_SARI: set(r, F_I_RD_OFF(w), <u32>(<i32>get(r, F_I_RS1_OFF(w)) >> (F_I_IMM(w) & 31))); cyc += CY_SARI; extra += CY_SARI - 1; pc += 4; break;
        case OP_LUI: set(r, F_L_RD_OFF(w), <u32>F_L_IMM(w) << 16); cyc += CY_LUI; extra += CY_LUI - 1; pc += 4; break;
        // ── loads and stores ──
        case OP_LW: {
          const va = get(r, F_I_RS1_OFF(w)) + <u32>F_I_IMM(w);
          if (va & 3) { fcode = FAULT_MISALIGNED; faddr = va; stop = PENDING_FAULT; limit = 0; break; }
          const p = tlbLookup(tlbRead, va);
          if (p == 0) { maddr = va; macc = ACC_READ; stop = PENDING_MISS; limit = 0; break; }
          set(r, F_I_RD_OFF(w), load<u32>(p)); cyc += CY_LW; extra += CY_LW - 1; pc += 4; break;
        }
        case OP_LH: {
          const va = get(r, F_I_RS1_OFF(w)) + <u32>F_I_IMM(w);
          if (va & 1) { fcode = FAULT_MISALIGNED; faddr = va; stop = PENDING_FAULT; limit = 0; break; }
          const p = tlbLookup(tlbRead, va);
          if (p == 0) { maddr = va; macc = ACC_READ; stop = PENDING_MISS; limit = 0; break; }
          set(r, F_I_RD_OFF(w), <u32><i32>load<i16>(p)); cyc += CY_LH; extra += CY_LH - 1; pc += 4; break;
        }
        case OP_LHU: {
          const va = get(r, F_I_RS1_OFF(w)) + <u32>F_I_IMM(w);
          if (va & 1) { fcode = FAULT_MISALIGNED; faddr = va; stop = PENDING_FAULT; limit = 0; break; }
          const p = tlbLookup(tlbRead, va);
          if (p == 0) { maddr = va; macc = ACC_READ; stop = PENDING_MISS; limit = 0; break; }
          set(r, F_I_RD_OFF(w), <u32>load<u16>(p)); cyc += CY_LHU; extra += CY_LHU - 1; pc += 4; break;
        }
        case OP_LB: {
          const va = get(r, F_I_RS1_OFF(w)) + <u32>F_I_IMM(w);
          const p = tlbLookup(tlbRead, va);
          if (p == 0) { maddr = va; macc = ACC_READ; stop = PENDING_MISS; limit = 0; break; }
          set(r, F_I_RD_OFF(w), <u32><i32>load<i8>(p)); cyc += CY_LB; extra += CY_LB - 1; pc += 4; break;
        }
        case OP_LBU: {
          const va = get(r, F_I_RS1_OFF(w)) + <u32>F_I_IMM(w);
          const p = tlbLookup(tlbRead, va);
          if (p == 0) { maddr = va; macc = ACC_READ; stop = PENDING_MISS; limit = 0; break; }
          set(r, F_I_RD_OFF(w), <u32>load<u8>(p)); cyc += CY_LBU; extra += CY_LBU - 1; pc += 4; break;
        }
        case OP_SW: {
          const va = get(r, F_S_RS1_OFF(w)) + <u32>F_S_IMM(w);
          if (va & 3) { fcode = FAULT_MISALIGNED; faddr = va; stop = PENDING_FAULT; limit = 0; break; }
          const p = tlbLookup(tlbWrite, va);
          if (p == 0) { maddr = va; macc = ACC_WRITE; stop = PENDING_MISS; limit = 0; break; }
          store<u32>(p, get(r, F_S_RS2_OFF(w))); cyc += CY_SW; extra += CY_SW - 1; pc += 4; break;
        }
        case OP_SH: {
          const va = get(r, F_S_RS1_OFF(w)) + <u32>F_S_IMM(w);
          if (va & 1) { fcode = FAULT_MISALIGNED; faddr = va; stop = PENDING_FAULT; limit = 0; break; }
          const p = tlbLookup(tlbWrite, va);
          if (p == 0) { maddr = va; macc = ACC_WRITE; stop = PENDING_MISS; limit = 0; break; }
          store<u16>(p, <u16>get(r, F_S_RS2_OFF(w))); cyc += CY_SH; extra += CY_SH - 1; pc += 4; break;
        }
        case OP_SB: {
          const va = get(r, F_S_RS1_OFF(w)) + <u32>F_S_IMM(w);
          const p = tlbLookup(tlbWrite, va);
          if (p == 0) { maddr = va; macc = ACC_WRITE; stop = PENDING_MISS; limit = 0; break; }
          store<u8>(p, <u8>get(r, F_S_RS2_OFF(w))); cyc += CY_SB; extra += CY_SB - 1; pc += 4; break;
        }
        // ── control flow ──
        case OP_BEQ: pc += get(r, F_B_RS1_OFF(w)) == get(r, F_B_RS2_OFF(w)) ? <u32>F_B_OFF(w) << 2 : 4; cyc += CY_BEQ; extra += CY_BEQ - 1; break;
        case OP_BNE: pc += get(r, F_B_RS1_OFF(w)) != get(r, F_B_RS2_OFF(w)) ? <u32>F_B_OFF(w) << 2 : 4; cyc += CY_BNE; extra += CY_BNE - 1; break;
        case OP_BLT: pc += <i32>get(r, F_B_RS1_OFF(w)) < <i32>get(r, F_B_RS2_OFF(w)) ? <u32>F_B_OFF(w) << 2 : 4; cyc += CY_BLT; extra += CY_BLT - 1; break;
        case OP_BGE: pc += <i32>get(r, F_B_RS1_OFF(w)) >= <i32>get(r, F_B_RS2_OFF(w)) ? <u32>F_B_OFF(w) << 2 : 4; cyc += CY_BGE; extra += CY_BGE - 1; break;
        case OP_BLTU: pc += get(r, F_B_RS1_OFF(w)) < get(r, F_B_RS2_OFF(w)) ? <u32>F_B_OFF(w) << 2 : 4; cyc += CY_BLTU; extra += CY_BLTU - 1; break;
        case OP_BGEU: pc += get(r, F_B_RS1_OFF(w)) >= get(r, F_B_RS2_OFF(w)) ? <u32>F_B_OFF(w) << 2 : 4; cyc += CY_BGEU; extra += CY_BGEU - 1; break;
        case OP_JMP: pc += <u32>F_J_OFF(w) << 2; cyc += CY_JMP; extra += CY_JMP - 1; break;
        case OP_CALL: set(r, LR << 2, pc + 4); pc += <u32>F_J_OFF(w) << 2; cyc += CY_CALL; extra += CY_CALL - 1; break;
        case OP_JR: pc = get(r, F_JR_RS1_OFF(w)); cyc += CY_JR; extra += CY_JR - 1; break;
        case OP_CALLR: { const t = get(r, F_JR_RS1_OFF(w)); set(r, LR << 2, pc + 4); pc = t; cyc += CY_CALLR; extra += CY_CALLR - 1; break; }
        // ── atomics ──
        case OP_CAS: {
          const va = get(r, F_R_RS1_OFF(w));
          if (va & 3) { fcode = FAULT_MISALIGNED; faddr = va; stop = PENDING_FAULT; limit = 0; break; }
          const p = tlbLookup(tlbWrite, va);
          if (p == 0) { maddr = va; macc = ACC_RMW; stop = PENDING_MISS; limit = 0; break; }
          set(r, F_R_RD_OFF(w), atomic.cmpxchg<u32>(p, get(r, F_R_RD_OFF(w)), get(r, F_R_RS2_OFF(w)))); cyc += CY_CAS; extra += CY_CAS - 1; pc += 4; break;
        }
        case OP_FAA: {
          const va = get(r, F_R_RS1_OFF(w));
          if (va & 3) { fcode = FAULT_MISALIGNED; faddr = va; stop = PENDING_FAULT; limit = 0; break; }
          const p = tlbLookup(tlbWrite, va);
          if (p == 0) { maddr = va; macc = ACC_RMW; stop = PENDING_MISS; limit = 0; break; }
          set(r, F_R_RD_OFF(w), atomic.add<u32>(p, get(r, F_R_RS2_OFF(w)))); cyc += CY_FAA; extra += CY_FAA - 1; pc += 4; break;
        }
        // ── system ──
        case OP_SYS: stop = PENDING_SYS; limit = 0; break; // served below, outside the loop
        case OP_HALT: store<u32>(d + D_EXIT_CODE, get(r, 4)); cyc += CY_HALT; extra += CY_HALT - 1; pc += 4; stop = STOP_EXIT; limit = 0; break;
        default: fcode = FAULT_BAD_OPCODE; faddr = pc; stop = PENDING_FAULT; limit = 0;
      }
    }
    // The loop makes no calls (so V8 keeps its state in registers): what needs one is done here.
    if (stop == PENDING_MISS) {
      // (hold: a shared page's translation too, for the one instruction step() redoes)
      if (miss(maddr, macc, true) != 0) {
        // the TLB has it now: run on (and look the code page up again, so that nothing the
        // loop keeps in registers has to survive this call)
        stop = STOP_LIMIT; limit = until; again = true;
        codeKey = 0xffffffff; code = 0;
      } else if (macc == ACC_EXEC && pc == EXIT_ADDR) { store<u32>(d + D_EXIT_CODE, get(r, 4)); stop = STOP_EXIT; }
      else stop = memFault(d, pc);
    } else if (stop == PENDING_SYS) {
      const num = F_T_N(load<u32>(code + pc));
      if (sysArity(num) < 0) stop = faultAt(d, FAULT_BAD_SYSCALL, pc, pc);
      else {
        store<i32>(d + D_SYS_NUM, num);
        memory.copy(d + D_SYS_ARGS, r + 4, 16);
        store<u32>(d + D_SYS_PC, pc);
        cyc += CY_SYS; extra += CY_SYS - 1; pc += 4; stop = STOP_SYS;
      }
    } else if (stop == PENDING_FAULT) stop = faultAt(d, fcode, faddr, pc);
  }
  // an instruction that faulted (or is to be redone) added no cycles: it is not counted
  leave(d, pc, c0, cyc, cyc - c0 - extra);
  return stop;
}
