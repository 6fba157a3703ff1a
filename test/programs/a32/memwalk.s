; memwalk.s (a32): walks a 4096-word array n times (n = the argument, default 1), adding
; each index to its element and summing the elements; prints the sum.
        .isa a32
        .bss
arr:    .space 16384
        .text
        .global main
main:   lds   1
        bnz   go
        lis   1
go:     put   r3                ; passes left
        lis   0
        put   r0                ; sum
        li    4096
        put   r2
pass:   li    arr
        tax                     ; X: the element
        lis   0
        put   r1                ; i
walk:   lw    0
        add   r1
        sw    0
        add   r0
        put   r0                ; sum += element
        txa
        addi  4
        tax
        get   r1
        addi  1
        put   r1
        seq   r2
        bz    walk
        get   r3
        addi  -1
        put   r3
        bnz   pass
        sys   2
        lis   0
        ret
