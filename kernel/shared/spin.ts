// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports.
//
// How a core waits in parallel mode: poll first, then block (as Barrelfish's receivers do).
// A message that arrives within the poll is seen at the cost of a few cache-line reads; only
// then does the waiter sleep, and a sleep costs a wake-up through the host (Atomics.wait and
// notify, tens of microseconds: DESIGN.md "Shared memory"). The polls are bounded so that a
// core nobody writes to gives its host thread back. Lockstep mode never polls: its cost model
// times every wake-up exactly.

/** peeks at an empty ring by a blocking recv before its dispatcher blocks (kernel/channel-calls.ts) */
export const RECV_SPIN_POLLS: u32 = 4000;
/** reads of its doorbell by an idle core's worker thread before it sleeps on it (host/core-worker.ts) */
export const DOORBELL_SPIN_POLLS: u32 = 20000;
