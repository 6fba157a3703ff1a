// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports and of
// anything but typed constants and small pure functions.
//
// The physical memory map: one shared WebAssembly.Memory is the machine's interconnect and
// all of its RAM. The regions down to the core blocks are fixed, defined here; where the
// ones after them fall (m.latBase … m.framesEnd) depends on the machine: memplan.ts plans
// them, and the host writes the plan into the machine block at boot (host/memory.ts). Every
// core's kernel instance addresses its own state from the core block the host hands to init().
//
//  0x0000_0000 ┌────────────────────────────────────┐
//              │ null page (never used)              │ 64 KiB
//  0x0001_0000 ├────────────────────────────────────┤ KWIN_BASE
//              │ kernel-r32 static data (read-only)  │ KWIN_SIZE each: the --memoryBase
//              │ kernel-s32 static data              │ window of each kernel module; only
//              │ kernel-a32 static data              │ read-only tables live here
//  0x0004_0000 ├────────────────────────────────────┤ MACHINE_BASE
//              │ machine block (MACHINE_SIZE)        │ written by the host at boot
//  0x0004_1000 ├────────────────────────────────────┤ CORES_BASE
//              │ core block 0 (CORE_SIZE)            │ one per core: written only by
//              │ core block 1 …                      │ that core (and its monitor), but
//              │                                     │ for its doorbell line
//              ├────────────────────────────────────┤ m.latBase
//              │ latency matrix: ncores² u16 cycles  │ cache-line transfer cost a → b
//              ├────────────────────────────────────┤ m.dirBase
//              │ coherence directory: DIR_ENTRY per  │ for every line from channelsBase
//              │ 64-byte line of the regions below   │ to framesEnd (lockstep cost model)
//              ├────────────────────────────────────┤ m.channelsBase
//              │ URPC channels: the monitor mesh,    │ shared/channel.ts draws one
//              │ then a pool per core for programs,  │
//              │ then a broadcast line per monitor   │
//              ├────────────────────────────────────┤ m.framesBase
//              │ physical frames, 4 KiB each:        │ page tables and program memory,
//              │ page tables, text, data, stacks     │ owned in shares by the monitors
//              └────────────────────────────────────┘ m.framesEnd = memory size
//
// Every region is page aligned; every per-core structure sits in its core's block, so two
// cores never write the same cache line except through a channel.

export const LINE_SIZE: u32 = 64;
export const WASM_PAGE: u32 = 65536;
/** Every kernel module's declared maximum memory (kernel/build.ts), 2 GiB: no machine is bigger. */
export const MAX_MEMORY_PAGES: u32 = 32768;

export const KWIN_BASE: u32 = 0x00010000;
export const KWIN_SIZE: u32 = 0x00010000;
/** --memoryBase of kernel-<isa>.wasm (isa index r32 = 0, s32 = 1, a32 = 2) */
export function kernelWindow(isa: i32): u32 {
  return KWIN_BASE + <u32>isa * KWIN_SIZE;
}

// ── machine block ─────────────────────────────────────────────────────────────────
export const MACHINE_BASE: u32 = 0x00040000;
export const MACHINE_SIZE: u32 = 0x1000;
export const M_MAGIC: u32 = 0;          // MACHINE_MAGIC once laid out
export const M_NCORES: u32 = 4;
export const M_MEM_PAGES: u32 = 8;      // memory size in 64 KiB Wasm pages
export const M_CHANNELS_BASE: u32 = 12;
export const M_FRAMES_BASE: u32 = 16;
export const M_FRAMES_END: u32 = 20;
export const M_TIMESLICE: u32 = 24;     // dispatcher time slice in cycles
export const M_FLAGS: u32 = 28;         // MF_* bits
export const M_LAT_BASE: u32 = 32;      // the latency matrix
export const M_DIR_BASE: u32 = 36;      // the coherence directory
export const M_BUDGET: u32 = 40;        // u64: cycle budget of every new dispatcher (0 = none)
export const MACHINE_MAGIC: u32 = 0x48534657; // "WFSH"
export const MF_PARALLEL: u32 = 1;      // cores run on worker threads
export const MF_COHERENCE: u32 = 2;     // charge cache-line transfers (lockstep cost model)

export const CORES_BASE: u32 = MACHINE_BASE + MACHINE_SIZE;

