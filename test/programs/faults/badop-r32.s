; expect: undefined instruction
; expect: .byte 0xff
        .isa r32
        .global main
main:   .word 0xffffffff
