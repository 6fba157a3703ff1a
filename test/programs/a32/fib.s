; fib.s (a32): prints fib(n) computed by naive recursion; n = the argument, default 20.
        .isa a32
        .text
        .global main
main:   lds   1                 ; the argument (SP+0: return address)
        bnz   have
        lis   20
have:   push
        call  fib
        adjsp 1
        put   r0
        sys   2                 ; print_int(r0)
        lis   0
        ret

; fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2); n at SP+4 on entry, result in A
fib:    lds   1
        put   r1
        lis   2
        put   r2
        get   r1
        slt   r2
        bz    rec
        get   r1
        ret
rec:    get   r1
        push                    ; keep n: [n][ra][arg]
        addi  -1
        push
        call  fib               ; fib(n - 1)
        adjsp 1
        push                    ; [f1][n][ra][arg]
        lds   1
        addi  -2
        push
        call  fib               ; fib(n - 2)
        adjsp 1
        put   r0
        pop                     ; A = f1
        add   r0
        adjsp 1                 ; drop n
        ret
