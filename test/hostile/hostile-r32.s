; hostile (r32 slice): one attack on the machine per entry function, its target — an address,
; a length, a handle — in the argument. Each ends with `halt` and the last call's result, if
; the machine lets it get that far. test/hostile/attacks.test.ts runs them beside victims.
; The s32 and a32 slices have the same functions and the same data (one fat image).
        .isa r32
        .data
msg:    .ascii "hostile!"
        .bss
name:   .space 8                    ; the name of this domain's helper service
buf:    .space 64
        .text
        .global rd, wr, rdb, wrb, jump
        .global print, serve, connect, waitptr, sendbuf, recvbuf, tryrecvbuf
        .global printlen, namelen, sendlen, waitn
        .global sendh, recvh, tryrecvh, closeh, waith, closed, twice, thief, thiefremote
        .global accept, join, spawn, spawnfn, fault, memgrow, unmap, unmapself
        .global sys13, sys14, sys15, sys26, sys255
        .global helper, steal, idle

; ── wild memory accesses at an address ──
rd:     lw   a0, 0(a0)
        halt
wr:     li   t0, 0xbad0bad0
        sw   t0, 0(a0)
        halt
rdb:    lbu  a0, 0(a0)
        halt
wrb:    sb   a0, 0(a0)
        halt
jump:   jr   a0

; ── system calls given a pointer ──
print:  addi a1, zero, 8            ; print_str(p, 8)
        sys  SYS_PRINT_STR
        halt
serve:  addi a1, zero, 4            ; serve(p, 4)
        sys  SYS_SERVE
        halt
connect: addi a1, zero, 4           ; connect(p, 4)
        sys  SYS_CONNECT
        halt
waitptr: addi a1, zero, 1           ; wait(p, 1)
        sys  SYS_WAIT
        halt
sendbuf: mov s0, a0                 ; send(own channel, p, 4)
        call pair
        mov  a1, s0
        addi a2, zero, 4
        sys  SYS_SEND
        halt
recvbuf: mov s0, a0                 ; recv(own channel, p): a message is on its way
        call pair
        mov  a1, s0
        sys  SYS_RECV
        halt
tryrecvbuf: mov s0, a0              ; try_recv(own channel, p) once a message is there
        call pair
        call ready
        mov  a0, s2
        mov  a1, s0
        sys  SYS_TRY_RECV
        halt

; ── system calls given a length ──
printlen: mov a1, a0                ; print_str(msg, n)
        la   a0, msg
        sys  SYS_PRINT_STR
        halt
namelen: mov a1, a0                 ; serve(msg, n)
        la   a0, msg
        sys  SYS_SERVE
        halt
sendlen: mov s0, a0                 ; send(own channel, buf, n)
        call pair
        la   a1, buf
        mov  a2, s0
        sys  SYS_SEND
        halt
waitn:  mov  s0, a0                 ; wait([own channel, 0, …], n)
        call pair
        la   a0, buf
        sw   s2, 0(a0)
        mov  a1, s0
        sys  SYS_WAIT
        halt

; ── channel handles that are not the caller's ──
sendh:  la   a1, buf                ; send(h, buf, 1)
        addi a2, zero, 1
        sys  SYS_SEND
        halt
recvh:  la   a1, buf                ; recv(h, buf)
        sys  SYS_RECV
        halt
tryrecvh: la a1, buf                ; try_recv(h, buf)
        sys  SYS_TRY_RECV
        halt
closeh: sys  SYS_CLOSE              ; close(h)
        halt
waith:  la   t0, buf                ; wait([h], 1)
        sw   a0, 0(t0)
        mov  a0, t0
        addi a1, zero, 1
        sys  SYS_WAIT
        halt
closed: call pair                   ; send on its own channel after closing it
        sys  SYS_CLOSE
        mov  a0, s2
        la   a1, buf
        addi a2, zero, 1
        sys  SYS_SEND
        halt
twice:  call pair                   ; close its own channel twice
        sys  SYS_CLOSE
        mov  a0, s2
        sys  SYS_CLOSE
        halt
thief:  call pair                   ; another dispatcher of the program, on this core,
        sys  SYS_CORE_ID            ; sends on the channel: join returns its fate
        la   a1, steal
        mov  a2, s2
        sys  SYS_SPAWN
        sys  SYS_JOIN
        halt
thiefremote: call pair              ; the same from the next core, of another ISA
        sys  SYS_CORE_ID
        addi s0, a0, 1
        sys  SYS_NCORES
        remu a0, s0, a0
        la   a1, steal
        mov  a2, s2
        sys  SYS_SPAWN
        sys  SYS_JOIN
        halt

; ── other calls with made-up arguments ──
accept: sys  SYS_ACCEPT             ; accept(service)
        halt
join:   sys  SYS_JOIN               ; join(dispatcher id)
        halt
spawn:  la   a1, idle               ; spawn(core, idle, 0)
        mov  a2, zero
        sys  SYS_SPAWN
        halt
spawnfn: mov a1, a0                 ; spawn(this core, fn, 0), then join it
        sys  SYS_CORE_ID
        mov  a2, zero
        sys  SYS_SPAWN
        blt  a0, zero, out
        sys  SYS_JOIN
out:    halt
fault:  sys  SYS_FAULT              ; fault(code)
        halt
memgrow: sys SYS_MEMGROW            ; memgrow(bytes)
        halt
unmap:  li   a1, 4096               ; unmap(p, 4096)
        sys  SYS_UNMAP
        halt
unmapself: la a0, rd                ; unmap the page of code it runs
        li   a1, 4096
        sys  SYS_UNMAP
        halt
sys13:  sys  13                     ; numbers that are no system call
        halt
sys14:  sys  14
        halt
sys15:  sys  15
        halt
sys26:  sys  26
        halt
sys255: sys  255
        halt

; ── helpers ──
; pair(): s2 (and a0) = a channel of this dispatcher's own, to a helper on this core that
; sends it one two-word message and then waits until it goes away. The service's name is
; this dispatcher's id, spelt in 8 letters, so every hostile program has its own.
pair:   sys  SYS_DISPID
        li   t1, 0x0f0f0f0f
        li   t2, 0x40404040
        la   t3, name
        and  t0, a0, t1
        or   t0, t0, t2
        sw   t0, 0(t3)
        shri t0, a0, 4
        and  t0, t0, t1
        or   t0, t0, t2
        sw   t0, 4(t3)
        sys  SYS_CORE_ID            ; spawn(core_id(), helper, 0)
        la   a1, helper
        mov  a2, zero
        sys  SYS_SPAWN
        la   a0, name
        addi a1, zero, 8
        sys  SYS_CONNECT
        mov  s2, a0
        ret
; ready(): waits until a message is there on channel s2
ready:  la   a0, buf
        sw   s2, 0(a0)
        addi a1, zero, 1
        sys  SYS_WAIT
        ret
helper: addi sp, sp, -8
        la   a0, name
        addi a1, zero, 8
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  s0, a0
        li   t0, 0x600d600d
        sw   t0, 0(sp)
        sw   t0, 4(sp)
        mov  a1, sp                 ; send(ch, sp, 2)
        addi a2, zero, 2
        sys  SYS_SEND
hold:   mov  a0, s0                 ; recv until the other side has gone
        mov  a1, sp
        sys  SYS_RECV
        bge  a0, zero, hold
        mov  a0, zero
        halt
steal:  la   a1, buf                ; steal(h): send(h, buf, 1)
        addi a2, zero, 1
        sys  SYS_SEND
        halt
idle:   mov  a0, zero
        halt
