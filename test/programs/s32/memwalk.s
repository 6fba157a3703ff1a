; memwalk.s (s32): walks a 4096-word array n times (n = the argument, default 1), adding
; each index to its element and summing the elements; prints the sum.
        .isa s32
        .bss
arr:    .space 16384
        .text
        .global main
main:   enter 3                 ; -1: sum, -2: pointer, -3: i
        ldl   2
        jnz   go
        push8 1
        stl   2
go:     push8 0
        stl   -1
pass:   push  arr
        stl   -2
        push8 0
        stl   -3
walk:   ldl   -2                ; ( ptr )
        dup
        ldw                     ; ( ptr v )
        ldl   -3
        add                     ; ( ptr v+i )
        dup
        ldl   -1
        add
        stl   -1                ; sum += v+i
        stw                     ; M[ptr] = v+i
        ldl   -2
        push8 4
        add
        stl   -2
        ldl   -3
        push8 1
        add
        dup
        stl   -3
        push  4096
        ne
        jnz   walk
        ldl   2
        push8 1
        sub
        dup
        stl   2
        jnz   pass
        ldl   -1
        sys   2
        drop
        push8 0
        ret   1
