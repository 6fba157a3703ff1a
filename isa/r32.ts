// r32 — the register machine: 16 registers, fixed 32-bit little-endian instruction words,
// load/store, three-operand ALU, multiply and divide, atomic compare-and-swap and fetch-add.
import { type Format, type Isa, type PseudoDef, row } from './types.js';

// Every r32 instruction is one 32-bit word; bits 0-7 hold the opcode.
//
//   31            16 15  12 11   8 7      0
//  ┌────────────────┬──────┬──────┬────────┐
//  │   imm / off    │ rs1  │rd/rs2│ opcode │   I, U, L, S, B  (R puts rs2 in bits 16-19)
//  └────────────────┴──────┴──────┴────────┘
const formats: Record<string, Format> = {
  R: { name: 'R', size: 4, fields: [
    { name: 'rd', lo: 8, width: 4, kind: 'reg' },
    { name: 'rs1', lo: 12, width: 4, kind: 'reg' },
    { name: 'rs2', lo: 16, width: 4, kind: 'reg' }] },
  I: { name: 'I', size: 4, fields: [
    { name: 'rd', lo: 8, width: 4, kind: 'reg' },
    { name: 'rs1', lo: 12, width: 4, kind: 'reg' },
    { name: 'imm', lo: 16, width: 16, kind: 'simm' }] },
  U: { name: 'U', size: 4, fields: [
    { name: 'rd', lo: 8, width: 4, kind: 'reg' },
    { name: 'rs1', lo: 12, width: 4, kind: 'reg' },
    { name: 'imm', lo: 16, width: 16, kind: 'uimm' }] },
  L: { name: 'L', size: 4, fields: [
    { name: 'rd', lo: 8, width: 4, kind: 'reg' },
    { name: 'imm', lo: 16, width: 16, kind: 'uimm' }] },
  S: { name: 'S', size: 4, fields: [
    { name: 'rs2', lo: 8, width: 4, kind: 'reg' },
    { name: 'rs1', lo: 12, width: 4, kind: 'reg' },
    { name: 'imm', lo: 16, width: 16, kind: 'simm' }] },
  B: { name: 'B', size: 4, fields: [
    { name: 'rs1', lo: 8, width: 4, kind: 'reg' },
    { name: 'rs2', lo: 12, width: 4, kind: 'reg' },
    { name: 'off', lo: 16, width: 16, kind: 'pcrel', scale: 4 }] },
  J: { name: 'J', size: 4, fields: [
    { name: 'off', lo: 8, width: 24, kind: 'pcrel', scale: 4 }] },
  JR: { name: 'JR', size: 4, fields: [
    { name: 'rs1', lo: 12, width: 4, kind: 'reg' }] },
  T: { name: 'T', size: 4, fields: [
    { name: 'n', lo: 16, width: 16, kind: 'uimm' }] },
  N: { name: 'N', size: 4, fields: [] },
};

