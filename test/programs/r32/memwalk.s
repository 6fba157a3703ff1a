; memwalk.s (r32): walks a 4096-word array n times (n = the argument, default 1), adding
; each index to its element and summing the elements; prints the sum.
        .isa r32
        .bss
arr:    .space 16384
        .text
        .global main
main:   bnez a0, go
        addi a0, zero, 1
go:     mov  t3, a0             ; passes left
        mov  t0, zero           ; sum
pass:   la   t1, arr
        addi t2, zero, 4096
        mov  s0, zero           ; i
walk:   lw   s1, 0(t1)
        add  s1, s1, s0
        sw   s1, 0(t1)
        add  t0, t0, s1
        addi t1, t1, 4
        addi s0, s0, 1
        bne  s0, t2, walk
        addi t3, t3, -1
        bnez t3, pass
        mov  a0, t0
        sys  2
        mov  a0, zero
        ret
