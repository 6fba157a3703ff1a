; expect: stack overflow
        .isa s32
        .global main
main:   push8 1
        jmp   main              ; pushes until the guard page
