; hostile (s32 slice): the attacks of hostile-r32.s for the stack machine. Every entry
; function starts with `enter`, so its argument is `ldl 2`.
        .isa s32
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
rd:     enter 0
        ldl   2
        ldw
        halt
wr:     enter 0
        ldl   2
        push  0xbad0bad0
        stw
        ldl   2
        halt
rdb:    enter 0
        ldl   2
        ldbu
        halt
wrb:    enter 0
        ldl   2
        ldl   2
        stb
        ldl   2
        halt
jump:   enter 0
        ldl   2
        callr

; ── system calls given a pointer ──
print:  enter 0                     ; print_str(p, 8)
        ldl   2
        push8 8
        sys   SYS_PRINT_STR
        halt
serve:  enter 0                     ; serve(p, 4)
        ldl   2
        push8 4
        sys   SYS_SERVE
        halt
connect: enter 0                    ; connect(p, 4)
        ldl   2
        push8 4
        sys   SYS_CONNECT
        halt
waitptr: enter 0                    ; wait(p, 1)
        ldl   2
        push8 1
        sys   SYS_WAIT
        halt
sendbuf: enter 0                    ; send(own channel, p, 4)
        call  pair
        ldl   2
        push8 4
        sys   SYS_SEND
        halt
recvbuf: enter 0                    ; recv(own channel, p)
        call  pair
        ldl   2
        sys   SYS_RECV
        halt
tryrecvbuf: enter 1                 ; try_recv(own channel, p) once a message is there
        call  pair
        dup
        stl   -1
        call  ready
        ldl   -1
        ldl   2
        sys   SYS_TRY_RECV
        halt

; ── system calls given a length ──
printlen: enter 0                   ; print_str(msg, n)
        push  msg
        ldl   2
        sys   SYS_PRINT_STR
        halt
namelen: enter 0                    ; serve(msg, n)
        push  msg
        ldl   2
        sys   SYS_SERVE
        halt
sendlen: enter 0                    ; send(own channel, buf, n)
        call  pair
        push  buf
        ldl   2
        sys   SYS_SEND
        halt
waitn:  enter 0                     ; wait([own channel, 0, …], n)
        push  buf
        call  pair
        stw
        push  buf
        ldl   2
        sys   SYS_WAIT
        halt

; ── channel handles that are not the caller's ──
sendh:  enter 0                     ; send(h, buf, 1)
        ldl   2
        push  buf
        push8 1
        sys   SYS_SEND
        halt
recvh:  enter 0                     ; recv(h, buf)
        ldl   2
        push  buf
        sys   SYS_RECV
        halt
tryrecvh: enter 0                   ; try_recv(h, buf)
        ldl   2
        push  buf
        sys   SYS_TRY_RECV
        halt
closeh: enter 0                     ; close(h)
        ldl   2
        sys   SYS_CLOSE
        halt
waith:  enter 0                     ; wait([h], 1)
        push  buf
        ldl   2
        stw
        push  buf
        push8 1
        sys   SYS_WAIT
        halt
closed: enter 1                     ; send on its own channel after closing it
        call  pair
        dup
        stl   -1
        sys   SYS_CLOSE
        drop
        ldl   -1
        push  buf
        push8 1
        sys   SYS_SEND
        halt
twice:  enter 1                     ; close its own channel twice
        call  pair
        dup
        stl   -1
        sys   SYS_CLOSE
        drop
        ldl   -1
        sys   SYS_CLOSE
        halt
thief:  enter 1                     ; another dispatcher on this core sends on the channel
        call  pair
        stl   -1
        sys   SYS_CORE_ID
        push  steal
        ldl   -1
        sys   SYS_SPAWN
        sys   SYS_JOIN
        halt
thiefremote: enter 1                ; the same from the next core, of another ISA
        call  pair
        stl   -1
        sys   SYS_CORE_ID           ; ( core+1, or 0 past the last core )
        push8 1
        add
        dup
        sys   SYS_NCORES
        eq
        jz    near
        drop
        push8 0
near:   push  steal
        ldl   -1
        sys   SYS_SPAWN
        sys   SYS_JOIN
        halt

; ── other calls with made-up arguments ──
accept: enter 0                     ; accept(service)
        ldl   2
        sys   SYS_ACCEPT
        halt
join:   enter 0                     ; join(dispatcher id)
        ldl   2
        sys   SYS_JOIN
        halt
spawn:  enter 0                     ; spawn(core, idle, 0)
        ldl   2
        push  idle
        push8 0
        sys   SYS_SPAWN
        halt
spawnfn: enter 0                    ; spawn(this core, fn, 0), then join it
        sys   SYS_CORE_ID
        ldl   2
        push8 0
        sys   SYS_SPAWN
        dup
        push8 0
        lt
        jnz   out
        sys   SYS_JOIN
out:    halt
fault:  enter 0                     ; fault(code)
        ldl   2
        sys   SYS_FAULT
        halt
memgrow: enter 0                    ; memgrow(bytes)
        ldl   2
        sys   SYS_MEMGROW
        halt
unmap:  enter 0                     ; unmap(p, 4096)
        ldl   2
        push  4096
        sys   SYS_UNMAP
        halt
unmapself: push rd                  ; unmap the page of code it runs
        push  4096
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
; pair() -- ch
pair:   enter 0
        sys   SYS_DISPID            ; ( id )
        dup
        push  0x0f0f0f0f
        and
        push  0x40404040
        or                          ; ( id w0 )
        push  name
        swap
        stw                         ; ( id )
        push8 4
        shr
        push  0x0f0f0f0f
        and
        push  0x40404040
        or                          ; ( w1 )
        push  name + 4
        swap
        stw
        sys   SYS_CORE_ID           ; spawn(core_id(), helper, 0)
        push  helper
        push8 0
        sys   SYS_SPAWN
        drop
        push  name
        push8 8
        sys   SYS_CONNECT
        ret   0
; ready(ch): waits until a message is there on ch
ready:  enter 0
        push  buf
        ldl   2
        stw
        push  buf
        push8 1
        sys   SYS_WAIT
        ret   1
helper: enter 3                     ; -1: the channel, -3 and -2: a message
        push  name
        push8 8
        sys   SYS_SERVE
        sys   SYS_ACCEPT
        stl   -1
        push  0x600d600d
        dup
        stl   -2
        stl   -3
        ldl   -1
        lla   -3
        push8 2
        sys   SYS_SEND
        drop
hold:   ldl   -1                    ; recv until the other side has gone
        lla   -3
        sys   SYS_RECV
        push8 0
        lt
        jz    hold
        push8 0
        halt
steal:  enter 0                     ; steal(h): send(h, buf, 1)
        ldl   2
        push  buf
        push8 1
        sys   SYS_SEND
        halt
idle:   push8 0
        halt
