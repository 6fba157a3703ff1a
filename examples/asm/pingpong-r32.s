; pingpong-r32.s — ping-pong over a URPC channel between two cores (r32 slice).
; Link with pingpong-a32.s (and pingpong-s32.s) into one fat image; main runs on core 0,
; spawns the pong side on the core given as its argument (default: the last core — the
; a32 core of the default machine), connects to it by name and bounces a counter ten times each way.
        .isa r32
        .equ LAST, 20

        .data
name:   .ascii "pingpong"
name_end:

        .text
        .global main
        .global pong
; main(core): ping side
main:   addi sp, sp, -8
        bnez a0, have
        sys  SYS_NCORES             ; default: the last core
        addi a0, a0, -1
have:   la   a1, pong               ; spawn(core, pong, 0): the OS finds pong in that core's slice
        mov  a2, zero
        sys  SYS_SPAWN
        mov  s3, a0                 ; its dispatcher id
        la   a0, name               ; ch = connect("pingpong")
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0
        mov  s1, zero               ; v = 0
ping:   sw   s1, 0(sp)              ; send(ch, &v, 1)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s0                 ; recv(ch, &v)
        mov  a1, sp
        sys  SYS_RECV
        lw   s1, 0(sp)
        mov  a0, s1
        sys  SYS_PRINT_INT          ; the odd numbers come back
        addi s1, s1, 1
        slti t0, s1, LAST
        bnez t0, ping
        addi t0, zero, -1           ; send(ch, &-1, 1): stop
        sw   t0, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s3                 ; join(pong)
        sys  SYS_JOIN
        addi sp, sp, 8
        ret                         ; exit with pong's exit code

; pong(): serve "pingpong", answer every v with v + 1 until -1
pong:   addi sp, sp, -8
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT             ; accept(service): the argument is still in r1
        mov  s0, a0
serve:  mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        lw   s1, 0(sp)
        addi t0, zero, -1
        beq  s1, t0, done
        mov  a0, s1
        sys  SYS_PRINT_INT          ; the even numbers arrive
        addi s1, s1, 1
        sw   s1, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        jmp  serve
done:   mov  a0, zero
        sys  SYS_EXIT
