// Shared/portable (AssemblyScript and TypeScript): keep this file free of imports and of
// anything but typed constants and small pure functions.
//
// The virtual address space of a program (a Barrelfish "domain"). All dispatchers of a
// program, on any core of any ISA, share it: one page table, one data layout. Each ISA has
// its own text region, so a code address also says which ISA it belongs to, and a fat image
// can map every slice at once.
//
//  0x0000_0000 ┌──────────────────────────────┐
//              │ unmapped: null guard          │ 64 KiB
//  0x0001_0000 ├──────────────────────────────┤ textBase(r32)
//              │ r32 text                      │ ≤ 4 MiB
//  0x0041_0000 ├──────────────────────────────┤ textBase(s32)
//              │ s32 text                      │ ≤ 4 MiB
//  0x0081_0000 ├──────────────────────────────┤ textBase(a32)
//              │ a32 text                      │ ≤ 4 MiB
//  0x00c1_0000 ├──────────────────────────────┤
//              │ unmapped                      │
//  0x0100_0000 ├──────────────────────────────┤ DATA_BASE
//              │ data │ bss │ heap → (sys memgrow)
//              │              ↑ HEAP_LIMIT     │
//  0x7000_0000 ├──────────────────────────────┤ STACKS_BASE
//              │ stack slot 0: unmapped guard  │ STACK_SLOT_SIZE each; the top
//              │   pages, then STACK_PAGES     │ STACK_PAGES pages of a slot are
//              │   mapped pages at the top     │ mapped, the rest guards overflow
//              │ stack slot 1 …                │
//  0x7400_0000 ├──────────────────────────────┤ STACKS_END
//              │ unmapped                      │
//  0xffff_f000 └──────────────────────────────┘ EXIT_ADDR: returning here exits

export const PAGE_SHIFT: u32 = 12;
export const PAGE_SIZE: u32 = 4096;
export const PAGE_MASK: u32 = 4095;

export const TEXT_REGION_BASE: u32 = 0x00010000;
export const TEXT_REGION_SIZE: u32 = 0x00400000;
export const DATA_BASE: u32 = 0x01000000;
export const HEAP_LIMIT: u32 = 0x70000000;
export const STACKS_BASE: u32 = 0x70000000;
export const STACK_SLOT_SIZE: u32 = 0x00010000;
export const STACK_SLOTS: u32 = 1024;
export const STACKS_END: u32 = 0x74000000;
/** pages mapped at the top of each stack slot (16 KiB of stack) */
export const STACK_PAGES: u32 = 4;
/** the return address given to every dispatcher's entry function; never mapped */
export const EXIT_ADDR: u32 = 0xfffff000;

/** Where the text slice of ISA number `isa` (r32 = 0, s32 = 1, a32 = 2) is linked. */
export function textBase(isa: i32): u32 {
  return TEXT_REGION_BASE + <u32>isa * TEXT_REGION_SIZE;
}

/** Top of stack (first address above it) of stack slot `slot`. */
export function stackTop(slot: u32): u32 {
  return STACKS_BASE + (slot + 1) * STACK_SLOT_SIZE;
}
