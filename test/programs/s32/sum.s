; sum.s (s32): prints 1 + 2 + ... + n; n = the argument, default 1000.
        .isa s32
        .text
        .global main
main:   enter 2                 ; local -1: sum, local -2: i
        ldl   2
        jnz   go
        push  1000
        stl   2
go:     push8 0
        stl   -1
        push8 0
        stl   -2
loop:   ldl   -2                ; i = i + 1
        push8 1
        add
        dup
        stl   -2
        ldl   -1                ; sum = sum + i
        add
        stl   -1
        ldl   -2
        ldl   2
        ne
        jnz   loop
        ldl   -1
        sys   2
        drop
        push8 0
        ret   1
