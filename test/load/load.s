; load.s: a load test of the channels. On every core a sink takes K streams, one from a
; source on each of K cores (itself included when K = ncores); every source sends m messages
; of 1 to 20 payload words — more than a slot holds, so many come in fragments — then an end
; marker. A message is [source, seq, len, payload × len, check]: payload word j is
; seq · GOLDEN + j and check the xor of every word before it. Each sink checks every stream:
; in order (no message lost, repeated or reordered), of the length it says, intact (the
; check word, and every payload word where it belongs) — and counts what arrived. main
; (core 0) starts it all with main(m), joins, and prints the messages delivered and the
; number that were not right (0). main(m | CORRUPT) tests the test: every source swaps two
; payload words in the second fragment of its message 19 (the xor still matches), so as
; many messages as there are streams must be counted not right.
        .isa r32
        .equ GOLDEN, 0x9e3779b9
        .equ K, 4                   ; streams into each sink (and sources on each core)
        .equ MAXLEN, 20             ; payload words at most
        .equ WORDS, MAXLEN + 4      ; a message at most
        .equ CORRUPT, 0x800000      ; main's argument: the sources corrupt one message each
        .bss
total:  .space 4                    ; messages delivered, all sinks (atomic add)
bad:    .space 4                    ; messages not right
ids:    .space 4 * 256              ; main: the dispatchers it started
        .text
        .global main
        .global sink
        .global source

; main(m): a sink on every core, then K sources on every core; join them; print the totals
main:   addi sp, sp, -16
        mov  s3, a0                 ; m
        sys  SYS_NCORES
        mov  s2, a0                 ; n
        mov  s1, zero               ; dispatchers started
        mov  s0, zero
sinks:  mov  a0, s0                 ; spawn(c, sink, c)
        la   a1, sink
        mov  a2, s0
        call start
        addi s0, s0, 1
        blt  s0, s2, sinks
        mov  s0, zero               ; source c·K + k, on core c, to the sink on core (c + 1 + k) mod n
srcs:   shri t0, s0, 2              ; c (K = 4)
        andi t1, s0, K - 1          ; k
        add  t2, t0, t1
        addi t2, t2, 1
        remu t2, t2, s2             ; the sink's core
        shli a2, t2, 24
        or   a2, a2, s3             ; arg: sink core << 24 | m (m < 2^24)
        mov  a0, t0
        la   a1, source
        call start
        addi s0, s0, 1
        shli t0, s2, 2
        blt  s0, t0, srcs
        mov  s0, zero               ; join them all
joins:  la   t0, ids
        shli t1, s0, 2
        add  t0, t0, t1
        lw   a0, 0(t0)
        sys  SYS_JOIN
        addi s0, s0, 1
        blt  s0, s1, joins
        la   t0, total
        lw   a0, 0(t0)
        sys  SYS_PRINT_INT
        la   t0, bad
        lw   a0, 0(t0)
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT
; start: spawn(a0, a1, a2) and remember the id
start:  sys  SYS_SPAWN
        la   t0, ids
        shli t1, s1, 2
        add  t0, t0, t1
        sw   a0, 0(t0)
        addi s1, s1, 1
        ret

; the name of the sink on core a0, "sinkN", made in memory at a1 (5 bytes)
name:   li   t0, 0x6b6e6973         ; "sink"
        sw   t0, 0(a1)
        addi t0, a0, 0x40
        sb   t0, 4(a1)
        ret

; sink(c): K streams; frame: 0..: the channels, 64..: the seq each expects, 128: a message
sink:   addi sp, sp, -256
        mov  s0, a0
        mov  a1, sp
        call name
        mov  a0, sp
        addi a1, zero, 5
        sys  SYS_SERVE
        mov  s1, a0
        mov  s2, zero
take:   mov  a0, s1                 ; accept K channels
        sys  SYS_ACCEPT
        shli t0, s2, 2
        add  t0, t0, sp
        sw   a0, 0(t0)
        sw   zero, 64(t0)
        addi s2, s2, 1
        slti t0, s2, K
        bnez t0, take
        mov  s3, zero               ; messages taken
        mov  s0, zero               ; messages not right
