; flood.s: a channel flood between a server and a client program, one on each of two cores
; (started on cores 0 and 1: the role is the core). The server on core 0 answers one message
; per connection, then closes it, until a client says -1; it prints how many messages it
; answered. The client on core 1
;  1. connects, asks and closes 100 times — more than a core's pool holds: closed channels
;     must go back to the pool;
;  2. starts a flooder that connects without end and never sends: the pool of core 0 runs dry
;     and connect fails with E_NO_MEMORY (-5); the flooder prints how many it got and the
;     error, and ends (its channels close);
;  3. connects once more, which works again (channels whose client has gone are taken
;     back), and sends -1.
; Prints 101 on core 0; 100, 64, -5 and 1 on core 1.
        .isa r32
        .equ ROUNDS, 100
        .data
name:   .ascii "echo"
name_end:
        .text
        .global main
        .global flooder
main:   addi sp, sp, -8
        sys  SYS_CORE_ID
        bnez a0, client

server: la   a0, name               ; core 0: the server
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        mov  s0, a0
        mov  s1, zero               ; messages answered
take:   mov  a0, s0
        sys  SYS_ACCEPT
        mov  s2, a0
        mov  a1, sp                 ; a message, or E_CLOSED from a flooder's channel
        sys  SYS_RECV
        blt  a0, zero, drop
        addi s1, s1, 1
        mov  a0, s2                 ; answer it
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        lw   t0, 0(sp)
        addi t1, zero, -1
        beq  t0, t1, stop
drop:   mov  a0, s2
        sys  SYS_CLOSE
        jmp  take
stop:   mov  a0, s1
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT

client: mov  s1, zero               ; 1. ask and close, ROUNDS times
churn:  mov  a0, s1
        call ask
        bne  a0, s1, bad
        addi s1, s1, 1
        addi t0, zero, ROUNDS
        blt  s1, t0, churn
        mov  a0, s1
        sys  SYS_PRINT_INT
        addi a0, zero, 1            ; 2. the flood, from another dispatcher
        la   a1, flooder
        mov  a2, zero
        sys  SYS_SPAWN
        sys  SYS_JOIN
        addi a0, zero, -1           ; 3. once more, to stop the server
        call ask
        addi t0, zero, -1
        bne  a0, t0, bad
        addi a0, zero, 1
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT
bad:    addi a0, zero, 99
        sys  SYS_PRINT_INT
        addi a0, zero, 1
        sys  SYS_EXIT

; ask(v): connect, send v, receive the answer, close; returns the answer (or connect's error)
ask:    mov  s3, lr
        sw   a0, 0(sp)
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        blt  a0, zero, asked
        mov  s2, a0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s2
        mov  a1, sp
        sys  SYS_RECV
        mov  a0, s2
        sys  SYS_CLOSE
        lw   a0, 0(sp)
asked:  jr   s3

flooder:                            ; connects without end, never sends
        mov  s0, zero
more:   la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        blt  a0, zero, full
        addi s0, s0, 1
        jmp  more
full:   mov  s1, a0
        mov  a0, s0
        sys  SYS_PRINT_INT
        mov  a0, s1
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT
