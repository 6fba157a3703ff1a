; expect: misaligned memory access at 0x01000001
; expect: lw 1
        .isa a32
        .data
x:      .word 5
        .text
        .global main
main:   li    x
        tax
        lw    1
        ret
