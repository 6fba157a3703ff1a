; test/golden/cc/fib.mn: compiled by wasmfish cc for s32
        .isa    s32
        .text
        .global main, f_fib, f_main

f_fib:
        .loc    "test/golden/cc/fib.mn", 2
        enter   2
        .loc    "test/golden/cc/fib.mn", 3
        ldl     2
        push8   2
        lt
        jz      f_fib.L0
        ldl     2
        ret     1
f_fib.L0:
        .loc    "test/golden/cc/fib.mn", 4
        ldl     2
        push8   -1
        add
        call    f_fib
        stl     -1
        ldl     2
        push8   -2
        add
        call    f_fib
        stl     -2
        ldl     -1
        ldl     -2
        add
        ret     1

main:
f_main:
        .loc    "test/golden/cc/fib.mn", 7
        enter   0
        .loc    "test/golden/cc/fib.mn", 8
        push8   20
        call    f_fib
        sys     2
        drop
        .loc    "test/golden/cc/fib.mn", 9
        push8   0
        ret     0
