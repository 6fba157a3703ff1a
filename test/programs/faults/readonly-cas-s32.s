; an atomic read-modify-write writes too: compare-and-swap on the program's own text faults,
; though the value it expects is the one there
; expect: write to read-only memory at 0x00410000
; expect: <main+0x9>: cas
        .isa s32
        .global main
main:   push  main              ; text is mapped read-only: the address
        dup
        ldw                     ; reading it is allowed: the word cas expects
        push8 0
        cas
        ret   1
