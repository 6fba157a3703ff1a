; expect: bad system call argument (argument 0x00001000)
; expect: sys 18
        .isa r32
        .global main
main:   li   a0, 0x1000         ; serve() with its name in the unmapped null guard: the
        addi a1, zero, 5        ; monitor (host side) finds the bad pointer, and the report
        sys  18                 ; still names the sys instruction, not the one after it
        ret
