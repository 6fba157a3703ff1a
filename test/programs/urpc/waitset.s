; waitset.s: main exports "ws", starts three producers on other cores (ids 1, 2, 3), takes
; their channels and serves them with wait(): whichever channel has a message is read, and a
; channel whose producer has finished (recv says closed) leaves the set. Each producer sends
; its id five times; main prints the sum of all fifteen messages (30).
        .isa r32
        .data
name:   .ascii "ws"
name_end:
        .text
        .global main
        .global producer
main:   addi sp, sp, -32            ; 0..8: three channels, 12..20: three ids, 24: buffer
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        mov  s0, a0                 ; the service
        sys  SYS_NCORES
        mov  s2, a0
        addi s1, zero, 1            ; producer id
start:  rem  a0, s1, s2             ; on core id mod ncores
        la   a1, producer
        mov  a2, s1
        sys  SYS_SPAWN
        shli t0, s1, 2
        add  t0, t0, sp
        sw   a0, 8(t0)              ; ids at 12, 16, 20
        addi s1, s1, 1
        slti t0, s1, 4
        bnez t0, start
        mov  s1, zero
take:   mov  a0, s0                 ; three accepts
        sys  SYS_ACCEPT
        shli t0, s1, 2
        add  t0, t0, sp
        sw   a0, 0(t0)
        addi s1, s1, 1
        slti t0, s1, 3
        bnez t0, take
        mov  s1, zero               ; messages
        mov  s3, zero               ; sum
        addi s2, zero, 3            ; channels still open
serve:  mov  a0, sp                 ; i = wait(chans, open)
        mov  a1, s2
        sys  SYS_WAIT
        shli t0, a0, 2
        add  t0, t0, sp
        lw   a0, 0(t0)
        addi a1, sp, 24
        sys  SYS_RECV
        blt  a0, zero, gone
        lw   t1, 24(sp)
        add  s3, s3, t1
        addi s1, s1, 1
        slti t0, s1, 15
        bnez t0, serve
        jmp  sum
gone:   addi s2, s2, -1             ; closed: chans[i] = chans[open - 1]
        shli t1, s2, 2
        add  t1, t1, sp
        lw   t1, 0(t1)
        sw   t1, 0(t0)
        jmp  serve
sum:    mov  a0, s3
        sys  SYS_PRINT_INT
        addi s1, zero, 1            ; join the producers
join:   shli t0, s1, 2
        add  t0, t0, sp
        lw   a0, 8(t0)
        sys  SYS_JOIN
        addi s1, s1, 1
        slti t0, s1, 4
        bnez t0, join
        mov  a0, zero
        addi sp, sp, 32
        ret

producer:
        addi sp, sp, -8
        mov  s1, a0                 ; my id
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0
        addi s2, zero, 5
more:   sw   s1, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        addi s2, s2, -1
        bnez s2, more
        mov  a0, zero
        addi sp, sp, 8
        ret
