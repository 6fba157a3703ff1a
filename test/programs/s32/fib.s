; fib.s (s32): prints fib(n) computed by naive recursion; n = the argument, default 20.
        .isa s32
        .text
        .global main
main:   enter 0
        ldl   2                 ; the argument
        jnz   have
        push8 20
        jmp   go
have:   ldl   2
go:     call  fib
        sys   2                 ; print_int pops n, pushes 0
        drop
        push8 0
        ret   1

; fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
fib:    enter 0
        ldl   2
        push8 2
        lt
        jz    rec
        ldl   2
        ret   1
rec:    ldl   2
        push8 1
        sub
        call  fib
        ldl   2
        push8 2
        sub
        call  fib
        add
        ret   1
