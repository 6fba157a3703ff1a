; test/golden/cc/data.mn: compiled by wasmfish cc for a32
        .isa    a32
        .text
        .global main, f_main

main:
f_main:
        .loc    "test/golden/cc/data.mn", 7
        adjsp   -1
        .loc    "test/golden/cc/data.mn", 8
        li      s_0
        put     r0
        lis     7
        put     r1
        sys     3
        .loc    "test/golden/cc/data.mn", 9
        lis     0
        sts     0
        jmp     f_main.L2
f_main.L0:
        li      g_table
        put     r5
        lds     0
        shli    2
        add     r5
        tax
        lw      0
        put     r0
        sys     2
        lds     0
        addi    1
        sts     0
f_main.L2:
        lis     4
        put     r5
        lds     0
        slt     r5
        bnz     f_main.L0
        .loc    "test/golden/cc/data.mn", 10
        li      g_count
        tax
        lw      0
        addi    1
        put     r5
        li      g_count
        tax
        get     r5
        sw      0
        .loc    "test/golden/cc/data.mn", 11
        li      g_flags
        put     r5
        li      g_count
        tax
        lw      0
        shli    2
        add     r5
        tax
        lis     121
        sw      0
        .loc    "test/golden/cc/data.mn", 12
        li      s_1
        put     r0
        lis     5
        put     r1
        sys     3
        .loc    "test/golden/cc/data.mn", 13
        li      g_count
        tax
        lw      0
        adjsp   1
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
