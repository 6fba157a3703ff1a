; spin (r32): an infinite loop that never makes a system call.
        .isa r32
        .global main
main:   addi t0, t0, 1
        jmp  main
