; bomb.s: a spawn bomb and its neighbour, on cores 0 and 1 of an r32 machine (the role is
; the core). The bomb on core 0 spawns dispatchers round robin over every core until spawn
; fails; each waits for the bomb to end (it joins it). It prints how many it started and the
; error (E_NO_MEMORY, -5), tells the neighbour, waits for its answer, and ends.
; The neighbour on core 1, once the bomb is done, spawns a worker on every core and joins
; them: each returns its core + 1, so on four cores it prints 10. Then it answers.
        .isa r32
        .data
name:   .ascii "bomb"
name_end:
        .text
        .global main
        .global waiter
        .global worker
main:   addi sp, sp, -8
        sys  SYS_CORE_ID
        bnez a0, neighbour

bomb:   sys  SYS_NCORES
        mov  s1, a0
        sys  SYS_DISPID
        mov  s2, a0                 ; waiters join us
        mov  s0, zero               ; spawned
spawn:  remu a0, s0, s1             ; spawn(i mod ncores, waiter, bomb's id)
        la   a1, waiter
        mov  a2, s2
        sys  SYS_SPAWN
        blt  a0, zero, refused
        addi s0, s0, 1
        jmp  spawn
refused: mov s3, a0
        mov  a0, s0
        sys  SYS_PRINT_INT
        mov  a0, s3
        sys  SYS_PRINT_INT
        la   a0, name               ; tell the neighbour, wait for its answer
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  s3, a0
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s3
        mov  a1, sp
        sys  SYS_RECV
        mov  a0, zero
        sys  SYS_EXIT

waiter: sys  SYS_JOIN               ; join(the bomb)
        mov  a0, zero
        ret

neighbour:
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s3, a0
        mov  a1, sp
        sys  SYS_RECV               ; the bomb is done: every core is crowded
        sys  SYS_NCORES
        mov  s1, a0
        mov  s0, zero
        mov  s2, zero               ; the sum of the workers' results
work:   mov  a0, s0                 ; spawn(i, worker, i); join it
        la   a1, worker
        mov  a2, s0
        sys  SYS_SPAWN
        blt  a0, zero, report
        sys  SYS_JOIN
        add  s2, s2, a0
        addi s0, s0, 1
        blt  s0, s1, work
        mov  a0, s2
report: sys  SYS_PRINT_INT
        mov  a0, s3                 ; answer
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, zero
        sys  SYS_EXIT

worker: addi a0, a0, 1
        ret
