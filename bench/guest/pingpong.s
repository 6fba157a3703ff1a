; pingpong.s (bench): main(16 · rounds + core) bounces a one-word message off a pong
; dispatcher on `core` (default 1) `rounds` times through the channel system calls, then
; prints the rounds: the guest-to-guest round trip, end to end.
        .isa r32
        .data
name:   .ascii "bench"
name_end:
        .text
        .global main
        .global pong
main:   addi sp, sp, -8
        shri s2, a0, 4              ; rounds
        andi a0, a0, 15             ; the pong core, or 1
        bnez a0, have
        addi a0, zero, 1
have:   la   a1, pong
        mov  a2, zero
        sys  SYS_SPAWN
        mov  s3, a0
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0
        mov  s1, zero
ping:   sw   s1, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        addi s1, s1, 1
        bne  s1, s2, ping
        addi t0, zero, -1
        sw   t0, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s3
        sys  SYS_JOIN
        mov  a0, s1
        sys  SYS_PRINT_INT
        addi sp, sp, 8
        mov  a0, zero
        ret

pong:   addi sp, sp, -8
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  s0, a0
serve:  mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        lw   t1, 0(sp)
        addi t0, zero, -1
        beq  t1, t0, done
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        jmp  serve
done:   mov  a0, zero
        sys  SYS_EXIT
