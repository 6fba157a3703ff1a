; orphan.s: a server exports a service and ends without accepting. Its client, bound to it
; or not, must not wait for ever: connect fails with E_NOT_FOUND (-4) if the server has
; already gone, else the channel it got reads as closed (-2). Prints that number.
        .isa r32
        .data
name:   .ascii "orphan"
name_end:
        .text
        .global main
        .global quitter
main:   addi sp, sp, -8
        addi a0, zero, 1            ; the server, on core 1
        la   a1, quitter
        mov  a2, zero
        sys  SYS_SPAWN
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        blt  a0, zero, done
        mov  a1, sp
        sys  SYS_RECV
done:   sys  SYS_PRINT_INT
        mov  a0, zero
        addi sp, sp, 8
        ret
quitter:
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        mov  a0, zero
        sys  SYS_EXIT
