; hello-r32.s — greets three times and counts down, on the r32 register machine.
; All three hello-*.s share the same .data, so they also link into one fat image.
        .isa r32

        .data
msg:    .ascii "Hello, multikernel!\n"
msg_end:

        .text
        .global _start
_start:
        li   s0, 3                  ; s0: the counter (sys preserves all but r1)
loop:   la   a0, msg                ; print_str(msg, len)
        li   a1, msg_end - msg
        sys  SYS_PRINT_STR
        mov  a0, s0                 ; print_int(counter)
        sys  SYS_PRINT_INT
        addi s0, s0, -1
        bnez s0, loop
        li   a0, 0                  ; exit(0)
        sys  SYS_EXIT
