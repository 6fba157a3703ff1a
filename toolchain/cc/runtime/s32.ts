// Division for s32, which has no divide instruction. The compiler calls these like Minnow
// functions (arguments pushed left to right, the result left on the stack), after making
// sure the divisor is not 0 (a zero divisor faults at the division's own line).

/** Pushes |x| for the argument `ldl k`: s = x >> 31, then (x ^ s) - s. */
const abs = (k: number, x: string) => `\
        ldl     ${k}               ; |${x}|: s = ${x} >> 31, then (${x} ^ s) - s
        push8   31
        sar
        ldl     ${k}
        over
        xor
        swap
        sub`;

/** ( x s -- (x ^ s) - s ): x when s = 0, -x when s = -1. */
const applySign = `\
        swap                    ; ( x s -- (x ^ s) - s ): -x if s = -1
        over
        xor
        swap
        sub`;

/**
 * __div or __rem: |a| divided by |b| unsigned (|-2^31| = 2^31 is fine unsigned) by
 * __udivmod, then given the sign `sign` computes.
 */
const signed = (name: string, what: string, which: number, sign: string) => `\
; ${name}(a, b) = ${what}: |a| by |b| unsigned, then the sign
${name}:
        enter   0
${abs(3, 'a')}
${abs(2, 'b')}
        push8   ${which}               ; ${which ? 'the remainder' : 'the quotient'}
        call    __udivmod
${sign}
${applySign}
        ret     2
`;

const DIV = signed('__div', 'a / b, truncated toward zero', 0, `\
        ldl     3               ; s: -1 if the signs of a and b differ
        ldl     2
        xor
        push8   31
        sar`);

const REM = signed('__rem', 'a % b, with the sign of a', 1, `\
        ldl     3               ; s: a's sign
        push8   31
        sar`);

export const S32_RUNTIME = `${DIV}
${REM}
; __udivmod(n, d, which): n / d unsigned if which = 0, else n % d; d is not 0. Shift d up
; below n, then subtract it back down bit by bit: as many rounds as the quotient has bits.
;   ldl 4: n (becomes the remainder)   ldl 3: d   ldl 2: which   ldl -1: q   ldl -2: bit
__udivmod:
        enter   2
        push8   0
        stl     -1
        push8   1
        stl     -2
__udivmod.up:                   ; while d <u n and d's top bit is clear: d <<= 1, bit <<= 1
        ldl     3
        ldl     4
        ltu
        jz      __udivmod.down
        ldl     3
        push8   0
        lt
        jnz     __udivmod.down
        ldl     3
        push8   1
        shl
        stl     3
        ldl     -2
        push8   1
        shl
        stl     -2
        jmp     __udivmod.up
__udivmod.down:                 ; while bit != 0: if n >=u d: n -= d, q |= bit; d >>= 1, bit >>= 1
        ldl     4
        ldl     3
        ltu
        jnz     __udivmod.next
        ldl     4
        ldl     3
        sub
        stl     4
        ldl     -1
        ldl     -2
        or
        stl     -1
__udivmod.next:
        ldl     3
        push8   1
        shr
        stl     3
        ldl     -2
        push8   1
        shr
        dup
        stl     -2
        jnz     __udivmod.down
        ldl     2
        jnz     __udivmod.rem
        ldl     -1
        ret     3
__udivmod.rem:
        ldl     4
        ret     3
`;
