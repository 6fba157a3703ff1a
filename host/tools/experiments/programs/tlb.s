; tlb.s — TLB shootdown (Figures 6, 7): main(k) maps a fresh page, starts a worker on each of
; cores 1..k-1 that touches it and then waits, touches it itself, and unmaps it: the unmap
; returns once no core can translate the page any more. main prints the cycles the unmap
; took (end to end, as the program sees it) and its result.
        .isa r32
        .bss
        .align 64
ready:  .space 64
done:   .space 64
        .text
        .global main
        .global worker
main:   addi sp, sp, -144           ; up to 32 dispatcher ids, from 4(sp)
        sw   lr, 0(sp)
        mov  s2, a0                 ; k
        li   a0, 4096
        sys  SYS_MEMGROW
        addi t0, zero, 4095         ; the page: the old end, rounded up
        add  s3, a0, t0
        li   t0, 0xfffff000
        and  s3, s3, t0
        sw   zero, 0(s3)            ; touch it
        addi s1, zero, 1
start:  bge  s1, s2, started        ; spawn(c, worker, page)
        mov  a0, s1
        la   a1, worker
        mov  a2, s3
        sys  SYS_SPAWN
        shli t0, s1, 2
        add  t0, t0, sp
        sw   a0, 0(t0)
        addi s1, s1, 1
        jmp  start
started:
        la   t0, ready              ; wait until every worker has touched the page
        addi t1, s2, -1
wait:   lw   t2, 0(t0)
        blt  t2, t1, wait
        lw   t2, 0(s3)
        sys  SYS_CYCLES
        mov  s0, a0
        mov  a0, s3                 ; unmap(page, 4096)
        li   a1, 4096
        sys  SYS_UNMAP
        mov  s1, a0
        sys  SYS_CYCLES
        sub  a0, a0, s0
        sys  SYS_PRINT_INT          ; cycles, end to end
        mov  a0, s1
        sys  SYS_PRINT_INT          ; 0
        la   t0, done               ; let the workers go
        addi t1, zero, 1
        sw   t1, 0(t0)
        addi s1, zero, 1
join:   bge  s1, s2, joined
        shli t0, s1, 2
        add  t0, t0, sp
        lw   a0, 0(t0)
        sys  SYS_JOIN
        addi s1, s1, 1
        jmp  join
joined: lw   lr, 0(sp)
        addi sp, sp, 144
        mov  a0, zero
        ret

worker: lw   t0, 0(a0)              ; touch the page
        la   t0, ready
        addi t1, zero, 1
        faa  t2, t1, (t0)
        la   t0, done
spin:   lw   t1, 0(t0)
        beqz t1, spin
        mov  a0, zero
        ret
