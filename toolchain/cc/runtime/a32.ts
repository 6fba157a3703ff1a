// Multiplication and division for a32, which has neither. The compiler pushes the two
// operands (left first), calls, and removes them with `adjsp 2`; the result is in A and,
// like a system call, the routines preserve r0–r7 (X may change). The compiler makes sure
// a divisor is not 0 before it calls (a zero divisor faults at the division's own line).

/** Saves r0..r(n-1) on the stack, r0 deepest. */
const save = (n: number) => Array.from({ length: n }, (_, i) => `        get     r${i}\n        push`).join('\n');
/** Restores what `save(n)` saved. */
const restore = (n: number) => Array.from({ length: n }, (_, i) => `        pop\n        put     r${n - 1 - i}`).join('\n');

const MUL = `\
; __mul(a, b) = the low 32 bits of a * b: shift and add, over the bits of the smaller
; operand (unsigned), so small multipliers take few rounds.
__mul:
${save(3)}
        lds     5               ; r0 = a, shifted up
        put     r0
        lds     4               ; r1 = b, shifted down
        put     r1
        sltu    r0
        bnz     __mul.go        ; b <u a: b is the multiplier; else swap them
        get     r1
        put     r2
        get     r0
        put     r1
        get     r2
        put     r0
__mul.go:
        lis     0
        put     r2              ; r2 = the product
__mul.loop:
        get     r1
        bz      __mul.done
        andi    1
        bz      __mul.skip
        get     r2
        add     r0
        put     r2
__mul.skip:
        get     r0
        shli    1
        put     r0
        get     r1
        shri    1
        put     r1
        jmp     __mul.loop
__mul.done:
        get     r2
        sts     5               ; park the product in a's slot while the registers come back
${restore(3)}
        lds     2
        ret
`;

/**
 * __div and __rem: divide |a| by |b| unsigned (|-2^31| = 2^31 is fine unsigned), then give
 * the result its sign: (x ^ s) - s is x when s = 0 and -x when s = -1. With r0..r4 saved,
 * a is at `lds 7` and b at `lds 6`.
 */
const signed = (name: string, what: string, sign: string) => `\
; ${name}(a, b) = ${what}
${name}:
${save(5)}
        lds     7               ; r0 = |a|
        sari    31
        put     r4
        lds     7
        xor     r4
        sub     r4
        put     r0
        lds     6               ; r1 = |b|
        sari    31
        put     r3
        lds     6
        xor     r3
        sub     r3
        put     r1
        call    __udivmod
${sign}
        sts     7               ; park the result in a's slot while the registers come back
${restore(5)}
        lds     2
        ret
`;

const DIV = signed('__div', 'a / b, truncated toward zero', `\
        lds     6               ; s = -1 if the signs of a and b differ
        put     r3
        lds     7
        xor     r3
        sari    31
        put     r4
        get     r2
        xor     r4
        sub     r4`);

const REM = signed('__rem', 'a % b, with the sign of a', `\
        get     r0              ; r4 still holds a's sign
        xor     r4
        sub     r4`);

const UDIVMOD = `\
; __udivmod: r0 / r1 unsigned (r1 is not 0). Out: r2 = the quotient, r0 = the remainder; uses r3.
; Shift d up below n, then subtract it back down bit by bit.
__udivmod:
        lis     0
        put     r2              ; q
        lis     1
        put     r3              ; bit
__udivmod.up:                   ; while d <u n and d's top bit is clear: d <<= 1, bit <<= 1
        get     r1
        sltu    r0
        bz      __udivmod.down
        get     r1
        shri    31
        bnz     __udivmod.down
        get     r1
        shli    1
        put     r1
        get     r3
        shli    1
        put     r3
        jmp     __udivmod.up
__udivmod.down:                 ; while bit != 0: if n >=u d: n -= d, q |= bit; d >>= 1, bit >>= 1
        get     r0
        sltu    r1
        bnz     __udivmod.next
        get     r0
        sub     r1
        put     r0
        get     r2
        or      r3
        put     r2
__udivmod.next:
        get     r1
        shri    1
        put     r1
        get     r3
        shri    1
        put     r3
        bnz     __udivmod.down
        ret
`;

/** The routines named (and what they call), in a fixed order. */
export function a32Runtime(used: ReadonlySet<string>): string {
  const parts: string[] = [];
  if (used.has('__mul')) parts.push(MUL);
  if (used.has('__div')) parts.push(DIV);
  if (used.has('__rem')) parts.push(REM);
  if (used.has('__div') || used.has('__rem')) parts.push(UDIVMOD);
  return parts.join('\n');
}
