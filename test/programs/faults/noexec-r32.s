; expect: instruction fetch from non-executable memory
; expect: pc 0x01000000 <code>
        .isa r32
        .data
code:   .word 0x00000001        ; looks like an instruction, but data is not executable
        .text
        .global main
main:   la   r1, code
        jr   r1
