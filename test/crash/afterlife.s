; afterlife.s: main (core 0) starts `doomed` on core 1, which exports "doomed" and then runs
; without end — until the test kills core 1. Main connects (the channel is bound, never
; accepted) and waits on it. When core 1 dies, everything main asks of it fails instead of
; waiting for ever: the recv (E_CLOSED, -2), the join (139: killed), a new connect to the
; service (-2) and a spawn onto that core (-2). Prints -2, 139, -2, -2.
        .isa r32
        .data
name:   .ascii "doomed"
name_end:
        .text
        .global main
        .global doomed
main:   addi sp, sp, -8
        addi a0, zero, 1
        la   a1, doomed
        mov  a2, zero
        sys  SYS_SPAWN
        mov  s0, a0
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  a1, sp
        sys  SYS_RECV
        sys  SYS_PRINT_INT
        mov  a0, s0
        sys  SYS_JOIN
        sys  SYS_PRINT_INT
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        sys  SYS_PRINT_INT
        addi a0, zero, 1
        la   a1, doomed
        mov  a2, zero
        sys  SYS_SPAWN
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT

doomed: la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
forever: addi t0, t0, 1
        jmp  forever
