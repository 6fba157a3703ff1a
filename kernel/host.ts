// The Wasm/host boundary, kernel side: everything the kernel asks of the host (TypeScript,
// host/hardware/kernel.ts) goes through these imports. Codes are in shared/kabi.ts.

/** Dispatcher `slot` wrote `len` bytes to this core's console buffer (C_CONSOLE). */
@external("env", "host_console")
export declare function hostConsole(slot: u32, len: u32): void;

/** Dispatcher `slot` exited or faulted (EV_*); its DCB holds the details. */
@external("env", "host_event")
export declare function hostEvent(kind: i32, slot: u32): void;

/**
 * System call `num` of dispatcher `slot` is served by the host (its monitor): arguments are
 * in the DCB. Returns HS_DONE after calling complete() (or fault()), or HS_BLOCKED.
 */
@external("env", "host_syscall")
export declare function hostSyscall(slot: u32, num: i32): i32;

/** This kernel rang core `core`'s doorbell: in lockstep mode the host schedules that core. */
@external("env", "host_wake")
export declare function hostWake(core: u32): void;

/** Nanoseconds of the host's wall clock since the run began: trace records in parallel mode. */
@external("env", "host_time")
export declare function hostTime(): f64;
