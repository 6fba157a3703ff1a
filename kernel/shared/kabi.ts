// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports.
//
// The kernel's calling interface with the host: what run() returns, the events the kernel
// reports through host_event(), and the answers of host_syscall(). The functions themselves
// are declared once on each side: kernel/host.ts (imports) and host/hardware/kernel.ts (exports).

// run(limit) results
export const RUN_LIMIT: i32 = 0;     // the core's clock reached the limit
export const RUN_IDLE: i32 = 1;      // no dispatcher is runnable on this core

// host_event(kind, slot) kinds
export const EV_EXIT: i32 = 1;       // dispatcher `slot` exited (code in D_EXIT_CODE)
export const EV_FAULT: i32 = 2;      // dispatcher `slot` faulted (D_FAULT*)

// host_syscall(slot, num) answers
export const HS_DONE: i32 = 0;       // the host called complete(slot, result) (or faulted it)
export const HS_BLOCKED: i32 = 1;    // the dispatcher waits; the host will complete() it later

// Interpreter stop reasons (kernel-internal, exposed for debug_run()).
export const STOP_LIMIT: i32 = 0;    // reached the cycle limit
export const STOP_SYS: i32 = 1;      // executed `sys n`: number and arguments in the DCB
export const STOP_EXIT: i32 = 2;     // returned to EXIT_ADDR or executed halt
export const STOP_FAULT: i32 = 3;    // faulted: D_FAULT* filled in
export const STOP_TRACKED: i32 = 4;  // touched a shared (PTE_SHARED) page: redo the instruction
                                     // alone with the cost model watching (sched.ts step())
