; hello-a32.s — greets three times and counts down, on the a32 accumulator machine.
; System call arguments go in r0-r3; sys preserves every register but A.
        .isa a32

        .data
msg:    .ascii "Hello, multikernel!\n"
msg_end:

        .text
        .global _start
_start:
        lis  3
        put  r4                     ; r4: the counter
loop:   li   msg                    ; print_str(msg, len)
        put  r0
        lis  msg_end - msg
        put  r1
        sys  SYS_PRINT_STR
        get  r4                     ; print_int(counter)
        put  r0
        sys  SYS_PRINT_INT
        get  r4
        addi -1
        put  r4
        bnz  loop                   ; A = counter
        lis  0                      ; exit(0)
        put  r0
        sys  SYS_EXIT