serve:  beqz s2, over
        mov  a0, sp                 ; i = wait(chans, open)
        mov  a1, s2
        sys  SYS_WAIT
        shli t3, a0, 2
        add  t3, t3, sp             ; t3: &chans[i] (and t3 + 64: &next[i])
        lw   a0, 0(t3)
        addi a1, sp, 128
        sys  SYS_RECV
        blt  a0, zero, wrong        ; a stream must end with its marker, never be cut
        lw   t0, 132(sp)            ; seq
        addi t1, zero, -1
        beq  t0, t1, ended
        lw   t1, 64(t3)
        bne  t0, t1, wrong          ; in order: none lost, repeated or reordered
        addi t1, t0, 1
        sw   t1, 64(t3)
        lw   t1, 136(sp)            ; len: 1..MAXLEN, and the message that long
        addi t2, t1, 4
        bne  a0, t2, wrong
        mov  t2, zero               ; check: xor of every word before the last
        addi a2, sp, 128
        shli a3, a0, 2
        add  a3, a3, a2
        addi a3, a3, -4             ; &check
sum:    lw   t1, 0(a2)
        xor  t2, t2, t1
        addi a2, a2, 4
        bne  a2, a3, sum
        lw   t1, 0(a3)
        bne  t1, t2, wrong
        li   t2, GOLDEN             ; payload word j: seq · GOLDEN + j, each in its place
        mul  t2, t0, t2
        addi a2, sp, 140
word:   lw   t1, 0(a2)
        bne  t1, t2, wrong
        addi t2, t2, 1
        addi a2, a2, 4
        bne  a2, a3, word
        addi s3, s3, 1
        jmp  serve
wrong:  addi s0, s0, 1
        addi s3, s3, 1
        jmp  serve
ended:  lw   a0, 0(t3)              ; the stream is over: close it, the last takes its place
        sys  SYS_CLOSE
        addi s2, s2, -1
        shli t0, s2, 2
        add  t0, t0, sp
        lw   t1, 0(t0)
        sw   t1, 0(t3)
        lw   t1, 64(t0)
        sw   t1, 64(t3)
        jmp  serve
over:   la   t0, total              ; add to the totals
        faa  t1, s3, (t0)
        la   t0, bad
        faa  t1, s0, (t0)
        mov  a0, s0
        sys  SYS_EXIT

; source(sink core << 24 | m): m messages to that sink, then the end marker (m may carry
; CORRUPT)
source: addi sp, sp, -128
        li   t0, CORRUPT - 1
        and  s3, a0, t0             ; m
        li   t0, CORRUPT
        and  s2, a0, t0             ; corrupt one message?
        shri a0, a0, 24             ; the sink's core
        mov  a1, sp
        call name
        mov  a0, sp
        addi a1, zero, 5
        sys  SYS_CONNECT
        mov  s0, a0
        sys  SYS_DISPID
        sw   a0, 0(sp)              ; [0]: who
        mov  s1, zero               ; seq
more:   beq  s1, s3, last
        sw   s1, 4(sp)
        addi t0, zero, MAXLEN       ; len = 1 + seq mod MAXLEN
        remu t0, s1, t0
        addi t0, t0, 1
        sw   t0, 8(sp)
        li   t1, GOLDEN
        mul  t1, s1, t1             ; payload j = seq · GOLDEN + j
        addi a1, sp, 12
        mov  t2, zero
fill:   add  a2, t1, t2
        sw   a2, 0(a1)
        addi a1, a1, 4
        addi t2, t2, 1
        bne  t2, t0, fill
        mov  t2, zero               ; check
        mov  a2, sp
xsum:   lw   a3, 0(a2)
        xor  t2, t2, a3
        addi a2, a2, 4
        bne  a2, a1, xsum
        sw   t2, 0(a1)
        beqz s2, send               ; CORRUPT: message MAXLEN - 1 (len MAXLEN, two slots) has
        addi t1, zero, MAXLEN - 1   ; payload words 14 and 15 (message words 17 and 18, both in
        bne  s1, t1, send           ; the second slot) swapped
        lw   t1, 68(sp)
        lw   a3, 72(sp)
        sw   a3, 68(sp)
        sw   t1, 72(sp)
send:   mov  a0, s0
        mov  a1, sp
        addi a2, t0, 4
        sys  SYS_SEND
        addi s1, s1, 1
        jmp  more
last:   addi t0, zero, -1
        sw   t0, 4(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 4
        sys  SYS_SEND
        mov  a0, zero
        sys  SYS_EXIT
