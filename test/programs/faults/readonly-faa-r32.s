; an atomic read-modify-write writes too: fetch-add on the program's own text faults
; expect: write to read-only memory at 0x00010000
; expect: <main+0xc>: faa r2, r3, (r1)
        .isa r32
        .global main
main:   la   r1, main           ; text is mapped read-only
        addi r3, zero, 1
        faa  r2, r3, (r1)
        ret
