// System calls, kernel side. The interpreter has executed `sys n` and left the number and
// arguments in the DCB (per its ISA's ABI); calls that only concern this core are served
// here, the rest go to the host's monitor. A bad argument faults the caller only.
import { clock, count, coreId, dcbAddr, ncores, setClock } from "./core";
import { printInt, printStr, putc } from "./console";
import {
  block, complete, exitDispatcher, faultCaller, rqCount, rqPush, setCurrent,
} from "./dispatcher";
import { CALL_BLOCKED, CALL_FAULTED, badAddr, channelCall, isChannelCall } from "./channel-calls";
import { hostSyscall } from "./host";
import { userAccess } from "./vm";
import { KERNEL_SYSCALL_CYCLES } from "./shared/costs";
import { FAULT_BAD_ARG, FAULT_COUNT, FAULT_NONE } from "./shared/faults";
import { HS_BLOCKED } from "./shared/kabi";
import {
  BLK_HOST, C_SYSCALLS, DS_RUNNABLE, D_ASID, D_BLOCKED_ON, D_CYCLES, D_ID, D_STATE, D_SYS_ARGS, D_SYS_NUM,
  D_SYS_PC, NO_SLOT,
} from "./shared/layout";
import {
  SYS_CORE_ID, SYS_CYCLES, SYS_DISPID, SYS_EXIT, SYS_GETPID, SYS_NCORES, SYS_PRINT_INT,
  SYS_FAULT, SYS_PRINT_STR, SYS_PUTC, SYS_YIELD,
} from "./shared/syscalls";

@inline function arg(d: usize, i: u32): u32 {
  return load<u32>(d + D_SYS_ARGS + (i << 2));
}

/**
 * Serves the system call dispatcher `slot` (the current one) just made. On return the
 * dispatcher is runnable with its result pending, or blocked, exited or faulted.
 */
export function syscall(slot: u32): void {
  const d = dcbAddr(slot);
  count(C_SYSCALLS);
  setClock(clock() + KERNEL_SYSCALL_CYCLES);
  store<u64>(d + D_CYCLES, load<u64>(d + D_CYCLES) + KERNEL_SYSCALL_CYCLES);
  userAccess(true);
  serve(slot, d, load<i32>(d + D_SYS_NUM));
  userAccess(false);
}

/** A channel call of `slot` ended (first try or a retry): deliver, block or fault. */
export function callFinished(slot: u32, r: i64): void {
  if (r == CALL_BLOCKED) {
    block(slot);
    return;
  }
  if (r == CALL_FAULTED) faultCaller(slot, FAULT_BAD_ARG, badAddr);
  else complete(slot, <u32>r);
}

function serve(slot: u32, d: usize, n: i32): void {
  if (isChannelCall(n)) {
    callFinished(slot, channelCall(slot, n));
    return;
  }
  switch (n) {
    case SYS_EXIT:
      exitDispatcher(slot, arg(d, 0));
      return;
    case SYS_YIELD:
      complete(slot, 0);
      if (rqCount() > 0) {
        setCurrent(NO_SLOT);
        rqPush(slot);
      }
      return;
    case SYS_PRINT_INT:
      printInt(slot, <i32>arg(d, 0));
      break;
    case SYS_PRINT_STR:
      if (!printStr(slot, arg(d, 0), arg(d, 1))) {
        faultCaller(slot, FAULT_BAD_ARG, arg(d, 0));
        return;
      }
      break;
    case SYS_PUTC:
      putc(slot, arg(d, 0));
      break;
    case SYS_CORE_ID:
      complete(slot, coreId);
      return;
    case SYS_NCORES:
      complete(slot, ncores());
      return;
    case SYS_GETPID:
      complete(slot, load<u32>(d + D_ASID));
      return;
    case SYS_DISPID:
      complete(slot, load<u32>(d + D_ID));
      return;
    case SYS_CYCLES:
      complete(slot, <u32>clock());
      return;
    case SYS_FAULT: {
      const code = <i32>arg(d, 0);
      if (code <= FAULT_NONE || code >= FAULT_COUNT) faultCaller(slot, FAULT_BAD_ARG, code);
      else faultCaller(slot, code, load<u32>(d + D_SYS_PC));
      return;
    }
    default:
      // served by this core's monitor in the host
      store<u32>(d + D_BLOCKED_ON, BLK_HOST);
      if (hostSyscall(slot, n) == HS_BLOCKED && load<u32>(d + D_STATE) == DS_RUNNABLE) block(slot);
      return;
  }
  complete(slot, 0);
}
