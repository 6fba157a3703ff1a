; test/golden/cc/data.mn: compiled by wasmfish cc for r32
        .isa    r32
        .text
        .global main, f_main

main:
f_main:
        .loc    "test/golden/cc/data.mn", 7
        .loc    "test/golden/cc/data.mn", 8
        la      r1, s_0
        addi    r2, r0, 7
        sys     3
        .loc    "test/golden/cc/data.mn", 9
        addi    r8, r0, 0
        jmp     f_main.L2
f_main.L0:
        la      r7, g_table
        shli    r6, r8, 2
        add     r7, r7, r6
        lw      r1, 0(r7)
        sys     2
        addi    r8, r8, 1
f_main.L2:
        addi    r7, r0, 4
        blt     r8, r7, f_main.L0
        .loc    "test/golden/cc/data.mn", 10
        la      r7, g_count
        la      r6, g_count
        lw      r6, 0(r6)
        addi    r6, r6, 1
        sw      r6, 0(r7)
        .loc    "test/golden/cc/data.mn", 11
        la      r6, g_flags
        la      r7, g_count
        lw      r7, 0(r7)
        shli    r7, r7, 2
        add     r6, r6, r7
        addi    r7, r0, 121
        sw      r7, 0(r6)
        .loc    "test/golden/cc/data.mn", 12
        la      r1, s_1
        addi    r2, r0, 5
        sys     3
        .loc    "test/golden/cc/data.mn", 13
        la      r1, g_count
        lw      r1, 0(r1)
        ret

        .data
g_table:
        .word   1, -2, 2147483647
        .space  4
s_0:
        .ascii  "table:\n"
s_1:
        .ascii  "done\n"

        .bss
g_count:
        .space  4
g_flags:
        .space  400
