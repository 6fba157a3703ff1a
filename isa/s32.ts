// s32 — the stack machine: an operand stack in memory, byte-coded variable-length
// instructions, hardware multiply but no divide (compilers call a software routine),
// atomic compare-and-swap and fetch-add.
import { type Format, type Isa, row } from './types.js';

// An instruction is an opcode byte followed by 0, 1, 2 or 4 operand bytes (little-endian).
//
//   byte 0    byte 1 … byte 4
//  ┌────────┬──────────────────┐
//  │ opcode │ operand (0–4 B)  │
//  └────────┴──────────────────┘
const formats: Record<string, Format> = {
  N: { name: 'N', size: 1, fields: [] },
  B8: { name: 'B8', size: 2, fields: [{ name: 'k', lo: 8, width: 8, kind: 'simm' }] },
  U8: { name: 'U8', size: 2, fields: [{ name: 'n', lo: 8, width: 8, kind: 'uimm' }] },
  W32: { name: 'W32', size: 5, fields: [{ name: 'imm', lo: 8, width: 32, kind: 'abs' }] },
  R16: { name: 'R16', size: 3, fields: [{ name: 'off', lo: 8, width: 16, kind: 'pcrel', scale: 1 }] },
  R32: { name: 'R32', size: 5, fields: [{ name: 'off', lo: 8, width: 32, kind: 'pcrel', scale: 1 }] },
};

// Columns: mnemonic, opcode, format, operand syntax, cycles, flags, semantics.
// Stack effects are written ( before -- after ) with the top of the stack on the right;
// push x = sp ← sp − 4, M32[sp] ← x; pop = M32[sp], sp ← sp + 4; next = address after
// this instruction. An instruction that faults changes nothing.
const instructions = [
  // mnemonic  opcode format operands  cycles flags                semantics
  row('push8',  0x01, 'B8',  'k',    1, ['const', 'stack'], '( -- sx(k) )'),
  row('push',   0x02, 'W32', 'imm',  2, ['const', 'stack'], '( -- imm )  any 32-bit constant or address'),
  row('dup',    0x03, 'N',   '',     1, ['stack'],          '( a -- a a )'),
  row('drop',   0x04, 'N',   '',     1, ['stack'],          '( a -- )'),
  row('swap',   0x05, 'N',   '',     1, ['stack'],          '( a b -- b a )'),
  row('over',   0x06, 'N',   '',     1, ['stack'],          '( a b -- a b a )'),
  row('add',    0x10, 'N',   '',     1, ['alu'],            '( a b -- a+b )'),
  row('sub',    0x11, 'N',   '',     1, ['alu'],            '( a b -- a−b )'),
  row('mul',    0x12, 'N',   '',     3, ['mul'],            '( a b -- low 32 bits of a×b )'),
  row('and',    0x13, 'N',   '',     1, ['alu'],            '( a b -- a&b )'),
  row('or',     0x14, 'N',   '',     1, ['alu'],            '( a b -- a|b )'),
  row('xor',    0x15, 'N',   '',     1, ['alu'],            '( a b -- a^b )'),
  row('shl',    0x16, 'N',   '',     1, ['alu'],            '( a b -- a << (b & 31) )'),
  row('shr',    0x17, 'N',   '',     1, ['alu'],            '( a b -- a >>> (b & 31) )  logical'),
  row('sar',    0x18, 'N',   '',     1, ['alu'],            '( a b -- a >> (b & 31) )  arithmetic'),
  row('lt',     0x19, 'N',   '',     1, ['alu'],            '( a b -- a <s b ? 1 : 0 )'),
  row('ltu',    0x1a, 'N',   '',     1, ['alu'],            '( a b -- a <u b ? 1 : 0 )'),
  row('eq',     0x1b, 'N',   '',     1, ['alu'],            '( a b -- a = b ? 1 : 0 )'),
  row('ne',     0x1c, 'N',   '',     1, ['alu'],            '( a b -- a ≠ b ? 1 : 0 )'),
  row('neg',    0x1d, 'N',   '',     1, ['alu'],            '( a -- −a )'),
  row('not',    0x1e, 'N',   '',     1, ['alu'],            '( a -- ~a )  bitwise'),
  row('eqz',    0x1f, 'N',   '',     1, ['alu'],            '( a -- a = 0 ? 1 : 0 )'),
  row('ldw',    0x20, 'N',   '',     2, ['load'],           '( addr -- M32[addr] )'),
  row('ldh',    0x21, 'N',   '',     2, ['load'],           '( addr -- sx(M16[addr]) )'),
  row('ldhu',   0x22, 'N',   '',     2, ['load'],           '( addr -- zx(M16[addr]) )'),
  row('ldb',    0x23, 'N',   '',     2, ['load'],           '( addr -- sx(M8[addr]) )'),
  row('ldbu',   0x24, 'N',   '',     2, ['load'],           '( addr -- zx(M8[addr]) )'),
  row('stw',    0x28, 'N',   '',     1, ['store'],          '( addr v -- )  M32[addr] ← v'),
  row('sth',    0x29, 'N',   '',     1, ['store'],          '( addr v -- )  M16[addr] ← low 16 bits of v'),
  row('stb',    0x2a, 'N',   '',     1, ['store'],          '( addr v -- )  M8[addr] ← low 8 bits of v'),
  row('ldl',    0x30, 'B8',  'k',    2, ['load'],           '( -- M32[fp + 4·sx(k)] )  local or argument'),
  row('stl',    0x31, 'B8',  'k',    1, ['store'],          '( v -- )  M32[fp + 4·sx(k)] ← v'),
  row('lla',    0x32, 'B8',  'k',    1, ['alu'],            '( -- fp + 4·sx(k) )  address of a local'),
  row('enter',  0x34, 'U8',  'n',    3, ['stack'],          'push fp; fp ← sp; sp ← sp − 4·n  (frame with n local words)'),
  row('ret',    0x35, 'U8',  'n',    4, ['ret'],            'v ← pop; sp ← fp; fp ← pop; ra ← pop; sp ← sp + 4·n; push v; pc ← ra'),
  row('jmp',    0x38, 'R16', 'off',  1, ['jump'],           'pc ← pc + sx(off)'),
  row('jz',     0x39, 'R16', 'off',  1, ['branch'],         '( a -- )  if a = 0: pc ← pc + sx(off)'),
  row('jnz',    0x3a, 'R16', 'off',  1, ['branch'],         '( a -- )  if a ≠ 0: pc ← pc + sx(off)'),
  row('call',   0x3b, 'R32', 'off',  3, ['call'],           'push next; pc ← pc + off'),
  row('callr',  0x3c, 'N',   '',     3, ['call'],           '( target -- next )  pc ← target'),
  row('cas',    0x40, 'N',   '',     8, ['atomic'],         '( addr expect new -- old )  atomically: old ← M32[addr]; if old = expect: M32[addr] ← new'),
  row('faa',    0x41, 'N',   '',     8, ['atomic'],         '( addr v -- old )  atomically: old ← M32[addr]; M32[addr] ← old + v'),
  row('sys',    0x50, 'U8',  'n',   20, ['sys'],            '( a0 … ak−1 -- result )  system call n with its k arguments, the last on top'),
  row('halt',   0x51, 'N',   '',     1, ['halt'],           '( code -- )  stop this dispatcher: exit with code'),
];

