; test/golden/cc/arith.mn: compiled by wasmfish cc for s32
        .isa    s32
        .text
        .global main, f_scale, f_main

f_scale:
        .loc    "test/golden/cc/arith.mn", 2
        enter   2
        .loc    "test/golden/cc/arith.mn", 3
        ldl     3
        ldl     2
        dup
        jnz     f_scale.nonzero0
        push8   5
        sys     11
f_scale.nonzero0:
        call    __div
        stl     -1
        .loc    "test/golden/cc/arith.mn", 4
        ldl     3
        ldl     2
        dup
        jnz     f_scale.nonzero1
        push8   5
        sys     11
f_scale.nonzero1:
        call    __rem
        stl     -2
        .loc    "test/golden/cc/arith.mn", 5
        ldl     -1
        ldl     2
        mul
        ldl     -2
        add
        ldl     3
        push8   10
        mul
        add
        push8   0
        ldl     3
        lt
        ldl     2
        push8   3
        ne
        and
        sub
        ret     2

main:
f_main:
        .loc    "test/golden/cc/arith.mn", 8
        enter   0
        .loc    "test/golden/cc/arith.mn", 9
        push8   47
        push8   5
        call    f_scale
        ret     0

        .loc
; __div(a, b) = a / b, truncated toward zero: |a| by |b| unsigned, then the sign
__div:
        enter   0
        ldl     3               ; |a|: s = a >> 31, then (a ^ s) - s
        push8   31
        sar
        ldl     3
        over
        xor
        swap
        sub
        ldl     2               ; |b|: s = b >> 31, then (b ^ s) - s
        push8   31
        sar
        ldl     2
        over
        xor
        swap
        sub
        push8   0               ; the quotient
        call    __udivmod
        ldl     3               ; s: -1 if the signs of a and b differ
        ldl     2
        xor
        push8   31
        sar
        swap                    ; ( x s -- (x ^ s) - s ): -x if s = -1
        over
        xor
        swap
        sub
        ret     2

; __rem(a, b) = a % b, with the sign of a: |a| by |b| unsigned, then the sign
__rem:
        enter   0
        ldl     3               ; |a|: s = a >> 31, then (a ^ s) - s
        push8   31
        sar
        ldl     3
        over
        xor
        swap
        sub
        ldl     2               ; |b|: s = b >> 31, then (b ^ s) - s
        push8   31
        sar
        ldl     2
        over
        xor
        swap
        sub
        push8   1               ; the remainder
        call    __udivmod
        ldl     3               ; s: a's sign
        push8   31
        sar
        swap                    ; ( x s -- (x ^ s) - s ): -x if s = -1
        over
        xor
        swap
        sub
        ret     2

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
