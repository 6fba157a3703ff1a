; frag.s: main(n) sends one message of n words (n > 15 needs many slots; n > 480 more than
; the ring holds) to a receiver on the last core, which checks every word and prints n and
; the sum of the words.
        .isa r32
        .data
name:   .ascii "frag"
name_end:
        .bss
out:    .space 32768                ; the sender's words (up to 8192)
in:     .space 32768                ; the receiver's
        .text
        .global main
        .global receiver
main:   mov  s2, a0                 ; n
        sys  SYS_NCORES
        addi a0, a0, -1
        la   a1, receiver
        mov  a2, zero
        sys  SYS_SPAWN
        mov  s3, a0
        la   t0, out                ; out[i] = 3i + 1
        mov  t1, zero
fill:   beq  t1, s2, filled
        add  t2, t1, t1
        add  t2, t2, t1
        addi t2, t2, 1
        sw   t2, 0(t0)
        addi t0, t0, 4
        addi t1, t1, 1
        jmp  fill
filled: la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        la   a1, out
        mov  a2, s2
        sys  SYS_SEND
        mov  a0, s3
        sys  SYS_JOIN
        ret

receiver:
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        la   a1, in
        sys  SYS_RECV
        mov  s0, a0                 ; words received
        sys  SYS_PRINT_INT
        la   t0, in
        mov  t1, zero               ; i
        mov  s1, zero               ; sum
check:  beq  t1, s0, checked
        lw   t2, 0(t0)
        add  t3, t1, t1
        add  t3, t3, t1
        addi t3, t3, 1
        bne  t2, t3, broken
        add  s1, s1, t2
        addi t0, t0, 4
        addi t1, t1, 1
        jmp  check
checked:
        mov  a0, s1
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT
broken: addi a0, zero, -1
        sys  SYS_PRINT_INT
        addi a0, zero, 1
        sys  SYS_EXIT
