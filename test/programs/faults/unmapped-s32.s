; expect: access to unmapped address at 0x12345678
; expect: ldw
        .isa s32
        .global main
main:   push  0x12345678
        ldw
        ret   1
