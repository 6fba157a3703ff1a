; msg.s — Figure 3, messages: main(k | lines << 8 | n << 16) starts a server on core 0 that
; owns a structure of `lines` cache lines in its private memory, and a client on each of
; cores 1..k. Each client makes n updates by request: a one-word message, answered when the
; server has updated every line. Clients print the cycles one update took on average; the
; server prints the cycles it spent per update, then the value of line 0 (k · n).
        .isa r32
        .data
name:   .ascii "state"
name_end:
        .bss
        .align 64
ready:  .space 64                   ; the clients' barrier counter
        .text
        .global main
        .global server
        .global client
main:   addi sp, sp, -80
        sw   a0, 64(sp)
        andi s2, a0, 255            ; k
        mov  a0, zero               ; the server on core 0
        la   a1, server
        lw   a2, 64(sp)
        sys  SYS_SPAWN
        sw   a0, 0(sp)
        addi s1, zero, 1
start:  bgt  s1, s2, joinall        ; a client on each of cores 1..k
        mov  a0, s1
        la   a1, client
        lw   a2, 64(sp)
        sys  SYS_SPAWN
        shli t0, s1, 2
        add  t0, t0, sp
        sw   a0, 0(t0)
        addi s1, s1, 1
        jmp  start
joinall:
        mov  s1, zero
join:   shli t0, s1, 2
        add  t0, t0, sp
        lw   a0, 0(t0)
        sys  SYS_JOIN
        addi s1, s1, 1
        ble  s1, s2, join
        mov  a0, zero
        addi sp, sp, 80
        ret

; server(arg): 0..63 channels, 64..64+4·lines·16 the structure (private: on the stack)
server: addi sp, sp, -640
        andi s2, a0, 255            ; k
        shri s3, a0, 8
        andi s3, s3, 255            ; lines
        shri t0, a0, 16
        mul  s0, t0, s2             ; requests to serve: k · n
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        mov  s1, a0
        mov  t3, zero
take:   mov  a0, s1
        sys  SYS_ACCEPT
        shli t0, t3, 2
        add  t0, t0, sp
        sw   a0, 0(t0)
        addi t3, t3, 1
        blt  t3, s2, take
        sys  SYS_CYCLES
        mov  s1, a0                 ; start time (the clients' barrier is still ahead)
        mov  t3, s0
serve:  mov  a0, sp                 ; i = wait(chans, k)
        mov  a1, s2
        sys  SYS_WAIT
        shli t0, a0, 2
        add  t0, t0, sp
        lw   a0, 0(t0)
        mov  s0, a0                 ; (the channel, for the reply)
        addi a1, sp, 600
        sys  SYS_RECV
        addi t0, sp, 64             ; the update: +1 on each line
        mov  t1, s3
line:   lw   t2, 0(t0)
        addi t2, t2, 1
        sw   t2, 0(t0)
        addi t0, t0, 64
        addi t1, t1, -1
        bnez t1, line
        mov  a0, s0                 ; the answer
        addi a1, sp, 600
        addi a2, zero, 1
        sys  SYS_SEND
        addi t3, t3, -1
        bnez t3, serve
        sys  SYS_CYCLES
        sub  s1, a0, s1
        lw   a0, 64(sp)             ; line 0 = k · n
        divu s1, s1, a0
        mov  a0, s1
        sys  SYS_PRINT_INT          ; cycles per update at the server
        lw   a0, 64(sp)
        sys  SYS_PRINT_INT
        mov  a0, zero
        addi sp, sp, 640
        ret

client: addi sp, sp, -16
        andi s2, a0, 255            ; k
        shri s0, a0, 16             ; n
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s3, a0
        la   t0, ready              ; barrier
        addi t1, zero, 1
        faa  t2, t1, (t0)
wait:   lw   t2, 0(t0)
        blt  t2, s2, wait
        sys  SYS_CYCLES
        mov  s1, a0
        mov  t3, s0
update: mov  a0, s3
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s3
        mov  a1, sp
        sys  SYS_RECV
        addi t3, t3, -1
        bnez t3, update
        sys  SYS_CYCLES
        sub  a0, a0, s1
        divu a0, a0, s0
        sys  SYS_PRINT_INT
        mov  a0, zero
        addi sp, sp, 16
        ret
