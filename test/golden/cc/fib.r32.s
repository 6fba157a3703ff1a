; test/golden/cc/fib.mn: compiled by wasmfish cc for r32
        .isa    r32
        .text
        .global main, f_fib, f_main

f_fib:
        .loc    "test/golden/cc/fib.mn", 2
        addi    sp, sp, -12
        sw      r9, 0(sp)
        sw      r10, 4(sp)
        sw      r15, 8(sp)
        mov     r9, r1
        .loc    "test/golden/cc/fib.mn", 3
        addi    r7, r0, 2
        bge     r9, r7, f_fib.L0
        mov     r1, r9
        jmp     f_fib.ret
f_fib.L0:
        .loc    "test/golden/cc/fib.mn", 4
        addi    r1, r9, -1
        call    f_fib
        mov     r10, r1
        addi    r1, r9, -2
        call    f_fib
        mov     r8, r1
        add     r1, r10, r8
f_fib.ret:
        lw      r9, 0(sp)
        lw      r10, 4(sp)
        lw      r15, 8(sp)
        addi    sp, sp, 12
        ret

main:
f_main:
        .loc    "test/golden/cc/fib.mn", 7
        addi    sp, sp, -4
        sw      r15, 0(sp)
        .loc    "test/golden/cc/fib.mn", 8
        addi    r1, r0, 20
        call    f_fib
        sys     2
        .loc    "test/golden/cc/fib.mn", 9
        addi    r1, r0, 0
        lw      r15, 0(sp)
        addi    sp, sp, 4
        ret
