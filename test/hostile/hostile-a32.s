; hostile (a32 slice): the attacks of hostile-r32.s for the accumulator machine. The
; argument of an entry function is at SP+4 (`lds 1`).
        .isa a32
        .data
msg:    .ascii "hostile!"
        .bss
name:   .space 8
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
rd:     lds   1
        tax
        lw    0
        halt
wr:     lds   1
        tax
        li    0xbad0bad0
        sw    0
        lds   1
        halt
rdb:    lds   1
        tax
        lbu   0
        halt
wrb:    lds   1
        tax
        sb    0
        halt
jump:   lds   1
        callr

; ── system calls given a pointer ──
print:  lds   1                     ; print_str(p, 8)
        put   r0
        lis   8
        put   r1
        sys   SYS_PRINT_STR
        halt
serve:  lds   1                     ; serve(p, 4)
        put   r0
        lis   4
        put   r1
        sys   SYS_SERVE
        halt
connect: lds  1                     ; connect(p, 4)
        put   r0
        lis   4
        put   r1
        sys   SYS_CONNECT
        halt
waitptr: lds  1                     ; wait(p, 1)
        put   r0
        lis   1
        put   r1
        sys   SYS_WAIT
        halt
sendbuf: call pair                  ; send(own channel, p, 4)
        put   r0
        lds   1
        put   r1
        lis   4
        put   r2
        sys   SYS_SEND
        halt
recvbuf: call pair                  ; recv(own channel, p)
        put   r0
        lds   1
        put   r1
        sys   SYS_RECV
        halt
tryrecvbuf: call pair               ; try_recv(own channel, p) once a message is there
        call  ready
        get   r7
        put   r0
        lds   1
        put   r1
        sys   SYS_TRY_RECV
        halt

; ── system calls given a length ──
printlen: li  msg                   ; print_str(msg, n)
        put   r0
        lds   1
        put   r1
        sys   SYS_PRINT_STR
        halt
namelen: li   msg                   ; serve(msg, n)
        put   r0
        lds   1
        put   r1
        sys   SYS_SERVE
        halt
sendlen: call pair                  ; send(own channel, buf, n)
        put   r0
        li    buf
        put   r1
        lds   1
        put   r2
        sys   SYS_SEND
        halt
waitn:  call  pair                  ; wait([own channel, 0, …], n)
        li    buf
        tax
        put   r0
        get   r7
        sw    0
        lds   1
        put   r1
        sys   SYS_WAIT
        halt

; ── channel handles that are not the caller's ──
sendh:  lds   1                     ; send(h, buf, 1)
        put   r0
        li    buf
        put   r1
        lis   1
        put   r2
        sys   SYS_SEND
        halt
recvh:  lds   1                     ; recv(h, buf)
        put   r0
        li    buf
        put   r1
        sys   SYS_RECV
        halt
tryrecvh: lds 1                     ; try_recv(h, buf)
        put   r0
        li    buf
        put   r1
        sys   SYS_TRY_RECV
        halt
closeh: lds   1                     ; close(h)
        put   r0
        sys   SYS_CLOSE
        halt
waith:  li    buf                   ; wait([h], 1)
        tax
        put   r0
        lds   1
        sw    0
        lis   1
        put   r1
        sys   SYS_WAIT
        halt
closed: call  pair                  ; send on its own channel after closing it
        put   r0
        sys   SYS_CLOSE
        li    buf
        put   r1
        lis   1
        put   r2
        sys   SYS_SEND
        halt
twice:  call  pair                  ; close its own channel twice
        put   r0
        sys   SYS_CLOSE
        sys   SYS_CLOSE
        halt
thief:  call  pair                  ; another dispatcher on this core sends on the channel
        sys   SYS_CORE_ID
        put   r0
        li    steal
        put   r1
        get   r7
        put   r2
        sys   SYS_SPAWN
        put   r0
        sys   SYS_JOIN
        halt
thiefremote: call pair              ; the same from the next core, of another ISA
        sys   SYS_CORE_ID
        addi  1
        put   r4                    ; core + 1, or 0 past the last core
        sys   SYS_NCORES
        seq   r4
        bz    near
        lis   0
        put   r4
near:   get   r4
        put   r0
        li    steal
        put   r1
        get   r7
        put   r2
        sys   SYS_SPAWN
        put   r0
        sys   SYS_JOIN
        halt

; ── other calls with made-up arguments ──
accept: lds   1                     ; accept(service)
        put   r0
        sys   SYS_ACCEPT
        halt
join:   lds   1                     ; join(dispatcher id)
        put   r0
        sys   SYS_JOIN
        halt
spawn:  lds   1                     ; spawn(core, idle, 0)
        put   r0
        li    idle
        put   r1
        lis   0
        put   r2
        sys   SYS_SPAWN
        halt
spawnfn: sys  SYS_CORE_ID           ; spawn(this core, fn, 0), then join it
        put   r0
        lds   1
        put   r1
        lis   0
        put   r2
        sys   SYS_SPAWN
        put   r0
        shri  31
        bnz   out
        sys   SYS_JOIN
        halt
out:    get   r0
        halt
fault:  lds   1                     ; fault(code)
        put   r0
        sys   SYS_FAULT
        halt
memgrow: lds  1                     ; memgrow(bytes)
        put   r0
        sys   SYS_MEMGROW
        halt
unmap:  lds   1                     ; unmap(p, 4096)
        put   r0
        li    4096
        put   r1
        sys   SYS_UNMAP
        halt
unmapself: li rd                    ; unmap the page of code it runs
        put   r0
        li    4096
        put   r1
        sys   SYS_UNMAP
        halt
sys13:  sys   13
        halt
sys14:  sys   14
        halt
sys15:  sys   15
        halt
sys26:  sys   26
        halt
sys255: sys   255
        halt

; ── helpers (see hostile-r32.s) ──
; pair(): r7 (and A) = a channel of this dispatcher's own
pair:   sys   SYS_DISPID
        put   r4
        li    0x0f0f0f0f
        put   r5
        li    0x40404040
        put   r6
        li    name
        tax
        get   r4
        and   r5
        or    r6
        sw    0
        get   r4
        shri  4
        and   r5
        or    r6
        sw    4
        sys   SYS_CORE_ID           ; spawn(core_id(), helper, 0)
        put   r0
        li    helper
        put   r1
        lis   0
        put   r2
        sys   SYS_SPAWN
        li    name
        put   r0
        lis   8
        put   r1
        sys   SYS_CONNECT
        put   r7
        ret
; ready(): waits until a message is there on channel r7
ready:  li    buf
        tax
        put   r0
        get   r7
        sw    0
        lis   1
        put   r1
        sys   SYS_WAIT
        ret
helper: adjsp -2                    ; a two-word message at SP
        li    name
        put   r0
        lis   8
        put   r1
        sys   SYS_SERVE
        put   r0
        sys   SYS_ACCEPT
        put   r6                    ; the channel
        li    0x600d600d
        sts   0
        sts   1
        get   r6                    ; send(ch, SP, 2)
        put   r0
        spa   0
        put   r1
        lis   2
        put   r2
        sys   SYS_SEND
hold:   get   r6                    ; recv until the other side has gone
        put   r0
        spa   0
        put   r1
        sys   SYS_RECV
        shri  31
        bz    hold
        lis   0
        halt
steal:  lds   1                     ; steal(h): send(h, buf, 1)
        put   r0
        li    buf
        put   r1
        lis   1
        put   r2
        sys   SYS_SEND
        halt
idle:   lis   0
        halt
