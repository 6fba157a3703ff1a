; shm.s — Figure 3, shared memory: main(k | lines << 8 | n << 16) starts a worker on each of
; cores 0..k-1; after a barrier each worker makes n updates to a structure of `lines` cache
; lines in shared memory — one atomic add per line — and prints the cycles one update took
; on average. main then prints the value in line 0 (k · n: no update was lost).
        .isa r32
        .bss
        .align 64
shared: .space 512                  ; 8 cache lines
ready:  .space 64                   ; the barrier counter, on its own line
        .text
        .global main
        .global worker
main:   addi sp, sp, -80            ; up to 16 dispatcher ids, and the argument
        sw   a0, 64(sp)
        andi s2, a0, 255            ; k
        mov  s1, zero
start:  mov  a0, s1                 ; spawn(c, worker, arg)
        la   a1, worker
        lw   a2, 64(sp)
        sys  SYS_SPAWN
        shli t0, s1, 2
        add  t0, t0, sp
        sw   a0, 0(t0)
        addi s1, s1, 1
        blt  s1, s2, start
        mov  s1, zero
join:   shli t0, s1, 2
        add  t0, t0, sp
        lw   a0, 0(t0)
        sys  SYS_JOIN
        addi s1, s1, 1
        blt  s1, s2, join
        la   t0, shared
        lw   a0, 0(t0)
        sys  SYS_PRINT_INT
        mov  a0, zero
        addi sp, sp, 80
        ret

worker: andi s2, a0, 255            ; k
        shri s3, a0, 8
        andi s3, s3, 255            ; lines
        shri s0, a0, 16             ; n
        la   t0, ready              ; barrier: count in, wait for all k
        addi t1, zero, 1
        faa  t2, t1, (t0)
wait:   lw   t2, 0(t0)
        blt  t2, s2, wait
        sys  SYS_CYCLES
        mov  s1, a0                 ; start time
        mov  t3, s0
update: la   t0, shared             ; one update: +1 on each of the lines
        mov  t1, s3
        addi t2, zero, 1
line:   faa  fp, t2, (t0)           ; (fp: a free register here)
        addi t0, t0, 64
        addi t1, t1, -1
        bnez t1, line
        addi t3, t3, -1
        bnez t3, update
        sys  SYS_CYCLES
        sub  a0, a0, s1
        divu a0, a0, s0             ; cycles per update
        sys  SYS_PRINT_INT
        mov  a0, zero
        ret
