; test/golden/cc/data.mn: compiled by wasmfish cc for s32
        .isa    s32
        .text
        .global main, f_main

main:
f_main:
        .loc    "test/golden/cc/data.mn", 7
        enter   1
        .loc    "test/golden/cc/data.mn", 8
        push    s_0
        push8   7
        sys     3
        drop
        .loc    "test/golden/cc/data.mn", 9
        push8   0
        stl     -1
        jmp     f_main.L2
f_main.L0:
        push    g_table
        ldl     -1
        push8   2
        shl
        add
        ldw
        sys     2
        drop
        ldl     -1
        push8   1
        add
        stl     -1
f_main.L2:
        ldl     -1
        push8   4
        lt
        jnz     f_main.L0
        .loc    "test/golden/cc/data.mn", 10
        push    g_count
        push    g_count
        ldw
        push8   1
        add
        stw
        .loc    "test/golden/cc/data.mn", 11
        push    g_flags
        push    g_count
        ldw
        push8   2
        shl
        add
        push8   121
        stw
        .loc    "test/golden/cc/data.mn", 12
        push    s_1
        push8   5
        sys     3
        drop
        .loc    "test/golden/cc/data.mn", 13
        push    g_count
        ldw
        ret     0

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
