; expect: write to read-only memory at 0x00010000
; expect: <main+0x8>: sw r2, 0(r1)
        .isa r32
        .global main
main:   la   r1, main           ; text is mapped read-only
        sw   r2, 0(r1)
        ret
