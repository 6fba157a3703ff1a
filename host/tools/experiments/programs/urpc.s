; urpc.s — the URPC experiments: main(mode | peer << 2 | window << 8 | n << 13) on core 0
; talks to an echo dispatcher on core `peer` over one channel, through the channel system
; calls, and prints what it measured on its own clock:
;   mode 0  latency: cycles per round trip (one word there, one back), after a warm-up
;   mode 1  throughput: the sink prints the cycles it took to receive n one-word messages
;   mode 2  pipelining: `window` requests kept in flight; cycles per request
        .isa r32
        .equ WARMUP, 20
        .data
name:   .ascii "urpc"
name_end:
        .text
        .global main
        .global echo
main:   addi sp, sp, -16
        sw   lr, 12(sp)
        sw   a0, 8(sp)
        shri a0, a0, 2
        andi a0, a0, 63             ; spawn(peer, echo, arg)
        la   a1, echo
        lw   a2, 8(sp)
        sys  SYS_SPAWN
        mov  s3, a0
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0                 ; the channel
        lw   t0, 8(sp)
        shri s2, t0, 13             ; n
        andi t1, t0, 3
        beqz t1, latency
        addi t2, zero, 1
        beq  t1, t2, stream
pipe:   shri s1, t0, 8              ; mode 2: w in flight
        andi s1, s1, 31
        sys  SYS_CYCLES
        mov  fp, a0
        mov  t3, s1                 ; fill the window
fill:   call send1
        addi t3, t3, -1
        bnez t3, fill
        sub  t3, s2, s1             ; then one more per answer
steady: beqz t3, empty
        call recv1
        call send1
        addi t3, t3, -1
        jmp  steady
empty:  mov  t3, s1                 ; and the last answers
last:   call recv1
        addi t3, t3, -1
        bnez t3, last
        sys  SYS_CYCLES
        sub  a0, a0, fp
        divu a0, a0, s2
        sys  SYS_PRINT_INT
        jmp  stop
latency:
        addi t3, zero, WARMUP       ; mode 0
warm:   call send1
        call recv1
        addi t3, t3, -1
        bnez t3, warm
        sys  SYS_CYCLES
        mov  fp, a0
        mov  t3, s2
round:  call send1
        call recv1
        addi t3, t3, -1
        bnez t3, round
        sys  SYS_CYCLES
        sub  a0, a0, fp
        divu a0, a0, s2
        sys  SYS_PRINT_INT
        jmp  stop
stream: mov  t3, s2                 ; mode 1: n messages, the sink times them
more:   call send1
        addi t3, t3, -1
        bnez t3, more
stop:   addi t0, zero, -1           ; stop the echo
        sw   t0, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s3
        sys  SYS_JOIN
        lw   lr, 12(sp)
        addi sp, sp, 16
        mov  a0, zero
        ret

send1:  sw   t3, 0(sp)              ; send(ch, sp, 1) — called with sp of main's frame
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        ret
recv1:  mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        ret

; echo(arg): answers every message (modes 0, 2) or counts and times them (mode 1)
echo:   addi sp, sp, -16
        mov  s1, a0
        andi s1, s1, 3              ; mode
        shri s2, a0, 13             ; n
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  s0, a0
        mov  s3, zero               ; received so far
loop:   mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        lw   t0, 0(sp)
        addi t1, zero, -1
        beq  t0, t1, done
        addi t1, zero, 1
        beq  s1, t1, count
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        jmp  loop
count:  bnez s3, counted            ; mode 1: time from the first message to the last
        sys  SYS_CYCLES
        mov  fp, a0
counted:
        addi s3, s3, 1
        bne  s3, s2, loop
        sys  SYS_CYCLES
        sub  a0, a0, fp
        sys  SYS_PRINT_INT
        jmp  loop
done:   mov  a0, zero
        sys  SYS_EXIT
