// Random system-call programs for fuzzing: a list of calls with random numbers and arguments —
// edge values, pointers into the program's own data and stack, earlier results (handles,
// ids), its own functions — written out as assembly for every ISA with the same data, so
// they link into one fat image and a spawned dispatcher may land on any core.
import { ISA_NAMES, type IsaName } from '../../isa/index.js';
import { DATA_BASE, EXIT_ADDR, STACKS_BASE, textBase } from '../../kernel/shared/addrspace.js';
import { SYS_COUNT, SYS_EXIT, SYS_FAULT, SYS_SPAWN, sysArity } from '../../kernel/shared/syscalls.js';
import type { Rng } from './random-programs.js';

type Arg =
  | { readonly kind: 'imm'; readonly v: number }
  /** the result of the k-th last call (0: the last) */
  | { readonly kind: 'prev'; readonly k: number }
  /** names + off: short strings, so programs of one machine find each other's services */
  | { readonly kind: 'name'; readonly off: number }
  | { readonly kind: 'buf'; readonly off: number }
  /** the program's stack */
  | { readonly kind: 'stack' }
  /** the program's function `leaf` */
  | { readonly kind: 'leaf' };

export interface Call { readonly num: number; readonly args: readonly Arg[] }

const EDGES = [
  0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 129, 200, 201, 255, 256, 1023, 1024, 4095, 4096,
  16384, 16385, 0x7fff, 0x10000, 0x100000, 0x100001, 0x7fffffff, 0x80000000, 0xfffffff0, 0xfffff000, 0xffffffff,
  0xfffffffe, 0xffffff00, DATA_BASE, DATA_BASE + 4096, STACKS_BASE, EXIT_ADDR, textBase(0), textBase(1), textBase(2),
];

/** how often each kind of call is made: the channel and monitor calls most */
const NUMBERS = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 16, 17, 17, 18, 18, 18, 19, 19, 20, 20, 20, 21, 21, 21, 22, 22, 23, 23,
  24, 24, 25, 25,
];

/** What an argument of a call means, so most arguments can be plausible. */
type Meaning = 'value' | 'pointer' | 'length' | 'words' | 'handle' | 'core' | 'function' | 'name';

const MEANINGS: Record<number, readonly Meaning[]> = {
  0: ['value'], 2: ['value'], 3: ['pointer', 'length'], 4: ['value'], 8: ['length'], 11: ['value'],
  12: ['pointer', 'length'], 16: ['core', 'function', 'value'], 17: ['handle'], 18: ['name', 'length'],
  19: ['handle'], 20: ['name', 'length'], 21: ['handle', 'pointer', 'words'], 22: ['handle', 'pointer'],
  23: ['handle', 'pointer'], 24: ['pointer', 'words'], 25: ['handle'],
};

/** An argument: three times in four a plausible one for its meaning, else anything at all. */
function arg(rng: Rng, meaning: Meaning, calls: number): Arg {
  const prev = (): Arg => (calls > 0 ? { kind: 'prev', k: rng.int(0, Math.min(3, calls - 1)) } : { kind: 'imm', v: 0 });
  if (rng.chance(0.75)) {
    switch (meaning) {
      case 'pointer': return rng.chance(0.8) ? { kind: 'buf', off: rng.pick([0, 4, 64, 252, 256]) } : { kind: 'stack' };
      case 'length': return { kind: 'imm', v: rng.int(0, 12) };
      case 'words': return { kind: 'imm', v: rng.pick([0, 1, 2, 15, 16, 31, 100]) };
      case 'handle': return prev();
      case 'core': return { kind: 'imm', v: rng.int(0, 4) };
      case 'function': return { kind: 'leaf' };
      case 'name': return { kind: 'name', off: rng.int(0, 6) };
      default: break;
    }
  }
  switch (rng.int(0, 7)) {
    case 0: return prev();
    case 1: return { kind: 'name', off: rng.int(0, 6) };
    case 2: return { kind: 'buf', off: rng.pick([0, 4, 64, 252, 256, 4092]) };
    case 3: return { kind: 'stack' };
    case 4: return { kind: 'imm', v: rng.u32() };
    default: return { kind: 'imm', v: rng.pick(EDGES) };
  }
}

