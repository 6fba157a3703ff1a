; watch.s: main (on core 0) takes a stream of numbered messages from a producer on every
; other core, through one waitset; each message is [core, seq, seq ^ GOLDEN]. It checks that
; every stream arrives in order and intact, and when a stream ends — with [-1, …] from a
; producer done with its n messages, or closed (E_CLOSED) when the producer's core died —
; prints that producer's core and how many of its messages arrived. Then it prints the
; number of messages lost, repeated, reordered or corrupted (0), joins the producers and
; prints the sum of their exit codes (0; 139 for one that died with its core), and exits.
; With a negative n, the producer on the last core streams without end (for a test that
; kills its core).
        .isa r32
        .equ GOLDEN, 0x9e3779b9
        .equ MAX, 32                ; producers at most
        .data
name:   .ascii "watch"
name_end:
        .bss
ids:    .space 4 * MAX              ; the producers' dispatcher ids
chans:  .space 4 * MAX              ; the open streams' channels
next:   .space 4 * MAX              ; the seq each expects next
owner:  .space 4 * MAX              ; the core each comes from (known from its first message)
        .text
        .global main
        .global producer
main:   addi sp, sp, -16
        mov  s3, a0                 ; n: messages per producer
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        mov  s0, a0
        sys  SYS_NCORES
        addi s2, a0, -1             ; open streams
        addi s1, zero, 1
start:  mov  a0, s1                 ; spawn(c, producer, n) on every other core
        la   a1, producer
        mov  a2, s3
        sys  SYS_SPAWN
        la   t0, ids
        shli t1, s1, 2
        add  t0, t0, t1
        sw   a0, 0(t0)
        addi s1, s1, 1
        ble  s1, s2, start
        mov  s1, zero
take:   mov  a0, s0                 ; accept them all
        sys  SYS_ACCEPT
        la   t0, chans
        shli t1, s1, 2
        add  t0, t0, t1
        sw   a0, 0(t0)
        addi s1, s1, 1
        blt  s1, s2, take
        mov  s1, zero               ; errors
serve:  beqz s2, done
        la   a0, chans              ; i = wait(chans, open)
        mov  a1, s2
        sys  SYS_WAIT
        shli t3, a0, 2              ; t3: offset of stream i (a3, fp: temporaries)
        la   t0, chans
        add  t0, t0, t3
        lw   a0, 0(t0)
        mov  a1, sp
        sys  SYS_RECV
        la   t1, next
        add  t1, t1, t3
        blt  a0, zero, ended        ; the producer's core died
        lw   t2, 4(sp)              ; seq
        addi t0, zero, -1
        beq  t2, t0, ended          ; the producer is done
        lw   t0, 0(t1)
        bne  t2, t0, wrong
        li   t0, GOLDEN
        xor  t0, t2, t0
        lw   a3, 8(sp)
        bne  t0, a3, wrong
        addi t2, t2, 1
        sw   t2, 0(t1)
        lw   t2, 0(sp)              ; its core
        la   t0, owner
        add  t0, t0, t3
        sw   t2, 0(t0)
        jmp  serve
wrong:  addi s1, s1, 1
        jmp  serve
ended:  la   t0, owner              ; its core
        add  t0, t0, t3
        lw   a0, 0(t0)
        sys  SYS_PRINT_INT
        lw   a0, 0(t1)
        sys  SYS_PRINT_INT
        addi s2, s2, -1             ; stream i leaves: the last one takes its place
        shli a3, s2, 2
        la   t0, chans
        add  fp, t0, a3
        lw   fp, 0(fp)
        add  t0, t0, t3
        sw   fp, 0(t0)
        la   t0, next
        add  fp, t0, a3
        lw   fp, 0(fp)
        sw   fp, 0(t1)
        la   t0, owner
        add  fp, t0, a3
        lw   fp, 0(fp)
        add  t0, t0, t3
        sw   fp, 0(t0)
        jmp  serve
done:   mov  a0, s1
        sys  SYS_PRINT_INT
        sys  SYS_NCORES             ; join the producers
        mov  s2, a0
        addi s1, zero, 1
        mov  s3, zero
join:   la   t0, ids
        shli t1, s1, 2
        add  t0, t0, t1
        lw   a0, 0(t0)
        sys  SYS_JOIN
        add  s3, s3, a0
        addi s1, s1, 1
        blt  s1, s2, join
        mov  a0, s3
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT

; producer(n): n messages [core, seq, seq ^ GOLDEN], then [core, -1, 0]; n < 0: |n| of
; them, but without end on the last core
producer:
        addi sp, sp, -16
        mov  s3, a0
        sys  5                      ; core_id
        sw   a0, 0(sp)
        bge  s3, zero, count
        sub  s3, zero, s3
        mov  t0, a0
        sys  SYS_NCORES
        addi a0, a0, -1
        bne  t0, a0, count
        addi s3, zero, -1           ; (a count it never reaches)
count:
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0
        mov  s1, zero
        li   s2, GOLDEN
more:   beq  s1, s3, last
        sw   s1, 4(sp)
        xor  t0, s1, s2
        sw   t0, 8(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 3
        sys  SYS_SEND
        addi s1, s1, 1
        jmp  more
last:   addi t0, zero, -1
        sw   t0, 4(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 3
        sys  SYS_SEND
        mov  a0, zero
        sys  SYS_EXIT