export const s32: Isa = {
  name: 's32',
  index: 1,
  title: 's32 — stack machine',
  description:
    'Operand stack in memory, byte-coded variable-length instructions (1, 2, 3 or 5 bytes), ' +
    'frame-pointer addressed locals, multiply but no divide (the compiler calls a software ' +
    'routine), atomic compare-and-swap and fetch-add. Unaligned data accesses are allowed.',
  instrAlign: 1,
  alignedData: false,
  registers: [],
  registerAliases: {},
  formats,
  instructions,
  pseudos: [],
  conventions: `
### Machine state
\`pc\`, \`sp\` (top of the operand stack, which lives in memory and grows down) and \`fp\`
(frame pointer). There are no general registers: every instruction takes its operands from
the top of the stack and pushes its result. Instructions are byte aligned; data accesses may
be unaligned.

### Calling convention
The caller pushes the arguments left to right (argument 0 deepest), then \`call f\` pushes
the return address. The callee begins with \`enter n\` (saves \`fp\`, makes room for \`n\`
local words), so that in its frame

| address | holds |
|---|---|
| \`fp + 8 + 4·(nargs − 1 − i)\` | argument i (\`ldl 2\` is the last argument) |
| \`fp + 4\` | return address |
| \`fp + 0\` | the caller's \`fp\` |
| \`fp − 4·(j + 1)\` | local j (\`ldl -1\` is local 0) |

It ends with its result on top of the stack and \`ret nargs\`, which restores the caller's
\`fp\`, pops the arguments and leaves the result on top of the caller's stack.

### Entry and exit
A dispatcher starts at its entry as if called with one argument: its stack holds the argument
and, above it, the exit address as return address; \`fp\` = 0. \`ret 1\` from the entry exits
with the returned value as the exit code. \`halt\` exits with the code on top of the stack.

### System calls
\`sys n\` pops the k arguments of system call n (k is the call's arity, see
docs/syscalls.md; the last argument is on top) and pushes the result.
`,
};
