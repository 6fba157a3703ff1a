; expect: unknown system call
; expect: sys 200
        .isa r32
        .global main
main:   sys  200
        ret
