; sum.s (r32): prints 1 + 2 + ... + n; n = the argument, default 1000.
        .isa r32
        .text
        .global main
main:   bnez a0, go
        li   a0, 1000
go:     mov  t0, zero           ; sum
        mov  t1, zero           ; i
loop:   addi t1, t1, 1
        add  t0, t0, t1
        bne  t1, a0, loop
        mov  a0, t0
        sys  2                  ; print_int
        mov  a0, zero
        ret
