; ring-r32.s — a token ring through every core: dispatcher i (on core i) exports "ring<i>",
; connects to "ring<i+1>" and passes a token on; dispatcher 0 starts it and counts the
; rounds (the argument, default 3); then a -1 token goes round to stop everyone.
; Every core prints what it received. r32 only: run it with --cores r32*N (N ≤ 10).
        .isa r32
        .text
        .global main
        .global node
main:   addi sp, sp, -4
        sw   lr, 0(sp)
        mov  s3, a0                 ; rounds
        bnez s3, spawn
        addi s3, zero, 3
spawn:  sys  SYS_NCORES             ; node(i) on every other core
        mov  s2, a0
        addi s1, zero, 1
more:   bge  s1, s2, self
        mov  a0, s1
        la   a1, node
        mov  a2, s1
        sys  SYS_SPAWN
        addi s1, s1, 1
        jmp  more
self:   mov  a0, zero               ; and node(0) here, which starts the token
        mov  a1, s3
        call ring
        lw   lr, 0(sp)
        addi sp, sp, 4
        mov  a0, zero
        ret

; node(i): one member of the ring
node:   mov  a1, zero
        call ring
        mov  a0, zero
        sys  SYS_EXIT

; ring(i, rounds): rounds > 0 only for the member that starts the token
ring:   addi sp, sp, -16            ; 0: token, 4..: name "ring<d>", 12: return address
        sw   lr, 12(sp)
        mov  s0, a0                 ; i
        mov  s1, a1                 ; rounds
        sys  SYS_NCORES
        mov  s2, a0
        mov  a0, s0                 ; serve("ring<i>")
        call name
        sys  SYS_SERVE
        mov  s3, a0
        addi a0, s0, 1              ; next = connect("ring<(i+1) mod n>")
        rem  a0, a0, s2
        call name
        sys  SYS_CONNECT
        mov  s2, a0
        mov  a0, s3                 ; prev = accept(...)
        sys  SYS_ACCEPT
        mov  s3, a0
        beqz s1, pass
        sw   zero, 0(sp)            ; the starter sends the first token
        call send
pass:   mov  a0, s3                 ; receive, print, pass on
        mov  a1, sp
        sys  SYS_RECV
        lw   a0, 0(sp)
        sys  SYS_PRINT_INT
        lw   t0, 0(sp)
        addi t1, zero, -1
        beq  t0, t1, stop
        beqz s1, onward
        addi s1, s1, -1             ; the starter counts rounds
        bnez s1, onward
        sw   t1, 0(sp)              ; last round: send the stop token instead
        call send
        jmp  drain
onward: lw   t0, 0(sp)
        addi t0, t0, 1
        sw   t0, 0(sp)
        call send
        jmp  pass
stop:   call send                   ; pass the stop token on (it comes back to the starter)
        lw   lr, 12(sp)
        addi sp, sp, 16
        ret
drain:  mov  a0, s3                 ; the starter waits for its stop token to come back
        mov  a1, sp
        sys  SYS_RECV
        lw   lr, 12(sp)
        addi sp, sp, 16
        ret

send:   mov  a0, s2                 ; send(next, sp + 0 of the caller, 1)
        mov  a1, sp
        addi a2, zero, 1
        sys  SYS_SEND
        ret

; name(d): writes "ring<d>" at sp + 4 of the caller, returns a0 = pointer, a1 = length
name:   addi t0, zero, 'r'
        sb   t0, 4(sp)
        addi t0, zero, 'i'
        sb   t0, 5(sp)
        addi t0, zero, 'n'
        sb   t0, 6(sp)
        addi t0, zero, 'g'
        sb   t0, 7(sp)
        addi t0, a0, '0'
        sb   t0, 8(sp)
        addi a0, sp, 4
        addi a1, zero, 5
        ret
