// The symbols every assembly program knows without defining them: the system call numbers of
// kernel/shared/syscalls.ts, so `sys SYS_PRINT_INT` means what the kernel means by it and no
// program carries its own copy of the numbers. docs/assembler.md lists them.
import * as syscalls from '../../kernel/shared/syscalls.js';

/** Where the predefined symbols come from, for messages and the docs. */
export const PREDEFINED_FROM = 'kernel/shared/syscalls.ts';

/**
 * name → value, by value: each `SYS_*` constant that numbers a system call (one the kernel
 * gives an arity; `SYS_COUNT`, one past the last, is not one).
 */
export const PREDEFINED: ReadonlyMap<string, number> = new Map(
  Object.entries(syscalls)
    .filter((e): e is [string, number] => e[0].startsWith('SYS_') && typeof e[1] === 'number' && syscalls.sysArity(e[1]) >= 0)
    .sort((a, b) => a[1] - b[1]),
);