// ── core block ────────────────────────────────────────────────────────────────────
//  +0x0000  header line: id, isa, state, current dispatcher, run queue indices
//  +0x0040  time line: clock, instructions retired, idle cycles (u64 each)
//  +0x0080  counters: faults, syscalls, context switches, TLB misses
//  +0x0100  run queue: MAX_DISPATCHERS slot numbers (a ring)
//  +0x1000  dispatcher control blocks: MAX_DISPATCHERS × DCB_SIZE
//  +0x5000  TLB for reads, +0x5800 TLB for writes, +0x6000 TLB for instruction fetch
//  +0x7000  console buffer (CONSOLE_SIZE)
//  +0x8000  scratch line (an instruction straddling two pages is assembled here)
//  +0x8040  doorbell line: written by other cores to wake this one (its only shared line)
//  +0x9000  channel endpoints: MAX_ENDPOINTS × EP_SIZE (shared/channel.ts)
//  +0xa000  message buffer of the monitor (MSGBUF_SIZE)
//  +0xb000  trace buffer (TRACE_SIZE): records of what this core did, while tracing (shared/trace.ts)
//  +0x10000 end (CORE_SIZE)
export const CORE_SIZE: u32 = 0x10000;
export const C_ID: u32 = 0x00;
export const C_ISA: u32 = 0x04;
export const C_CURRENT: u32 = 0x08;     // slot of the running dispatcher, or NO_SLOT
export const C_RQ_HEAD: u32 = 0x0c;
export const C_RQ_COUNT: u32 = 0x10;
export const C_PERIOD: u32 = 0x14;      // picoseconds per cycle of this core
export const C_SLICE_END: u32 = 0x18;   // u64: clock at which the current slice ends
export const C_LAST: u32 = 0x20;        // the slot that ran last (a dispatcher resumed after
                                        // blocking, with nobody in between, needs no switch)
export const C_CLOCK: u32 = 0x40;       // u64: simulated cycles of this core
export const C_INSTRET: u32 = 0x48;     // u64: instructions retired
export const C_IDLE: u32 = 0x50;        // u64: cycles spent idle
export const C_STALL: u32 = 0x58;       // u64: cycles stalled on cache-line transfers
export const C_FAULTS: u32 = 0x80;
export const C_SYSCALLS: u32 = 0x84;
export const C_SWITCHES: u32 = 0x88;
export const C_TLB_MISSES: u32 = 0x8c;
export const C_MSGS_SENT: u32 = 0x90;   // URPC messages sent (slots written)
export const C_MSGS_RECV: u32 = 0x94;   // URPC messages received (slots read)
export const C_RUNQ: u32 = 0x100;
export const C_DCBS: u32 = 0x1000;
export const C_TLB_READ: u32 = 0x5000;
export const C_TLB_WRITE: u32 = 0x5800;
export const C_TLB_EXEC: u32 = 0x6000;
export const C_CONSOLE: u32 = 0x7000;
export const CONSOLE_SIZE: u32 = 0x1000;
export const C_SCRATCH: u32 = 0x8000;   // 64 bytes: an instruction that straddles two pages
export const C_DOORBELL: u32 = 0x8040;  // DB_* bits, set by other cores (atomic or)
export const C_ASLEEP: u32 = 0x8044;    // 1 while the core waits on its doorbell (parallel mode)
export const C_ENDPOINTS: u32 = 0x9000;
export const C_MSGBUF: u32 = 0xa000;
export const MSGBUF_SIZE: u32 = 0x1000;
export const C_TRACE: u32 = 0xb000;
export const TRACE_SIZE: u32 = CORE_SIZE - C_TRACE;

// Doorbell bits: why another core rang.
export const DB_CHANNEL: u32 = 1;       // a channel a dispatcher here waits on has news
export const DB_MONITOR: u32 = 2;       // a message for this core's monitor
export const DB_BROADCAST: u32 = 4;     // a monitor wrote its broadcast line

export const MAX_DISPATCHERS: u32 = 64;
export const NO_SLOT: u32 = 0xffffffff;

/** Address of core `core`'s block. */
export function coreBlock(core: u32): u32 {
  return CORES_BASE + core * CORE_SIZE;
}

/** Address of the control block of dispatcher slot `slot` on core `core`. */
export function dcbAddress(core: u32, slot: u32): u32 {
  return coreBlock(core) + C_DCBS + slot * DCB_SIZE;
}

// ── coherence directory ──────────────────────────────────────────────────────────
// One entry per 64-byte line of [channelsBase, framesEnd):
//  ┌────────────────────────┬──────────────┬────┬─────────────────────────┬─────────────────────────┐
//  │ u64 time of last write │ u16 writer+1 │ —  │ u32 sharers (core % 32) │ u32 recent writers      │ 20 bytes,
//  │ (picoseconds)          │ (0: none)    │    │ since the last write    │ (core % 32)             │ 24 apart
//  └────────────────────────┴──────────────┴────┴─────────────────────────┴─────────────────────────┘
export const DIR_ENTRY: u32 = 24;
export const DIR_TIME: u32 = 0;
export const DIR_WRITER: u32 = 8;
export const DIR_SHARERS: u32 = 12;
export const DIR_WRITERS: u32 = 16;

