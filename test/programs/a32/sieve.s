; sieve.s (a32): counts the primes below 10000 with the sieve of Eratosthenes, n times
; (n = the argument, default 1); prints the count.
        .isa a32
        .equ LIMIT, 10000
        .bss
flags:  .space LIMIT
        .text
        .global main
main:   lds   1
        bnz   go
        lis   1
go:     put   r5                ; repetitions left
        li    LIMIT
        put   r4
rep:    li    flags             ; clear the flags
        tax
        lis   0
        put   r1
clr:    lis   0
        sb    0
        txa
        addi  1
        tax
        get   r1
        addi  1
        put   r1
        seq   r4
        bz    clr
        lis   0
        put   r0                ; count
        lis   2
        put   r1                ; i
outer:  li    flags
        add   r1
        tax
        lbu   0
        bnz   next
        get   r0                ; i is prime
        addi  1
        put   r0
        get   r1
        add   r1
        put   r2                ; j = 2i
inner:  get   r2
        slt   r4
        bz    next
        li    flags
        add   r2
        tax
        lis   1
        sb    0
        get   r2
        add   r1
        put   r2
        jmp   inner
next:   get   r1
        addi  1
        put   r1
        slt   r4
        bnz   outer
        get   r5
        addi  -1
        put   r5
        bnz   rep
        sys   2
        lis   0
        ret
