// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports.
//
// System call numbers, as used by `sys n` on every ISA, and their arity (how many arguments
// each takes: s32 pops exactly that many, r32 and a32 read that many registers).
// docs/syscalls.md describes each one; a test checks it lists every number here.

export const SYS_EXIT: i32 = 0;        // exit(code)               never returns
export const SYS_YIELD: i32 = 1;       // yield() -> 0             give up the rest of the time slice
export const SYS_PRINT_INT: i32 = 2;   // print_int(v) -> 0        decimal and a newline
export const SYS_PRINT_STR: i32 = 3;   // print_str(ptr, len) -> 0
export const SYS_PUTC: i32 = 4;        // putc(c) -> 0             one byte
export const SYS_CORE_ID: i32 = 5;     // core_id() -> core number
export const SYS_NCORES: i32 = 6;      // ncores() -> number of cores of the machine
export const SYS_GETPID: i32 = 7;      // getpid() -> program (domain) id
export const SYS_MEMGROW: i32 = 8;     // memgrow(bytes) -> old break, or -1
export const SYS_CYCLES: i32 = 9;      // cycles() -> low 32 bits of this core's simulated clock
export const SYS_DISPID: i32 = 10;     // dispid() -> this dispatcher's id
export const SYS_FAULT: i32 = 11;      // fault(code)              raise fault `code` (FAULT_*) on the caller
export const SYS_UNMAP: i32 = 12;      // unmap(addr, len) -> 0 or -1  unmap pages (TLBs shot down on every core)
// multicore: dispatchers, channels (kernel/urpc and the monitors)
export const SYS_SPAWN: i32 = 16;      // spawn(core, entry, arg) -> dispatcher id, or < 0
export const SYS_JOIN: i32 = 17;       // join(id) -> exit code (blocks)
export const SYS_SERVE: i32 = 18;      // serve(name, len) -> service handle, or < 0
export const SYS_ACCEPT: i32 = 19;     // accept(service) -> channel (blocks)
export const SYS_CONNECT: i32 = 20;    // connect(name, len) -> channel (blocks), or < 0
export const SYS_SEND: i32 = 21;       // send(ch, buf, nwords) -> 0, or < 0
export const SYS_RECV: i32 = 22;       // recv(ch, buf) -> nwords (blocks), or < 0
export const SYS_TRY_RECV: i32 = 23;   // try_recv(ch, buf) -> nwords, or -1 if none
export const SYS_WAIT: i32 = 24;       // wait(chans, n) -> index of a ready channel (blocks)
export const SYS_CLOSE: i32 = 25;      // close(ch) -> 0
export const SYS_COUNT: i32 = 26;

/** Number of arguments of system call `n`, or -1 if `n` is not a system call. */
export function sysArity(n: i32): i32 {
  switch (n) {
    case SYS_YIELD: case SYS_CORE_ID: case SYS_NCORES: case SYS_GETPID: case SYS_CYCLES:
    case SYS_DISPID:
      return 0;
    case SYS_EXIT: case SYS_PRINT_INT: case SYS_PUTC: case SYS_MEMGROW: case SYS_JOIN:
    case SYS_ACCEPT: case SYS_CLOSE: case SYS_FAULT:
      return 1;
    case SYS_PRINT_STR: case SYS_SERVE: case SYS_CONNECT: case SYS_RECV: case SYS_TRY_RECV:
    case SYS_WAIT: case SYS_UNMAP:
      return 2;
    case SYS_SPAWN: case SYS_SEND:
      return 3;
    default:
      return -1;
  }
}