// Columns: mnemonic, opcode, format, operand syntax, cycles, flags, semantics.
// Notation (docs/isa/README.md): x[r] register r (x[0] reads 0, writes are dropped);
// M32/M16/M8[a] memory; sx/zx sign/zero extension; next = pc + 4.
const instructions = [
  // mnemonic  opcode format operands          cycles flags          semantics
  row('add',    0x01, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 + rs2'),
  row('sub',    0x02, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 − rs2'),
  row('and',    0x03, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 & rs2'),
  row('or',     0x04, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 | rs2'),
  row('xor',    0x05, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 ^ rs2'),
  row('shl',    0x06, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 << (rs2 & 31)'),
  row('shr',    0x07, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 >>> (rs2 & 31)  (logical)'),
  row('sar',    0x08, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← rs1 >> (rs2 & 31)  (arithmetic)'),
  row('slt',    0x09, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← (rs1 <s rs2) ? 1 : 0'),
  row('sltu',   0x0a, 'R', 'rd, rs1, rs2',      1, ['alu'],          'rd ← (rs1 <u rs2) ? 1 : 0'),
  row('mul',    0x0b, 'R', 'rd, rs1, rs2',      3, ['mul'],          'rd ← low 32 bits of rs1 × rs2'),
  row('div',    0x0c, 'R', 'rd, rs1, rs2',     12, ['div'],          'rd ← rs1 ÷s rs2, truncated toward zero; rs2 = 0: fault divide-by-zero; −2³¹ ÷ −1 = −2³¹'),
  row('divu',   0x0d, 'R', 'rd, rs1, rs2',     12, ['div'],          'rd ← rs1 ÷u rs2; rs2 = 0: fault divide-by-zero'),
  row('rem',    0x0e, 'R', 'rd, rs1, rs2',     12, ['div'],          'rd ← rs1 rem rs2, sign of rs1; rs2 = 0: fault divide-by-zero; −2³¹ rem −1 = 0'),
  row('remu',   0x0f, 'R', 'rd, rs1, rs2',     12, ['div'],          'rd ← rs1 remu rs2; rs2 = 0: fault divide-by-zero'),
  row('addi',   0x10, 'I', 'rd, rs1, imm',      1, ['alu'],          'rd ← rs1 + sx(imm)'),
  row('slti',   0x11, 'I', 'rd, rs1, imm',      1, ['alu'],          'rd ← (rs1 <s sx(imm)) ? 1 : 0'),
  row('sltiu',  0x12, 'I', 'rd, rs1, imm',      1, ['alu'],          'rd ← (rs1 <u sx(imm)) ? 1 : 0'),
  row('andi',   0x13, 'U', 'rd, rs1, imm',      1, ['alu'],          'rd ← rs1 & zx(imm)'),
  row('ori',    0x14, 'U', 'rd, rs1, imm',      1, ['alu'],          'rd ← rs1 | zx(imm)'),
  row('xori',   0x15, 'U', 'rd, rs1, imm',      1, ['alu'],          'rd ← rs1 ^ zx(imm)'),
  row('shli',   0x16, 'I', 'rd, rs1, imm',      1, ['alu'],          'rd ← rs1 << (imm & 31)'),
  row('shri',   0x17, 'I', 'rd, rs1, imm',      1, ['alu'],          'rd ← rs1 >>> (imm & 31)  (logical)'),
  row('sari',   0x18, 'I', 'rd, rs1, imm',      1, ['alu'],          'rd ← rs1 >> (imm & 31)  (arithmetic)'),
  row('lui',    0x19, 'L', 'rd, imm',           1, ['alu', 'const'], 'rd ← imm << 16'),
  row('lw',     0x20, 'I', 'rd, imm(rs1)',      2, ['load'],         'rd ← M32[rs1 + sx(imm)]; address must be 4-aligned'),
  row('lh',     0x21, 'I', 'rd, imm(rs1)',      2, ['load'],         'rd ← sx(M16[rs1 + sx(imm)]); address must be 2-aligned'),
  row('lhu',    0x22, 'I', 'rd, imm(rs1)',      2, ['load'],         'rd ← zx(M16[rs1 + sx(imm)]); address must be 2-aligned'),
  row('lb',     0x23, 'I', 'rd, imm(rs1)',      2, ['load'],         'rd ← sx(M8[rs1 + sx(imm)])'),
  row('lbu',    0x24, 'I', 'rd, imm(rs1)',      2, ['load'],         'rd ← zx(M8[rs1 + sx(imm)])'),
  row('sw',     0x28, 'S', 'rs2, imm(rs1)',     1, ['store'],        'M32[rs1 + sx(imm)] ← rs2; address must be 4-aligned'),
  row('sh',     0x29, 'S', 'rs2, imm(rs1)',     1, ['store'],        'M16[rs1 + sx(imm)] ← low 16 bits of rs2; address must be 2-aligned'),
  row('sb',     0x2a, 'S', 'rs2, imm(rs1)',     1, ['store'],        'M8[rs1 + sx(imm)] ← low 8 bits of rs2'),
  row('beq',    0x30, 'B', 'rs1, rs2, off',     1, ['branch'],       'if rs1 = rs2: pc ← pc + 4·off'),
  row('bne',    0x31, 'B', 'rs1, rs2, off',     1, ['branch'],       'if rs1 ≠ rs2: pc ← pc + 4·off'),
  row('blt',    0x32, 'B', 'rs1, rs2, off',     1, ['branch'],       'if rs1 <s rs2: pc ← pc + 4·off'),
  row('bge',    0x33, 'B', 'rs1, rs2, off',     1, ['branch'],       'if rs1 ≥s rs2: pc ← pc + 4·off'),
  row('bltu',   0x34, 'B', 'rs1, rs2, off',     1, ['branch'],       'if rs1 <u rs2: pc ← pc + 4·off'),
  row('bgeu',   0x35, 'B', 'rs1, rs2, off',     1, ['branch'],       'if rs1 ≥u rs2: pc ← pc + 4·off'),
  row('jmp',    0x38, 'J', 'off',               1, ['jump'],         'pc ← pc + 4·off'),
  row('call',   0x39, 'J', 'off',               2, ['call'],         'r15 ← next; pc ← pc + 4·off'),
  row('jr',     0x3a, 'JR', 'rs1',              2, ['jump', 'ret'],  'pc ← rs1'),
  row('callr',  0x3b, 'JR', 'rs1',              2, ['call'],         't ← rs1; r15 ← next; pc ← t'),
  row('cas',    0x40, 'R', 'rd, rs2, (rs1)',    8, ['atomic'],       'atomically: old ← M32[rs1]; if old = rd: M32[rs1] ← rs2; rd ← old; address must be 4-aligned'),
  row('faa',    0x41, 'R', 'rd, rs2, (rs1)',    8, ['atomic'],       'atomically: old ← M32[rs1]; M32[rs1] ← old + rs2; rd ← old; address must be 4-aligned'),
  row('sys',    0x50, 'T', 'n',                20, ['sys'],          'system call n: arguments r1–r4, result in r1'),
  row('halt',   0x51, 'N', '',                  1, ['halt'],         'stop this dispatcher: exit with code r1'),
];

const pseudos: PseudoDef[] = [
  { mnemonic: 'li', operands: 'rd, imm', expansion: ['lui rd, %hi(imm)', 'ori rd, rd, %lo(imm)'], summary: 'load any 32-bit constant or address (always two words)' },
  { mnemonic: 'la', operands: 'rd, imm', expansion: ['lui rd, %hi(imm)', 'ori rd, rd, %lo(imm)'], summary: 'load an address (same as li)' },
  { mnemonic: 'mov', operands: 'rd, rs', expansion: ['add rd, rs, r0'], summary: 'copy a register' },
  { mnemonic: 'neg', operands: 'rd, rs', expansion: ['sub rd, r0, rs'], summary: 'negate' },
  { mnemonic: 'nop', operands: '', expansion: ['add r0, r0, r0'], summary: 'do nothing' },
  { mnemonic: 'ret', operands: '', expansion: ['jr r15'], summary: 'return to the caller' },
  { mnemonic: 'b', operands: 'off', expansion: ['jmp off'], summary: 'unconditional branch' },
  { mnemonic: 'beqz', operands: 'rs, off', expansion: ['beq rs, r0, off'], summary: 'branch if zero' },
  { mnemonic: 'bnez', operands: 'rs, off', expansion: ['bne rs, r0, off'], summary: 'branch if not zero' },
  { mnemonic: 'bgt', operands: 'rs, rt, off', expansion: ['blt rt, rs, off'], summary: 'branch if rs >s rt' },
  { mnemonic: 'ble', operands: 'rs, rt, off', expansion: ['bge rt, rs, off'], summary: 'branch if rs ≤s rt' },
];

export const r32: Isa = {
  name: 'r32',
  index: 0,
  title: 'r32 — register machine',
  description:
    '16 general registers (r0 reads as zero), fixed 32-bit instruction words, load/store ' +
    'architecture with three-operand ALU instructions, hardware multiply and divide, and ' +
    'atomic read-modify-write (cas, faa).',
  instrAlign: 4,
  alignedData: true,
  registers: ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'],
  registerAliases: {
    zero: 0, a0: 1, a1: 2, a2: 3, a3: 4, t0: 5, t1: 6, t2: 7, t3: 8,
    s0: 9, s1: 10, s2: 11, s3: 12, fp: 13, sp: 14, lr: 15,
  },
  formats,
  instructions,
  pseudos,
  conventions: `
### Machine state
\`pc\` and sixteen 32-bit registers \`r0\`–\`r15\`. \`r0\` always reads as 0 and writes to it
are ignored. Instructions are 4-byte aligned words; 16- and 32-bit data accesses must be
naturally aligned (otherwise: misalignment fault).

### Register names and calling convention
| register | alias | role | saved by |
|---|---|---|---|
| r0 | zero | constant 0 | — |
| r1–r4 | a0–a3 | arguments 0–3; r1 holds the return value | caller |
| r5–r8 | t0–t3 | temporaries | caller |
| r9–r12 | s0–s3 | saved registers | callee |
| r13 | fp | frame pointer | callee |
| r14 | sp | stack pointer (grows down, 4-byte aligned, points at the last pushed word) | callee |
| r15 | lr | return address, written by \`call\`/\`callr\` | caller |

Arguments beyond the fourth are passed on the stack: argument 4 at \`0(sp)\`, argument 5 at
\`4(sp)\`, … as seen by the callee on entry. A function returns with \`ret\` (\`jr r15\`).

### Entry and exit
A dispatcher starts at its entry with \`r1\` = its argument, \`sp\` = the top of its stack
and \`r15\` = the exit address: returning from the entry function exits with code \`r1\`.
\`halt\` also exits with code \`r1\`.

### System calls
\`sys n\` performs system call \`n\` with arguments in r1–r4 and leaves the result in r1.
All other registers are preserved.
`,
};
