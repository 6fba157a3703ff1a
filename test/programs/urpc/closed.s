; closed.s: the peer of a channel exits while main keeps sending: main's send fails with
; E_CLOSED (-2) instead of hanging once the ring is full, and so does a recv. Prints -2, -2.
        .isa r32
        .data
name:   .ascii "quit"
name_end:
        .text
        .global main
        .global quitter
main:   addi sp, sp, -8
        sys  SYS_NCORES
        addi a0, a0, -1
        la   a1, quitter
        mov  a2, zero
        sys  SYS_SPAWN
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0
again:  mov  a0, s0                 ; send until it fails
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        bge  a0, zero, again
        sys  SYS_PRINT_INT
        mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        sys  SYS_PRINT_INT
        mov  a0, zero
        addi sp, sp, 8
        ret

quitter:                            ; takes the channel and leaves without reading
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  a0, zero
        sys  SYS_EXIT
