; fib.s (r32): prints fib(n) computed by naive recursion; n = the argument, default 20.
        .isa r32
        .text
        .global main
main:   addi sp, sp, -4
        sw   lr, 0(sp)
        bnez a0, go
        addi a0, zero, 20
go:     call fib
        sys  SYS_PRINT_INT
        lw   lr, 0(sp)
        addi sp, sp, 4
        addi a0, zero, 0
        ret

; fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
fib:    slti t0, a0, 2
        beqz t0, fib_rec
        ret
fib_rec:
        addi sp, sp, -12
        sw   lr, 8(sp)
        sw   s0, 4(sp)
        sw   s1, 0(sp)
        mov  s0, a0
        addi a0, s0, -1
        call fib
        mov  s1, a0
        addi a0, s0, -2
        call fib
        add  a0, a0, s1
        lw   s1, 0(sp)
        lw   s0, 4(sp)
        lw   lr, 8(sp)
        addi sp, sp, 12
        ret