// ── software TLB ──────────────────────────────────────────────────────────────────
// Three direct-mapped arrays of TLB_ENTRIES entries, one per access kind, each entry
//  ┌──────────────────────────────┬────────────────────────────┐
//  │ tag: (va & ~0xfff) | asid    │ physical address of frame  │   8 bytes
//  └──────────────────────────────┴────────────────────────────┘
// An entry is only filled when the page permits that access kind, so a hit needs no
// permission check. TLB_INVALID never matches (asid 0xfff is never assigned).
export const TLB_ENTRIES: u32 = 256;
export const TLB_INVALID: u32 = 0xffffffff;
export const MAX_ASID: u32 = 0xffe;

// ── dispatcher control block (DCB) ────────────────────────────────────────────────
// A dispatcher is a program's presence on one core. Registers live here while it runs.
export const DCB_SIZE: u32 = 256;
export const D_STATE: u32 = 0;          // DS_*
export const D_ID: u32 = 4;             // machine-wide dispatcher id
export const D_ASID: u32 = 8;           // address space (= program / domain) id
export const D_PTROOT: u32 = 12;        // physical address of the page directory
export const D_PC: u32 = 16;
export const D_EXIT_CODE: u32 = 20;
export const D_FAULT: u32 = 24;         // FAULT_* code
export const D_FAULT_ADDR: u32 = 28;    // faulting data address (or pc)
export const D_FAULT_PC: u32 = 32;
export const D_FAULT_INSN: u32 = 36;    // 8 bytes: the instruction bytes at the faulting pc
export const D_SYS_NUM: u32 = 44;       // system call being served by the host
export const D_SYS_ARGS: u32 = 48;      // 4 words: its arguments
export const D_REGS: u32 = 64;          // 16 words: the ISA's registers (see below)
export const D_CYCLES: u32 = 128;       // u64: cycles this dispatcher has run
export const D_INSTRET: u32 = 136;      // u64: its instructions retired
export const D_STACK_SLOT: u32 = 144;   // its stack slot in the address space
export const D_RESULT_PENDING: u32 = 148; // 1: deliver D_RESULT to the ISA's result register
export const D_RESULT: u32 = 152;
export const D_BLOCKED_ON: u32 = 156;   // what a blocked dispatcher waits for (host-defined)
export const D_BUDGET: u32 = 160;       // u64: the most cycles (D_CYCLES) it may run (0 = unlimited)
export const D_SYS_PC: u32 = 168;       // pc of the last `sys` instruction
export const D_MSG_DONE: u32 = 180;     // send()/recv() that blocked: words of the message copied so far
                                        // (kernel/channel-calls.ts; 0 between calls)
export const D_WAIT_NEXT: u32 = 184;    // wait(): where the next scan starts (round robin)

// What a blocked dispatcher waits for (D_BLOCKED_ON).
export const BLK_HOST: u32 = 0;         // its monitor completes it
export const BLK_CHANNEL: u32 = 1;      // a channel operation: retried when the doorbell rings

// Dispatcher states.
export const DS_FREE: u32 = 0;
export const DS_RUNNABLE: u32 = 1;
export const DS_BLOCKED: u32 = 2;
export const DS_EXITED: u32 = 3;
export const DS_FAULTED: u32 = 4;

// Register slots in D_REGS per ISA.
//  r32: regs[i] = ri (i = 0..15; regs[0] stays 0)
//  s32: regs[0] = sp, regs[1] = fp
//  a32: regs[0] = A, regs[1] = X, regs[2] = SP, regs[3 + i] = ri (i = 0..7)
export const S32_SP: u32 = 0;
export const S32_FP: u32 = 1;
export const A32_A: u32 = 0;
export const A32_X: u32 = 1;
export const A32_SP: u32 = 2;
export const A32_R0: u32 = 3;

// ── page tables ───────────────────────────────────────────────────────────────────
// Two levels over the 32-bit virtual address, 4 KiB pages, tables in physical frames:
//   va = │ dir index (10) │ table index (10) │ offset (12) │
// directory entry: physical address of a page table | PTE_PRESENT
// table entry:     physical address of the frame    | PTE_* flags
export const PTE_PRESENT: u32 = 1;
export const PTE_WRITE: u32 = 2;
export const PTE_EXEC: u32 = 4;
/** the page is shared between cores: accesses go through the coherence directory */
export const PTE_SHARED: u32 = 8;
export const PTE_FLAGS: u32 = 0xfff;

/** Physical address of the directory entry for `va` in directory `root`. */
export function pdeAddr(root: u32, va: u32): u32 {
  return root + ((va >>> 22) << 2);
}

/** Physical address of the table entry for `va` in page table `table`. */
export function pteAddr(table: u32, va: u32): u32 {
  return table + (((va >>> 12) & 0x3ff) << 2);
}
