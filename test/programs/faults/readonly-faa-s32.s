; an atomic read-modify-write writes too: fetch-add on the program's own text faults
; expect: write to read-only memory at 0x00410000
; expect: <main+0x7>: faa
        .isa s32
        .global main
main:   push  main              ; text is mapped read-only
        push8 1
        faa
        ret   1
