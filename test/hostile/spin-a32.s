; spin (a32): an infinite loop that never makes a system call.
        .isa a32
        .global main
main:   addi 1
        jmp  main
