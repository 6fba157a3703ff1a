; expect: bad system call argument (argument 0x00001000)
; expect: sys 3
        .isa r32
        .global main
main:   li   a0, 0x1000         ; print_str from the unmapped null guard
        addi a1, zero, 5
        sys  3
        ret
