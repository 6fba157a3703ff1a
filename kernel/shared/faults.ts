// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports.
//
// Why a dispatcher was killed. The kernel records the code with pc, address and the
// instruction bytes in the dispatcher's control block; the host prints the report.

export const FAULT_NONE: i32 = 0;
export const FAULT_UNMAPPED: i32 = 1;       // access to an unmapped address
export const FAULT_READONLY: i32 = 2;       // write to read-only memory
export const FAULT_NOEXEC: i32 = 3;         // instruction fetch from non-executable memory
export const FAULT_BAD_OPCODE: i32 = 4;     // undefined instruction
export const FAULT_DIV_ZERO: i32 = 5;       // divide by zero
export const FAULT_MISALIGNED: i32 = 6;     // misaligned access on an ISA that forbids it
export const FAULT_STACK_OVERFLOW: i32 = 7; // access to the guard pages below the stack
export const FAULT_BAD_SYSCALL: i32 = 8;    // unknown system call number
export const FAULT_BAD_ARG: i32 = 9;        // bad pointer, length or handle passed to a system call
export const FAULT_BUDGET: i32 = 10;        // the dispatcher's cycle budget is used up
export const FAULT_KILLED: i32 = 11;        // killed from outside (e.g. its core died)
export const FAULT_COUNT: i32 = 12;

/** One-line description of a fault code. */
export function faultText(code: i32): string {
  switch (code) {
    case FAULT_NONE: return 'no fault';
    case FAULT_UNMAPPED: return 'access to unmapped address';
    case FAULT_READONLY: return 'write to read-only memory';
    case FAULT_NOEXEC: return 'instruction fetch from non-executable memory';
    case FAULT_BAD_OPCODE: return 'undefined instruction';
    case FAULT_DIV_ZERO: return 'divide by zero';
    case FAULT_MISALIGNED: return 'misaligned memory access';
    case FAULT_STACK_OVERFLOW: return 'stack overflow';
    case FAULT_BAD_SYSCALL: return 'unknown system call';
    case FAULT_BAD_ARG: return 'bad system call argument';
    case FAULT_BUDGET: return 'cycle budget exhausted';
    case FAULT_KILLED: return 'killed';
    default: return 'unknown fault';
  }
}
