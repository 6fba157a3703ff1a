; stream.s: main(n) sends n two-word messages [i, i * 0x9e3779b1] to a sink on the last core
; (or a delay-first sink when n is negative: the ring fills and the sender must wait), then
; [-1, 0]. The sink checks every message arrives once, in order, intact, and prints how many.
        .isa r32
        .equ GOLDEN, 0x9e3779b1
        .data
name:   .ascii "stream"
name_end:
bad:    .ascii "lost, duplicated, reordered or corrupted at "
bad_end:
        .text
        .global main
        .global sink
main:   addi sp, sp, -8
        mov  s2, a0                 ; n (negative: slow sink)
        sys  SYS_NCORES
        addi a0, a0, -1
        la   a1, sink
        mov  a2, s2
        sys  SYS_SPAWN
        mov  s3, a0
        la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_CONNECT
        mov  s0, a0
        bge  s2, zero, count
        sub  s2, zero, s2
count:  mov  s1, zero               ; i
        li   t3, GOLDEN
send:   beq  s1, s2, last
        sw   s1, 0(sp)
        mul  t0, s1, t3
        sw   t0, 4(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 2
        sys  SYS_SEND
        addi s1, s1, 1
        jmp  send
last:   addi t0, zero, -1
        sw   t0, 0(sp)
        sw   zero, 4(sp)
        mov  a0, s0
        mov  a1, sp
        addi a2, zero, 2
        sys  SYS_SEND
        mov  a0, s3
        sys  SYS_JOIN
        addi sp, sp, 8
        ret

; sink(n): if n < 0, first burn cycles so the sender fills the ring
sink:   addi sp, sp, -16
        bge  a0, zero, open
        li   t0, 200000
burn:   addi t0, t0, -1
        bnez t0, burn
open:   la   a0, name
        addi a1, zero, name_end - name
        sys  SYS_SERVE
        sys  SYS_ACCEPT
        mov  s0, a0
        mov  s1, zero               ; expected i
        li   t3, GOLDEN
recv:   mov  a0, s0
        mov  a1, sp
        sys  SYS_RECV
        addi t0, zero, 2
        bne  a0, t0, wrong          ; every message is two words
        lw   t1, 0(sp)
        addi t0, zero, -1
        beq  t1, t0, end
        bne  t1, s1, wrong          ; in order, none lost or repeated
        mul  t0, t1, t3
        lw   t2, 4(sp)
        bne  t0, t2, wrong          ; intact
        addi s1, s1, 1
        jmp  recv
end:    mov  a0, s1
        sys  SYS_PRINT_INT
        mov  a0, zero
        sys  SYS_EXIT
wrong:  la   a0, bad
        addi a1, zero, bad_end - bad
        sys  SYS_PRINT_STR
        mov  a0, s1
        sys  SYS_PRINT_INT
        addi a0, zero, 1
        sys  SYS_EXIT
