; expect: undefined instruction
        .isa a32
        .global main
main:   .half 0x00ff
