; victim (s32 slice): see victim-r32.s.
        .isa s32
        .equ WORDS, 256
        .equ HEAP_WORDS, 1024
        .equ STEP, 0x9e3779b9
        .bss
pat:    .space 4 * WORDS
        .text
        .global main
main:   enter 4                     ; -1: rounds left, -2: heap, -3: x, -4: sum
        ldl   2
        stl   -1
        push  4 * HEAP_WORDS
        sys   SYS_MEMGROW
        stl   -2
        push8 0
        stl   -3
        push8 0
        stl   -4
        push  pat                   ; fill(pat, WORDS)
        push  WORDS
        call  fill
        drop
        ldl   -2                    ; fill(heap, HEAP_WORDS)
        push  HEAP_WORDS
        call  fill
        drop
round:  push  pat                   ; sum(pat, WORDS) + sum(heap, HEAP_WORDS)
        push  WORDS
        call  sum
        ldl   -2
        push  HEAP_WORDS
        call  sum
        add
        ldl   -4
        ne
        jnz   bad
        sys   SYS_YIELD
        drop
        ldl   -1
        push8 1
        sub
        dup
        stl   -1
        jnz   round
        ldl   -4
        sys   SYS_PRINT_INT
        drop
        push8 0
        sys   SYS_EXIT
bad:    ldl   -1
        neg
        sys   SYS_PRINT_INT
        drop
        push8 1
        sys   SYS_EXIT

; fill(p, n): n words x += STEP at p (x and the sum in the caller's locals -3 and -4)
fill:   enter 0
loop:   ldl   0                     ; the caller's fp
        dup
        push8 -12
        add                         ; ( cfp &x )
        dup
        ldw
        push  STEP
        add                         ; ( cfp &x x' )
        dup
        ldl   3                     ; p
        swap
        stw                         ; M[p] = x'
        stw                         ; x = x'
        push8 -16
        add                         ; ( &sum )
        dup
        ldw
        push8 -12
        ldl   0
        add
        ldw
        add
        stw                         ; sum += x'
        ldl   3
        push8 4
        add
        stl   3
        ldl   2
        push8 1
        sub
        dup
        stl   2
        jnz   loop
        push8 0
        ret   2

; sum(p, n) -- the sum of the n words at p
sum:    enter 1
        push8 0
        stl   -1
more:   ldl   -1
        ldl   3
        ldw
        add
        stl   -1
        ldl   3
        push8 4
        add
        stl   3
        ldl   2
        push8 1
        sub
        dup
        stl   2
        jnz   more
        ldl   -1
        ret   2
