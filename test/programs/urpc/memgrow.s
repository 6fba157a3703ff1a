; memgrow.s: grows the heap by n KiB (the argument) — more than this core's share of
; memory on a small machine, so its monitor must borrow frames from the others — writes
; every page, reads them back and prints the number of pages; then asks for far too much
; and prints the -1 it gets.
        .isa r32
        .text
        .global main
main:   mov  s0, a0
        shli a0, s0, 10             ; bytes
        sys  SYS_MEMGROW
        mov  s1, a0                 ; the old end: the first new byte
        shri s2, s0, 2              ; pages
        mov  t0, s1
        mov  t1, zero
write:  beq  t1, s2, wrote          ; page i holds i
        sw   t1, 0(t0)
        li   t2, 4096
        add  t0, t0, t2
        addi t1, t1, 1
        jmp  write
wrote:  mov  t0, s1
        mov  t1, zero
        mov  s3, zero
read:   beq  t1, s2, done
        lw   t2, 0(t0)
        bne  t2, t1, wrong
        addi s3, s3, 1
        li   t2, 4096
        add  t0, t0, t2
        addi t1, t1, 1
        jmp  read
done:   mov  a0, s3
        sys  SYS_PRINT_INT
        li   a0, 0x40000000         ; a gigabyte: more than the machine has
        sys  SYS_MEMGROW
        sys  SYS_PRINT_INT
        mov  a0, zero
        ret
wrong:  addi a0, zero, -99
        sys  SYS_PRINT_INT
        addi a0, zero, 1
        ret
