; stolen.s: a dispatcher uses a channel handle it does not own — the handle its parent got
; from connect — and is killed for it; its parent, the owner, keeps using the channel.
; Then a send with a handle that was never issued, from main itself, faults main.
; expect: dispatcher 2048 of
; expect: bad system call argument
        .isa r32
        .data
name:   .ascii "owned"
name_end:
        .text
        .global main
        .global echo
        .global thief
main:   addi sp, sp, -8
        addi a0, zero, 1            ; an echo server on core 1
        la   a1, echo
        mov  a2, zero
        sys  SYS_SPAWN
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0                 ; our channel
        mov  a0, zero               ; a thief on our own core, given our handle
        la   a1, thief
        mov  a2, s0
        sys  SYS_SPAWN
        sys  SYS_JOIN               ; it faults: join says 139
        sys  SYS_PRINT_INT
        addi t0, zero, 42           ; the channel still works for its owner
        sw   t0, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        lw   a0, 0(sp)
        sys  SYS_PRINT_INT          ; 43
        addi a0, zero, 77           ; a handle nobody issued: main faults now
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        ret

thief:  addi sp, sp, -8             ; send(parent's handle, ...): not ours
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        addi sp, sp, 8
        ret

echo:   addi sp, sp, -8
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  s0, a0
        mov  a1, sp
        sys  SYS_RECV
        lw   t0, 0(sp)
        addi t0, t0, 1
        sw   t0, 0(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, zero
        sys  SYS_EXIT
