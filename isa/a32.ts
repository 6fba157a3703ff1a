// a32 — the accumulator machine: accumulator A, index register X, stack pointer SP and eight
// scratch registers; 16-bit instruction parcels; no multiply, no divide and no atomic
// read-modify-write: shared-memory synchronisation from an a32 core is impossible, so it
// must use messages.
import { type Format, type Isa, row } from './types.js';

// An instruction is one, two or three 16-bit little-endian parcels. The first parcel holds the
// opcode in its low byte and a register number or 8-bit immediate in its high byte; the
// following parcels hold a 16-bit pc-relative offset or a 32-bit value.
//
//   parcel 0              parcel 1        parcel 2
//  ┌─────────┬────────┐ ┌──────────────┐ ┌──────────────┐
//  │ r / imm8│ opcode │ │ off16 / low16│ │  high 16     │
//  └─────────┴────────┘ └──────────────┘ └──────────────┘
const formats: Record<string, Format> = {
  N: { name: 'N', size: 2, fields: [] },
  R: { name: 'R', size: 2, fields: [{ name: 'r', lo: 8, width: 3, kind: 'reg' }] },
  I8: { name: 'I8', size: 2, fields: [{ name: 'imm', lo: 8, width: 8, kind: 'simm' }] },
  U8: { name: 'U8', size: 2, fields: [{ name: 'n', lo: 8, width: 8, kind: 'uimm' }] },
  P16: { name: 'P16', size: 4, fields: [{ name: 'off', lo: 16, width: 16, kind: 'pcrel', scale: 2 }] },
  W32: { name: 'W32', size: 6, fields: [{ name: 'imm', lo: 16, width: 32, kind: 'abs' }] },
  P32: { name: 'P32', size: 6, fields: [{ name: 'off', lo: 16, width: 32, kind: 'pcrel', scale: 2 }] },
};

