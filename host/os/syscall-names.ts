// System calls by name, as traces, monitor steps and the debugger show them: the names of
// kernel/shared/syscalls.ts's SYS_* constants, lower case.
import * as syscalls from '../../kernel/shared/syscalls.js';

const SYSCALL_NAMES = new Map<number, string>(
  Object.entries(syscalls).filter(([k, v]) => k.startsWith('SYS_') && k !== 'SYS_COUNT' && typeof v === 'number')
    .map(([k, v]) => [v as number, k.slice(4).toLowerCase()]),
);

/** `recv` for SYS_RECV, … (`sys N` for a number that is no system call). */
export function syscallName(n: number): string {
  return SYSCALL_NAMES.get(n) ?? `sys ${n}`;
}
