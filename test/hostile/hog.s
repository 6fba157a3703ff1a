; hog.s: a memory hog and its neighbour, one on each of cores 0 and 1 (the role is the core).
; The hog on core 0 grows its heap 64 KiB at a time until memgrow fails (-1), then a page at
; a time until that fails too, writing to every page it got; then it tells the neighbour (a message on "hog") and waits for its
; answer, tries a spawn (no frames for a stack: E_NO_MEMORY, -5), prints 1 if it got more
; than a megabyte and that result, and ends — giving every frame back.
; The neighbour on core 1 hears the machine is out of memory, tries memgrow (-1) and a
; spawn (-5) there, prints both, answers, waits for the hog to go (recv: E_CLOSED), and then
; grows its heap, writes to it, and spawns a worker and joins it: prints 1, 1, 42.
        .isa r32
        .equ CHUNK, 0x10000
        .data
name:   .ascii "hog"
name_end:
        .text
        .global main
        .global worker
main:   addi sp, sp, -8
        sys  SYS_CORE_ID
        bnez a0, neighbour

hog:    mov  s0, zero               ; bytes got
        li   s3, CHUNK              ; bytes asked for at a time
grow:   mov  a0, s3
        sys  SYS_MEMGROW
        addi t0, zero, -1
        beq  a0, t0, less
        mov  t1, s3                 ; write a word to each page of it
touch:  addi t1, t1, -4096
        add  t2, a0, t1
        sw   t1, 0(t2)
        bnez t1, touch
        add  s0, s0, s3
        jmp  grow
less:   li   t0, 4096               ; then a page at a time
        beq  s3, t0, full
        mov  s3, t0
        jmp  grow
full:   la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  s1, a0
        mov  a1, sp                 ; "out of memory"
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s1                 ; the neighbour's answer
        mov  a1, sp
        sys  SYS_RECV
        mov  a0, zero               ; spawn(0, worker, 0)
        la   a1, worker
        mov  a2, zero
        sys  SYS_SPAWN
        mov  s2, a0
        li   t0, 0x100000
        slt  a0, t0, s0
        sys  SYS_PRINT_INT
        mov  a0, s2
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT

neighbour:
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s1, a0
        mov  a1, sp
        sys  SYS_RECV               ; the machine is out of memory now
        li   a0, 4096
        sys  SYS_MEMGROW
        sys  SYS_PRINT_INT          ; -1
        addi a0, zero, 1            ; spawn(1, worker, 0)
        la   a1, worker
        mov  a2, zero
        sys  SYS_SPAWN
        sys  SYS_PRINT_INT          ; -5
        mov  a0, s1                 ; answer, and wait for the hog to go
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        mov  a0, s1
        mov  a1, sp
        sys  SYS_RECV
        li   a0, 4096               ; memory again
        sys  SYS_MEMGROW
        slt  t0, a0, zero
        xori t0, t0, 1
        sw   t0, 0(a0)
        lw   a0, 0(a0)
        sys  SYS_PRINT_INT          ; 1
        addi a0, zero, 1            ; a worker again
        la   a1, worker
        addi a2, zero, 41
        sys  SYS_SPAWN
        slt  t0, a0, zero
        mov  s2, a0
        xori a0, t0, 1
        sys  SYS_PRINT_INT          ; 1
        mov  a0, s2
        sys  SYS_JOIN
        sys  SYS_PRINT_INT          ; 42
        mov  a0, zero
        sys  SYS_EXIT

worker: addi a0, a0, 1
        ret
