// The builtin functions of Minnow, one row each: their parameters and what they become.
// Most are one system call (kernel/shared/syscalls.ts, docs/syscalls.md); a string
// parameter becomes two system-call arguments, the address and the length of the literal.
import {
  SYS_ACCEPT, SYS_CLOSE, SYS_CONNECT, SYS_CORE_ID, SYS_CYCLES, SYS_EXIT, SYS_JOIN, SYS_NCORES, SYS_PRINT_INT,
  SYS_PRINT_STR, SYS_PUTC, SYS_RECV, SYS_SEND, SYS_SERVE, SYS_SPAWN, SYS_TRY_RECV, SYS_WAIT, SYS_YIELD,
} from '../../kernel/shared/syscalls.js';

/** `int` any expression; `string` a string literal; `fn` the name of a function of the program */
export type ParamKind = 'int' | 'string' | 'fn';

export type BuiltinOp =
  | { readonly kind: 'sys'; readonly n: number }
  | { readonly kind: 'load' }
  | { readonly kind: 'store' }
  | { readonly kind: 'atomic'; readonly op: 'faa' | 'cas' };

export interface Builtin {
  readonly name: string;
  /** the parameters as messages and docs show them: `spawn(core, fn, arg)` */
  readonly args: string;
  readonly params: readonly ParamKind[];
  readonly op: BuiltinOp;
  /** one line for docs/minnow.md */
  readonly doc: string;
}

const sys = (n: number): BuiltinOp => ({ kind: 'sys', n });

const BUILTINS: readonly Builtin[] = [
  { name: 'print', args: 'x', params: ['int'], op: sys(SYS_PRINT_INT), doc: 'prints x in decimal and a newline' },
  { name: 'putc', args: 'c', params: ['int'], op: sys(SYS_PUTC), doc: 'prints the byte c & 0xff' },
  { name: 'puts', args: '"s"', params: ['string'], op: sys(SYS_PRINT_STR), doc: 'prints the string (no newline added)' },
  { name: 'exit', args: 'code', params: ['int'], op: sys(SYS_EXIT), doc: 'ends this dispatcher with the exit code' },
  { name: 'yield', args: '', params: [], op: sys(SYS_YIELD), doc: 'lets the other dispatchers of this core run' },
  { name: 'core_id', args: '', params: [], op: sys(SYS_CORE_ID), doc: 'the number of the core this code runs on' },
  { name: 'ncores', args: '', params: [], op: sys(SYS_NCORES), doc: 'the number of cores of the machine' },
  { name: 'cycles', args: '', params: [], op: sys(SYS_CYCLES), doc: "the low 32 bits of this core's simulated clock" },
  { name: 'spawn', args: 'core, fn, arg', params: ['int', 'fn', 'int'], op: sys(SYS_SPAWN), doc: 'runs fn(arg) in a new dispatcher on core; its id, or < 0' },
  { name: 'join', args: 'id', params: ['int'], op: sys(SYS_JOIN), doc: 'waits for dispatcher id to end; its exit code' },
  { name: 'load', args: 'addr', params: ['int'], op: { kind: 'load' }, doc: 'the word at address addr' },
  { name: 'store', args: 'addr, v', params: ['int', 'int'], op: { kind: 'store' }, doc: 'writes v to the word at address addr; 0' },
  { name: 'atomic_add', args: 'addr, v', params: ['int', 'int'], op: { kind: 'atomic', op: 'faa' }, doc: 'adds v to the word at addr atomically; the old value' },
  { name: 'cas', args: 'addr, expect, new', params: ['int', 'int', 'int'], op: { kind: 'atomic', op: 'cas' }, doc: 'if the word at addr is expect, writes new, atomically; the old value' },
  { name: 'serve', args: '"name"', params: ['string'], op: sys(SYS_SERVE), doc: 'exports a service under the name; a service handle' },
  { name: 'accept', args: 'service', params: ['int'], op: sys(SYS_ACCEPT), doc: 'waits for a client of the service; a channel' },
  { name: 'connect', args: '"name"', params: ['string'], op: sys(SYS_CONNECT), doc: 'waits until the named service accepts; a channel' },
  { name: 'send', args: 'ch, buf, n', params: ['int', 'int', 'int'], op: sys(SYS_SEND), doc: 'sends the n words at buf as one message; 0, or < 0' },
  { name: 'recv', args: 'ch, buf', params: ['int', 'int'], op: sys(SYS_RECV), doc: 'waits for a message, copies it to buf; its length in words' },
  { name: 'try_recv', args: 'ch, buf', params: ['int', 'int'], op: sys(SYS_TRY_RECV), doc: 'like recv, but -1 at once if no message is waiting' },
  { name: 'wait', args: 'chans, n', params: ['int', 'int'], op: sys(SYS_WAIT), doc: 'waits until one of the n channels in the array chans has a message; its index' },
  { name: 'close', args: 'ch', params: ['int'], op: sys(SYS_CLOSE), doc: 'closes the channel' },
];

export const builtinByName = new Map(BUILTINS.map((b) => [b.name, b]));
