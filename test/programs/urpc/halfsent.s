; halfsent.s: a send cut short — the peer closes while a 1000-word message waits for room
; in the ring — fails with E_CLOSED (-2), and the sender's next call starts afresh: a
; two-word message on a second channel arrives as two words (an echo prints 2, then 16).
; Prints -2 on core 0; 2 and 16 on core 1.
        .isa r32
        .equ WORDS, 1000
        .data
quit:   .ascii "quit"
quit_end:
echo:   .ascii "echo"
echo_end:
        .bss
buf:    .space 4 * WORDS
        .text
        .global main
        .global quitter
        .global echoer
main:   addi a0, zero, 1            ; the quitter on core 1
        la   a1, quitter
        mov  a2, zero
        sys  SYS_SPAWN
        la   a0, quit
        addi a1, zero, quit_end - quit
        sys  SYS_CONNECT
        mov  s0, a0
        mov  a0, s0                 ; one word: the quitter knows the long message comes
        la   a1, buf
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s0                 ; the long one: fills the ring, waits, sees the close
        la   a1, buf
        addi a2, zero, WORDS
        sys  SYS_SEND
        sys  SYS_PRINT_INT
        addi a0, zero, 1            ; the echo on core 1
        la   a1, echoer
        mov  a2, zero
        sys  SYS_SPAWN
        mov  s1, a0
        la   a0, echo
        addi a1, zero, echo_end - echo
        sys  SYS_CONNECT
        la   a1, buf                ; [7, 9]
        addi t0, zero, 7
        sw   t0, 0(a1)
        addi t0, zero, 9
        sw   t0, 4(a1)
        addi a2, zero, 2
        sys  SYS_SEND
        mov  a0, s1
        sys  SYS_JOIN
        mov  a0, zero
        ret

quitter:                            ; takes one word, lingers, leaves without reading more
        addi sp, sp, -8
        la   a0, quit
        addi a1, zero, quit_end - quit
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  a1, sp
        sys  SYS_RECV
        li   t0, 100000
linger: addi t0, t0, -1
        bnez t0, linger
        mov  a0, zero
        sys  SYS_EXIT

echoer: addi sp, sp, -16
        la   a0, echo
        addi a1, zero, echo_end - echo
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  a1, sp
        sys  SYS_RECV
        sys  SYS_PRINT_INT          ; the length
        lw   a0, 0(sp)
        lw   t0, 4(sp)
        add  a0, a0, t0
        sys  SYS_PRINT_INT          ; the sum
        mov  a0, zero
        sys  SYS_EXIT
