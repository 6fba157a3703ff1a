; sum.s (a32): prints 1 + 2 + ... + n; n = the argument, default 1000.
        .isa a32
        .text
        .global main
main:   lds   1
        bnz   go
        li    1000
go:     put   r2                ; n
        lis   0
        put   r0                ; sum
        put   r1                ; i
loop:   get   r1
        addi  1
        put   r1
        add   r0
        put   r0
        get   r1
        seq   r2
        bz    loop
        sys   2                 ; print_int(r0)
        lis   0
        ret
