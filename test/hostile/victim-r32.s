; victim (r32 slice): a well-behaved program for others to attack. It fills its data and a
; page of heap with a pattern (word i = (i + 1) · STEP), then checks the sum of them all,
; yielding between rounds, `rounds` times (the argument); at the end it prints the sum. A
; check that fails prints the round it failed in, negated, and exits 1.
; The s32 and a32 slices do the same (one fat image).
        .isa r32
        .equ WORDS, 256
        .equ HEAP_WORDS, 1024
        .equ STEP, 0x9e3779b9
        .bss
pat:    .space 4 * WORDS
        .text
        .global main
main:   mov  s3, a0                 ; rounds left
        li   a0, 4 * HEAP_WORDS
        sys  SYS_MEMGROW
        mov  s1, a0                 ; the heap page
        li   t3, STEP
        mov  t0, zero               ; x: the last word written
        mov  s0, zero               ; the sum
        la   a0, pat
        addi a1, zero, WORDS
        call fill
        mov  a0, s1
        li   a1, HEAP_WORDS
        call fill
round:  mov  t0, zero               ; check: sum the words again
        la   a0, pat
        addi a1, zero, WORDS
        call sum
        mov  a0, s1
        li   a1, HEAP_WORDS
        call sum
        bne  t0, s0, bad
        sys  SYS_YIELD
        addi s3, s3, -1
        bgt  s3, zero, round
        mov  a0, s0
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT
bad:    sub  a0, zero, s3
        sys  SYS_PRINT_INT
        addi a0, zero, 1
        sys  SYS_EXIT

; fill(p, n): n words x += STEP at p, added to s0
fill:   add  t0, t0, t3
        sw   t0, 0(a0)
        add  s0, s0, t0
        addi a0, a0, 4
        addi a1, a1, -1
        bnez a1, fill
        ret

; sum(p, n): adds the n words at p to t0
sum:    lw   t1, 0(a0)
        add  t0, t0, t1
        addi a0, a0, 4
        addi a1, a1, -1
        bnez a1, sum
        ret
