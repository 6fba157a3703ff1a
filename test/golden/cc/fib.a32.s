; test/golden/cc/fib.mn: compiled by wasmfish cc for a32
        .isa    a32
        .text
        .global main, f_fib, f_main

f_fib:
        .loc    "test/golden/cc/fib.mn", 2
        adjsp   -2
        .loc    "test/golden/cc/fib.mn", 3
        lis     2
        put     r5
        lds     3
        slt     r5
        bz      f_fib.L0
        lds     3
        adjsp   2
        ret
f_fib.L0:
        .loc    "test/golden/cc/fib.mn", 4
        lds     3
        addi    -1
        push
        call    f_fib
        adjsp   1
        sts     0
        lds     3
        addi    -2
        push
        call    f_fib
        adjsp   1
        sts     1
        lds     0
        put     r5
        lds     1
        add     r5
        adjsp   2
        ret

main:
f_main:
        .loc    "test/golden/cc/fib.mn", 8
        lis     20
        push
        call    f_fib
        adjsp   1
        put     r0
        sys     2
        .loc    "test/golden/cc/fib.mn", 9
        lis     0
        ret