/** `n` random calls; spawn only if `spawns` (the function spawned makes none itself). */
export function randomCalls(rng: Rng, n: number, spawns: boolean): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < n; i++) {
    let num: number;
    const r = rng.next();
    if (r < 0.01) num = SYS_EXIT;
    else if (r < 0.02) num = SYS_FAULT;
    else if (r < 0.04) num = rng.pick([13, 14, 15, SYS_COUNT, SYS_COUNT + 1, 99, 255]);
    else num = rng.pick(NUMBERS);
    if (num === SYS_SPAWN && !spawns) num = 7;
    const arity = Math.max(0, sysArity(num));
    calls.push({ num, args: Array.from({ length: arity }, (_, k) => arg(rng, MEANINGS[num]?.[k] ?? 'value', i)) });
  }
  return calls;
}

const DATA = `        .data
names:  .ascii "abcdefg"
        .bss
buf:    .space 4096
`;

/** The program's assembly for `isa`: main(arg) makes `main`'s calls, leaf(arg) makes `leaf`'s. */
export function syscallProgram(isa: IsaName, main: readonly Call[], leaf: readonly Call[]): string {
  const emit = EMIT[isa];
  return [
    `        .isa ${isa}`, DATA, '        .text', '        .global main', '        .global leaf',
    `main:`, ...emit.enter, ...main.flatMap(emit.call), ...emit.halt,
    `leaf:`, ...emit.enter, ...leaf.flatMap(emit.call), ...emit.halt,
  ].join('\n');
}

/** The assembly of one call and of entering and leaving, per ISA (results kept in a ring of 4). */
const EMIT: Record<IsaName, { enter: string[]; call: (c: Call) => string[]; halt: string[] }> = {
  r32: {
    enter: ['        addi sp, sp, -64'],
    call: (c) => [
      ...c.args.map((a, i) => {
        const r = `a${i}`;
        switch (a.kind) {
          case 'imm': return `        li   ${r}, ${a.v >>> 0}`;
          case 'prev': return `        mov  ${r}, s${a.k}`;
          case 'name': return `        la   ${r}, names + ${a.off}`;
          case 'buf': return `        la   ${r}, buf + ${a.off}`;
          case 'stack': return `        mov  ${r}, sp`;
          case 'leaf': return `        la   ${r}, leaf`;
        }
      }),
      `        sys  ${c.num}`,
      '        mov  s3, s2', '        mov  s2, s1', '        mov  s1, s0', '        mov  s0, a0',
    ],
    halt: ['        halt'],
  },
  s32: {
    enter: ['        enter 20'], // locals -1..-4: the last results; below them a buffer
    call: (c) => [
      ...c.args.map((a) => {
        switch (a.kind) {
          case 'imm': return `        push  ${a.v >>> 0}`;
          case 'prev': return `        ldl   ${-(a.k + 1)}`;
          case 'name': return `        push  names + ${a.off}`;
          case 'buf': return `        push  buf + ${a.off}`;
          case 'stack': return '        lla   -20';
          case 'leaf': return '        push  leaf';
        }
      }),
      `        sys   ${c.num}`,
      '        ldl   -3', '        stl   -4', '        ldl   -2', '        stl   -3', '        ldl   -1', '        stl   -2', '        stl   -1',
    ],
    halt: ['        ldl   -1', '        halt'],
  },
  a32: {
    enter: ['        adjsp -16'],
    call: (c) => [
      ...c.args.flatMap((a, i) => {
        const load = (() => {
          switch (a.kind) {
            case 'imm': return `        li    ${a.v >>> 0}`;
            case 'prev': return `        get   r${4 + a.k}`;
            case 'name': return `        li    names + ${a.off}`;
            case 'buf': return `        li    buf + ${a.off}`;
            case 'stack': return '        spa   0';
            case 'leaf': return '        li    leaf';
          }
        })();
        return [load, `        put   r${i}`];
      }),
      `        sys   ${c.num}`,
      '        put   r3', '        get   r6', '        put   r7', '        get   r5', '        put   r6', '        get   r4', '        put   r5', '        get   r3', '        put   r4',
    ],
    halt: ['        get   r4', '        halt'],
  },
};

/** The sources of a random system-call program for every ISA (link them into one image). */
export function randomSyscallSources(rng: Rng): { isa: IsaName; text: string }[] {
  const main = randomCalls(rng, rng.int(1, 16), true);
  const leaf = randomCalls(rng, rng.int(0, 6), false);
  return ISA_NAMES.map((isa) => ({ isa, text: syscallProgram(isa, main, leaf) }));
}
