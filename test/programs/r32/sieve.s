; sieve.s (r32): counts the primes below 10000 with the sieve of Eratosthenes, n times
; (n = the argument, default 1); prints the count.
        .isa r32
        .equ LIMIT, 10000
        .bss
flags:  .space LIMIT
        .text
        .global main
main:   bnez a0, go
        addi a0, zero, 1
go:     mov  s3, a0             ; repetitions left
        la   s2, flags
        li   fp, LIMIT          ; fp: the limit (main never returns to a caller that needs it)
rep:    mov  t0, zero           ; clear the flags
clr:    add  t1, s2, t0
        sb   zero, 0(t1)
        addi t0, t0, 1
        bne  t0, fp, clr
        mov  s0, zero           ; count
        addi s1, zero, 2        ; i
outer:  add  t0, s2, s1
        lbu  t2, 0(t0)
        bnez t2, next
        addi s0, s0, 1          ; i is prime: cross out 2i, 3i, ...
        add  t3, s1, s1
        addi t2, zero, 1
inner:  bge  t3, fp, next
        add  t0, s2, t3
        sb   t2, 0(t0)
        add  t3, t3, s1
        jmp  inner
next:   addi s1, s1, 1
        blt  s1, fp, outer
        addi s3, s3, -1
        bnez s3, rep
        mov  a0, s0
        sys  2
        mov  a0, zero
        ret
