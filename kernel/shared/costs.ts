// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports.
//
// Simulated cycle costs of work that is not a guest instruction: kernel paths and monitor
// operations. One table, the same for every experiment. Guest instruction costs
// are in the ISA tables (isa/<name>.ts); memory-system costs come from the topology.

/** kernel entry, dispatch and return of a system call (on top of the `sys` instruction) */
export const KERNEL_SYSCALL_CYCLES: u32 = 40;
/** saving one dispatcher and resuming another on the same core */
export const CONTEXT_SWITCH_CYCLES: u32 = 150;
/**
 * Cores that wrote a cache line within this many cycles of each other contend for it
 * (kernel/coherence.ts): about the time a handful of transfers take.
 */
export const CONTENTION_WINDOW: u32 = 2000;
/** default dispatcher time slice */
export const DEFAULT_TIMESLICE: u32 = 20000;

// Monitors are host code: the guest instructions they would execute do not exist, so their
// work is charged to their core's clock by this table (on top of the cache lines their
// channel messages actually move).
/** a system call served by the monitor: into the monitor's dispatcher and back */
export const MONITOR_CALL_CYCLES: u32 = 500;
/** handling one protocol message from another monitor */
export const MONITOR_MESSAGE_CYCLES: u32 = 300;
/** marshalling and sending one protocol message */
export const MONITOR_SEND_CYCLES: u32 = 150;
/** creating a dispatcher: its control block, stack and address-space bookkeeping */
export const MONITOR_SPAWN_CYCLES: u32 = 4000;
/** setting up a channel between two dispatchers */
export const MONITOR_BIND_CYCLES: u32 = 1500;
/** how long a two-phase-commit coordinator waits for votes before it aborts */
export const AGREEMENT_TIMEOUT_CYCLES: u32 = 200000;
/** mapping one page (frame allocation and page-table update) */
export const MONITOR_MAP_PAGE_CYCLES: u32 = 100;
