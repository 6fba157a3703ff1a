; victim (a32 slice): see victim-r32.s.
        .isa a32
        .equ WORDS, 256
        .equ HEAP_WORDS, 1024
        .equ STEP, 0x9e3779b9
        .bss
pat:    .space 4 * WORDS
        .text
        .global main
; registers: r3 rounds left, r4 the heap, r5 x, r6 the sum, r7 STEP
main:   lds   1
        put   r3
        li    4 * HEAP_WORDS
        put   r0
        sys   SYS_MEMGROW
        put   r4
        li    STEP
        put   r7
        lis   0
        put   r5
        put   r6
        li    pat                   ; fill(pat, WORDS)
        tax
        li    WORDS
        put   r1
        call  fill
        get   r4                    ; fill(heap, HEAP_WORDS)
        tax
        li    HEAP_WORDS
        put   r1
        call  fill
round:  lis   0
        put   r2                    ; r2: the sum so far
        li    pat
        tax
        li    WORDS
        put   r1
        call  sum
        get   r4
        tax
        li    HEAP_WORDS
        put   r1
        call  sum
        get   r2
        seq   r6
        bz    bad
        sys   SYS_YIELD
        get   r3
        addi  -1
        put   r3
        bnz   round
        get   r6
        put   r0
        sys   SYS_PRINT_INT
        lis   0
        put   r0
        sys   SYS_EXIT
bad:    get   r3
        neg
        put   r0
        sys   SYS_PRINT_INT
        lis   1
        put   r0
        sys   SYS_EXIT

; fill: r1 words x += STEP from X, added to the sum
fill:   get   r5
        add   r7
        put   r5
        sw    0
        add   r6
        put   r6
        txa
        addi  4
        tax
        get   r1
        addi  -1
        put   r1
        bnz   fill
        ret

; sum: adds the r1 words from X to r2
sum:    lw    0
        add   r2
        put   r2
        txa
        addi  4
        tax
        get   r1
        addi  -1
        put   r1
        bnz   sum
        ret
