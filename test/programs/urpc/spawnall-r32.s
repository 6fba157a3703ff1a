; spawnall (r32 slice): main starts worker(c) on every core c — each core runs the slice of
; its own ISA — then joins them all and prints the sum of their exit codes. A worker prints
; its core number and exits with 100 + c.
        .isa r32
        .text
        .global main
        .global worker
main:   addi sp, sp, -64            ; up to 16 dispatcher ids
        sys  SYS_NCORES
        mov  s2, a0
        mov  s1, zero
start:  mov  a0, s1                 ; spawn(c, worker, c)
        la   a1, worker
        mov  a2, s1
        sys  SYS_SPAWN
        shli t0, s1, 2
        add  t0, t0, sp
        sw   a0, 0(t0)
        addi s1, s1, 1
        blt  s1, s2, start
        mov  s1, zero
        mov  s3, zero
join:   shli t0, s1, 2
        add  t0, t0, sp
        lw   a0, 0(t0)
        sys  SYS_JOIN
        add  s3, s3, a0
        addi s1, s1, 1
        blt  s1, s2, join
        mov  a0, s3
        sys  SYS_PRINT_INT
        mov  a0, zero
        addi sp, sp, 64
        ret

worker: mov  s0, a0
        sys  SYS_CORE_ID
        sys  SYS_PRINT_INT
        addi a0, s0, 100
        ret
