; spawnall (a32 slice): see spawnall-r32.s.
        .isa a32
        .text
        .global main
        .global worker
main:   adjsp -16                   ; up to 16 dispatcher ids at SP
        sys   6                     ; ncores()
        put   r5
        lis   0
        put   r4                    ; i
start:  get   r4                    ; spawn(i, worker, i)
        put   r0
        li    worker
        put   r1
        get   r4
        put   r2
        sys   16
        put   r3
        get   r4                    ; ids[i] = id
        shli  2
        put   r2
        spa   0
        add   r2
        tax
        get   r3
        sw    0
        get   r4
        addi  1
        put   r4
        slt   r5
        bnz   start
        lis   0
        put   r4
        put   r6                    ; sum
join:   get   r4
        shli  2
        put   r2
        spa   0
        add   r2
        tax
        lw    0
        put   r0
        sys   17                    ; join(ids[i])
        add   r6
        put   r6
        get   r4
        addi  1
        put   r4
        slt   r5
        bnz   join
        get   r6
        put   r0
        sys   2
        adjsp 16
        lis   0
        ret

worker: lds   1
        put   r7                    ; the argument (sys keeps every register but A)
        sys   5                     ; core_id()
        put   r0
        sys   2
        get   r7
        addi  100
        ret
