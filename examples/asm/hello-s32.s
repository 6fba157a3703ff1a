; hello-s32.s — greets three times and counts down, on the s32 stack machine.
; Stack effects are in the comments, top of the stack on the right.
        .isa s32

        .data
msg:    .ascii "Hello, multikernel!\n"
msg_end:

        .text
        .global _start
_start:
        push8 3                     ; ( n )
loop:   push  msg                   ; ( n msg )
        push8 msg_end - msg         ; ( n msg len )
        sys   SYS_PRINT_STR         ; ( n result )
        drop                        ; ( n )
        dup                         ; ( n n )
        sys   SYS_PRINT_INT         ; ( n result )
        drop                        ; ( n )
        push8 1
        sub                         ; ( n-1 )
        dup
        jnz   loop                  ; ( n-1 )
        sys   SYS_EXIT              ; exit(0): the counter is 0 now
