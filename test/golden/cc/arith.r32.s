; test/golden/cc/arith.mn: compiled by wasmfish cc for r32
        .isa    r32
        .text
        .global main, f_scale, f_main

f_scale:
        .loc    "test/golden/cc/arith.mn", 2
        addi    sp, sp, -8
        sw      r9, 0(sp)
        sw      r10, 4(sp)
        mov     r8, r1
        mov     r7, r2
        .loc    "test/golden/cc/arith.mn", 3
        div     r9, r8, r7
        .loc    "test/golden/cc/arith.mn", 4
        rem     r10, r8, r7
        .loc    "test/golden/cc/arith.mn", 5
        mul     r6, r9, r7
        add     r6, r6, r10
        addi    r5, r0, 10
        mul     r5, r8, r5
        add     r6, r6, r5
        slti    r5, r8, 1
        xori    r5, r5, 1
        addi    r4, r7, -3
        sltu    r4, r0, r4
        and     r5, r5, r4
        sub     r1, r6, r5
        lw      r9, 0(sp)
        lw      r10, 4(sp)
        addi    sp, sp, 8
        ret

main:
f_main:
        .loc    "test/golden/cc/arith.mn", 8
        addi    sp, sp, -4
        sw      r15, 0(sp)
        .loc    "test/golden/cc/arith.mn", 9
        addi    r1, r0, 47
        addi    r2, r0, 5
        call    f_scale
        lw      r15, 0(sp)
        addi    sp, sp, 4
        ret
