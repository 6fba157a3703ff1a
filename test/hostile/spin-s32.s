; spin (s32): an infinite loop that never makes a system call.
        .isa s32
        .global main
main:   jmp  main
