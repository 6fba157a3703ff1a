; pingpong-a32.s — ping-pong over a URPC channel between two cores (a32 slice).
; The same program as pingpong-r32.s for the accumulator machine: link both into one
; fat image. Buffers live on the stack: the data section is shared by every dispatcher.
        .isa a32
        .equ LAST, 20

        .data
name:   .ascii "pingpong"
name_end:

        .text
        .global main
        .global pong
; main(core): ping side; the argument is at SP+4 on entry
main:   lds   1
        bnz   have
        sys   SYS_NCORES            ; default: the last core
        addi  -1
have:   put   r0                    ; spawn(core, pong, 0)
        li    pong
        put   r1
        lis   0
        put   r2
        sys   SYS_SPAWN
        put   r7                    ; pong's dispatcher id
        li    name                  ; ch = connect("pingpong")
        put   r0
        lis   name_end - name
        put   r1
        sys   SYS_CONNECT
        put   r6                    ; r6: the channel
        lis   0
        put   r5                    ; r5: v
        adjsp -1                    ; a word of buffer at SP
ping:   get   r5
        sts   0
        get   r6                    ; send(ch, SP, 1)
        put   r0
        spa   0
        put   r1
        lis   1
        put   r2
        sys   SYS_SEND
        get   r6                    ; recv(ch, SP)
        put   r0
        spa   0
        put   r1
        sys   SYS_RECV
        lds   0
        put   r0
        sys   SYS_PRINT_INT
        get   r0
        addi  1
        put   r5
        lis   LAST
        put   r4
        get   r5
        slt   r4
        bnz   ping
        lis   -1                    ; send(ch, &-1, 1): stop
        sts   0
        get   r6
        put   r0
        spa   0
        put   r1
        lis   1
        put   r2
        sys   SYS_SEND
        get   r7                    ; join(pong)
        put   r0
        sys   SYS_JOIN
        adjsp 1
        ret

; pong(): serve "pingpong", answer every v with v + 1 until -1
pong:   li    name
        put   r0
        lis   name_end - name
        put   r1
        sys   SYS_SERVE
        put   r0
        sys   SYS_ACCEPT
        put   r6                    ; r6: the channel
        adjsp -1
serve:  get   r6                    ; recv(ch, SP)
        put   r0
        spa   0
        put   r1
        sys   SYS_RECV
        lds   0
        put   r5
        lis   -1
        put   r4
        get   r5
        seq   r4
        bnz   done
        get   r5
        put   r0
        sys   SYS_PRINT_INT
        get   r5
        addi  1
        sts   0
        get   r6                    ; send(ch, SP, 1)
        put   r0
        spa   0
        put   r1
        lis   1
        put   r2
        sys   SYS_SEND
        jmp   serve
done:   lis   0
        put   r0
        sys   SYS_EXIT
