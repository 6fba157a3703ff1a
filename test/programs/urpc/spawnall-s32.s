; spawnall (s32 slice): see spawnall-r32.s.
        .isa s32
        .text
        .global main
        .global worker
main:   enter 20                    ; -1: n, -2: i, -3: sum, -4 - i: dispatcher ids
        sys   6                     ; ncores()
        stl   -1
        push8 0
        stl   -2
start:  ldl   -2                    ; spawn(i, worker, i)
        push  worker
        ldl   -2
        sys   16
        lla   -4                    ; ids[i] = id: address fp - 16 - 4i
        ldl   -2
        push8 4
        mul
        sub
        swap
        stw
        ldl   -2
        push8 1
        add
        dup
        stl   -2
        ldl   -1
        lt
        jnz   start
        push8 0
        stl   -2
        push8 0
        stl   -3
join:   lla   -4
        ldl   -2
        push8 4
        mul
        sub
        ldw
        sys   17                    ; join(ids[i])
        ldl   -3
        add
        stl   -3
        ldl   -2
        push8 1
        add
        dup
        stl   -2
        ldl   -1
        lt
        jnz   join
        ldl   -3
        sys   2
        drop
        push8 0
        ret   1

worker: enter 0
        sys   5                     ; core_id()
        sys   2                     ; print_int
        drop
        ldl   2
        push8 100
        add
        ret   1
