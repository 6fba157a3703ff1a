// Shared/portable: lets the files in kernel/shared/ compile as TypeScript as well as
// AssemblyScript. AssemblyScript has these types built in; for TypeScript they are numbers.
// Only use them for values that fit a JS number exactly (no u64 arithmetic in shared code).
declare type i8 = number;
declare type u8 = number;
declare type i16 = number;
declare type u16 = number;
declare type i32 = number;
declare type u32 = number;
declare type usize = number;
declare type bool = boolean;
