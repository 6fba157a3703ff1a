; expect: divide by zero
; expect: div r1, r2, r0
        .isa r32
        .global main
main:   addi r2, zero, 7
        div  r1, r2, zero
        ret
