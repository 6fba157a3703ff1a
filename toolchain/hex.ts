// How the toolchain and the host write a 32-bit address or word: `0x` and eight hex digits.

/** `0x0000002a` */
export const hex = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');
