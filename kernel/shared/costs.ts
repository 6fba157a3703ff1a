// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports.
//
// Simulated cycle costs of work that is not a guest instruction: kernel paths and, later,
// monitor operations. One table, the same for every experiment. Guest instruction costs
// are in the ISA tables (isa/<name>.ts); memory-system costs come from the topology.

/** kernel entry, dispatch and return of a system call (on top of the `sys` instruction) */
export const KERNEL_SYSCALL_CYCLES: u32 = 40;
/** saving one dispatcher and resuming another on the same core */
export const CONTEXT_SWITCH_CYCLES: u32 = 150;
/** default dispatcher time slice */
export const DEFAULT_TIMESLICE: u32 = 20000;
