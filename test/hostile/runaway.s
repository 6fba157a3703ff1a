; runaway.s: main starts a dispatcher that loops forever on the next core, does its own work
; (the sum 1..10000), prints it, then joins the runaway: with a cycle budget (--budget) the
; runaway is killed and join returns 139; main, well within the budget, exits 0.
        .isa r32
        .text
        .global main
        .global spin
main:   sys  SYS_NCORES             ; spawn(ncores - 1, spin, 0)
        addi a0, a0, -1
        la   a1, spin
        mov  a2, zero
        sys  SYS_SPAWN
        mov  s1, a0
        mov  a0, zero
        li   t0, 10000
sum:    add  a0, a0, t0
        addi t0, t0, -1
        bnez t0, sum
        sys  SYS_PRINT_INT
        mov  a0, s1
        sys  SYS_JOIN
        sys  SYS_PRINT_INT
        mov  a0, zero
        ret
spin:   addi t0, t0, 1
        jmp  spin