// Columns: mnemonic, opcode, format, operand syntax, cycles, flags, semantics.
// A accumulator, X index register, SP stack pointer, r one of r0–r7; next = address after
// this instruction; push x = SP ← SP − 4, M32[SP] ← x. An instruction that faults changes nothing.
const instructions = [
  // mnemonic  opcode format operands cycles flags        semantics
  row('lis',    0x01, 'I8',  'imm',   1, ['const'],    'A ← sx(imm)'),
  row('li',     0x02, 'W32', 'imm',   3, ['const'],    'A ← imm  (any 32-bit constant or address)'),
  row('get',    0x03, 'R',   'r',     1, ['alu'],      'A ← r'),
  row('put',    0x04, 'R',   'r',     1, ['alu'],      'r ← A'),
  row('tax',    0x05, 'N',   '',      1, ['alu'],      'X ← A'),
  row('txa',    0x06, 'N',   '',      1, ['alu'],      'A ← X'),
  row('add',    0x10, 'R',   'r',     1, ['alu'],      'A ← A + r'),
  row('sub',    0x11, 'R',   'r',     1, ['alu'],      'A ← A − r'),
  row('and',    0x12, 'R',   'r',     1, ['alu'],      'A ← A & r'),
  row('or',     0x13, 'R',   'r',     1, ['alu'],      'A ← A | r'),
  row('xor',    0x14, 'R',   'r',     1, ['alu'],      'A ← A ^ r'),
  row('shl',    0x15, 'R',   'r',     1, ['alu'],      'A ← A << (r & 31)'),
  row('shr',    0x16, 'R',   'r',     1, ['alu'],      'A ← A >>> (r & 31)  logical'),
  row('sar',    0x17, 'R',   'r',     1, ['alu'],      'A ← A >> (r & 31)  arithmetic'),
  row('slt',    0x18, 'R',   'r',     1, ['alu'],      'A ← (A <s r) ? 1 : 0'),
  row('sltu',   0x19, 'R',   'r',     1, ['alu'],      'A ← (A <u r) ? 1 : 0'),
  row('seq',    0x1a, 'R',   'r',     1, ['alu'],      'A ← (A = r) ? 1 : 0'),
  row('addi',   0x20, 'I8',  'imm',   1, ['alu'],      'A ← A + sx(imm)'),
  row('andi',   0x21, 'I8',  'imm',   1, ['alu'],      'A ← A & sx(imm)'),
  row('ori',    0x22, 'I8',  'imm',   1, ['alu'],      'A ← A | sx(imm)'),
  row('xori',   0x23, 'I8',  'imm',   1, ['alu'],      'A ← A ^ sx(imm)'),
  row('shli',   0x24, 'I8',  'imm',   1, ['alu'],      'A ← A << (imm & 31)'),
  row('shri',   0x25, 'I8',  'imm',   1, ['alu'],      'A ← A >>> (imm & 31)  logical'),
  row('sari',   0x26, 'I8',  'imm',   1, ['alu'],      'A ← A >> (imm & 31)  arithmetic'),
  row('neg',    0x28, 'N',   '',      1, ['alu'],      'A ← −A'),
  row('not',    0x29, 'N',   '',      1, ['alu'],      'A ← ~A  bitwise'),
  row('lw',     0x30, 'I8',  'imm',   2, ['load'],     'A ← M32[X + sx(imm)]; address must be 4-aligned'),
  row('lh',     0x31, 'I8',  'imm',   2, ['load'],     'A ← sx(M16[X + sx(imm)]); address must be 2-aligned'),
  row('lhu',    0x32, 'I8',  'imm',   2, ['load'],     'A ← zx(M16[X + sx(imm)]); address must be 2-aligned'),
  row('lb',     0x33, 'I8',  'imm',   2, ['load'],     'A ← sx(M8[X + sx(imm)])'),
  row('lbu',    0x34, 'I8',  'imm',   2, ['load'],     'A ← zx(M8[X + sx(imm)])'),
  row('sw',     0x38, 'I8',  'imm',   1, ['store'],    'M32[X + sx(imm)] ← A; address must be 4-aligned'),
  row('sh',     0x39, 'I8',  'imm',   1, ['store'],    'M16[X + sx(imm)] ← low 16 bits of A; address must be 2-aligned'),
  row('sb',     0x3a, 'I8',  'imm',   1, ['store'],    'M8[X + sx(imm)] ← low 8 bits of A'),
  row('push',   0x40, 'N',   '',      1, ['stack'],    'push A'),
  row('pop',    0x41, 'N',   '',      2, ['stack'],    'A ← M32[SP]; SP ← SP + 4'),
  row('lds',    0x42, 'U8',  'n',     2, ['load'],     'A ← M32[SP + 4·n]'),
  row('sts',    0x43, 'U8',  'n',     1, ['store'],    'M32[SP + 4·n] ← A'),
  row('spa',    0x44, 'U8',  'n',     1, ['alu'],      'A ← SP + 4·n'),
  row('adjsp',  0x45, 'I8',  'imm',   1, ['stack'],    'SP ← SP + 4·sx(imm)'),
  row('jmp',    0x50, 'P16', 'off',   1, ['jump'],     'pc ← pc + 2·off'),
  row('bz',     0x51, 'P16', 'off',   1, ['branch'],   'if A = 0: pc ← pc + 2·off'),
  row('bnz',    0x52, 'P16', 'off',   1, ['branch'],   'if A ≠ 0: pc ← pc + 2·off'),
  row('call',   0x53, 'P32', 'off',   3, ['call'],     'push next; pc ← pc + 2·off'),
  row('callr',  0x54, 'N',   '',      3, ['call'],     'push next; pc ← A'),
  row('ret',    0x55, 'N',   '',      2, ['ret'],      'pc ← M32[SP]; SP ← SP + 4'),
  row('sys',    0x60, 'U8',  'n',    20, ['sys'],      'system call n: arguments r0–r3, result in A'),
  row('halt',   0x61, 'N',   '',      1, ['halt'],     'stop this dispatcher: exit with code A'),
];

export const a32: Isa = {
  name: 'a32',
  index: 2,
  title: 'a32 — accumulator machine',
  description:
    'Accumulator A, index register X, stack pointer SP and eight scratch registers r0–r7; ' +
    '16-bit instruction parcels (instructions of 2, 4 or 6 bytes); X-indexed and SP-relative ' +
    'memory access. No multiply, no divide and no atomic read-modify-write instructions: an ' +
    'a32 core cannot take part in shared-memory synchronisation and must use messages.',
  instrAlign: 2,
  alignedData: true,
  registers: ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'],
  registerAliases: {},
  formats,
  instructions,
  pseudos: [],
  conventions: `
### Machine state
\`pc\`, the accumulator \`A\`, the index register \`X\`, the stack pointer \`SP\` and eight
scratch registers \`r0\`–\`r7\`, all 32 bits. Instructions are 2-byte aligned; 16- and
32-bit data accesses must be naturally aligned.

### Calling convention
The caller pushes the arguments left to right (argument 0 deepest) and \`call f\` pushes the
return address, so on entry argument i of n is at \`SP + 4·(n − i)\` (\`lds n-i\`). The result
is returned in \`A\`; the caller removes the arguments with \`adjsp n\`. \`r0\`–\`r7\` and \`X\` are
caller-saved; \`SP\` is preserved.

### Entry and exit
A dispatcher starts at its entry as if called with one argument: its stack holds the argument
and, above it, the exit address as return address. \`ret\` from the entry exits with code \`A\`;
\`halt\` also exits with code \`A\`.

### System calls
\`sys n\` performs system call n with arguments in r0–r3 and leaves the result in \`A\`. All
registers but \`A\` are preserved.
`,
};
