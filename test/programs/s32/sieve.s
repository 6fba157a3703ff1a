; sieve.s (s32): counts the primes below 10000 with the sieve of Eratosthenes, n times
; (n = the argument, default 1); prints the count.
        .isa s32
        .equ LIMIT, 10000
        .bss
flags:  .space LIMIT
        .text
        .global main
main:   enter 3                 ; -1: count, -2: i, -3: j
        ldl   2
        jnz   rep
        push8 1
        stl   2
rep:    push8 0                 ; clear the flags
        stl   -3
clr:    push  flags
        ldl   -3
        add
        push8 0
        stb
        ldl   -3
        push8 1
        add
        dup
        stl   -3
        push  LIMIT
        ne
        jnz   clr
        push8 0
        stl   -1
        push8 2
        stl   -2
outer:  push  flags
        ldl   -2
        add
        ldbu
        jnz   next
        ldl   -1                ; i is prime
        push8 1
        add
        stl   -1
        ldl   -2
        dup
        add
        stl   -3                ; j = 2i
inner:  ldl   -3
        push  LIMIT
        lt
        jz    next
        push  flags
        ldl   -3
        add
        push8 1
        stb
        ldl   -3
        ldl   -2
        add
        stl   -3
        jmp   inner
next:   ldl   -2
        push8 1
        add
        dup
        stl   -2
        push  LIMIT
        lt
        jnz   outer
        ldl   2
        push8 1
        sub
        dup
        stl   2
        jnz   rep
        ldl   -1
        sys   2
        drop
        push8 0
        ret   1
