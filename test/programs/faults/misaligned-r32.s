; expect: misaligned memory access at 0x01000002
; expect: lw r1, 2(r2)    [
        .isa r32
        .data
x:      .word 1, 2
        .text
        .global main
main:   la   r2, x
        lw   r1, 2(r2)
        ret
