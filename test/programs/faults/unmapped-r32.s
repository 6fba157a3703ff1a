; expect: access to unmapped address at 0x00000010
; expect: lw r1, 16(r0)
        .isa r32
        .global main
main:   lw   r1, 16(zero)       ; the null guard page
        ret
