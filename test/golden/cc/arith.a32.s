; test/golden/cc/arith.mn: compiled by wasmfish cc for a32
        .isa    a32
        .text
        .global main, f_scale, f_main

f_scale:
        .loc    "test/golden/cc/arith.mn", 2
        adjsp   -2
        .loc    "test/golden/cc/arith.mn", 3
        lds     4
        push
        lds     4
        bnz     f_scale.nonzero0
        lis     5
        put     r0
        sys     11
f_scale.nonzero0:
        push
        call    __div
        adjsp   2
        sts     0
        .loc    "test/golden/cc/arith.mn", 4
        lds     4
        push
        lds     4
        bnz     f_scale.nonzero1
        lis     5
        put     r0
        sys     11
f_scale.nonzero1:
        push
        call    __rem
        adjsp   2
        sts     1
        .loc    "test/golden/cc/arith.mn", 5
        lds     4
        put     r5
        lis     0
        slt     r5
        put     r5
        lds     3
        put     r4
        lis     3
        seq     r4
        xori    1
        and     r5
        put     r5
        lds     0
        push
        lds     4
        push
        call    __mul
        adjsp   2
        put     r4
        lds     1
        add     r4
        put     r4
        lds     4
        put     r6
        shli    3
        put     r7
        get     r6
        shli    1
        add     r7
        add     r4
        sub     r5
        adjsp   2
        ret

main:
f_main:
        .loc    "test/golden/cc/arith.mn", 9
        lis     47
        push
        lis     5
        push
        call    f_scale
        adjsp   2
        ret

        .loc
; __mul(a, b) = the low 32 bits of a * b: shift and add, over the bits of the smaller
; operand (unsigned), so small multipliers take few rounds.
__mul:
        get     r0
        push
        get     r1
        push
        get     r2
        push
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
        pop
        put     r2
        pop
        put     r1
        pop
        put     r0
        lds     2
        ret

; __div(a, b) = a / b, truncated toward zero
__div:
        get     r0
        push
        get     r1
        push
        get     r2
        push
        get     r3
        push
        get     r4
        push
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
        lds     6               ; s = -1 if the signs of a and b differ
        put     r3
        lds     7
        xor     r3
        sari    31
        put     r4
        get     r2
        xor     r4
        sub     r4
        sts     7               ; park the result in a's slot while the registers come back
        pop
        put     r4
        pop
        put     r3
        pop
        put     r2
        pop
        put     r1
        pop
        put     r0
        lds     2
        ret

; __rem(a, b) = a % b, with the sign of a
__rem:
        get     r0
        push
        get     r1
        push
        get     r2
        push
        get     r3
        push
        get     r4
        push
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
        get     r0              ; r4 still holds a's sign
        xor     r4
        sub     r4
        sts     7               ; park the result in a's slot while the registers come back
        pop
        put     r4
        pop
        put     r3
        pop
        put     r2
        pop
        put     r1
        pop
        put     r0
        lds     2
        ret

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
