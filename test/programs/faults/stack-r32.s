; expect: stack overflow
; expect: sw r15, 0(r14)
        .isa r32
        .global main
main:
down:   addi sp, sp, -64        ; recursion without end
        sw   lr, 0(sp)
        call down
