; s32 has no divide instruction: software division raises the fault with sys fault(5)
; expect: divide by zero
; expect: sys 11
        .isa s32
        .global main
main:   push8 5
        sys   11
