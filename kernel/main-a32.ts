// kernel-a32.wasm: the CPU driver for an a32 core — the shared driver (api.ts, sched.ts,
// dispatcher.ts, syscall.ts, vm.ts) plus the a32 interpreter.
// Built by `npx asc kernel/main-a32.ts --config asconfig.json --target a32` (kernel/build.ts).
import { initCoherence } from "./coherence";
import { initCore } from "./core";
import { createDispatcher } from "./dispatcher";
import { ISA_INDEX } from "./generated/a32";
import { interpret, start } from "./interp/a32";
import { debugRun, runCore, runnableDispatchers } from "./sched";

export * from "./api";

/**
 * Binds this instance to core `core` whose block is at `base` (host/memory.ts lays it out);
 * `period` is the core's clock period in picoseconds.
 */
export function init(core: u32, base: u32, period: u32): void {
  initCore(core, base, ISA_INDEX, period);
  initCoherence();
}

/** Runs this core until its clock reaches `limit`: RUN_LIMIT, or RUN_IDLE when nothing is runnable. */
export function run(limit: f64): i32 {
  return runCore(<u64>limit, interpret);
}

/** Creates and queues a dispatcher; returns its slot, or < 0 (see createDispatcher). */
export function dispatcher_create(id: u32, asid: u32, root: u32, entry: u32, arg: u32, stackSlot: u32): i32 {
  return createDispatcher(id, asid, root, entry, arg, stackSlot, start);
}

/** Runs one dispatcher without serving system calls until `until` or a stop (STOP_*). */
export function debug_run(slot: u32, until: f64): i32 {
  return debugRun(slot, <u64>until, interpret);
}

/** Dispatchers on this core that can run now. */
export function runnable(): u32 {
  return runnableDispatchers();
}
