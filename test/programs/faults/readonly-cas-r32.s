; an atomic read-modify-write writes too: compare-and-swap on the program's own text faults,
; though the value it expects is the one there
; expect: write to read-only memory at 0x00010000
; expect: <main+0x10>: cas r2, r3, (r1)
        .isa r32
        .global main
main:   la   r1, main           ; text is mapped read-only
        lw   r2, 0(r1)          ; reading it is allowed: the word cas expects
        addi r3, zero, 0
        cas  r2, r3, (r1)
        ret
