// 32-bit arithmetic as the three ISAs define it, written once so that r32 `add`, s32 `add`
// and a32 `add` cannot disagree. Every value goes in and comes out as an unsigned 32-bit
// integer (0 … 2³²−1); `| 0` views it as signed, `>>> 0` brings a result back.

export type BinOp = (a: number, b: number) => number;

export const add: BinOp = (a, b) => (a + b) >>> 0;
export const sub: BinOp = (a, b) => (a - b) >>> 0;
/** low 32 bits of the product (Math.imul: a plain `*` loses bits beyond 2⁵³) */
export const mul: BinOp = (a, b) => Math.imul(a, b) >>> 0;
export const and: BinOp = (a, b) => (a & b) >>> 0;
export const or: BinOp = (a, b) => (a | b) >>> 0;
export const xor: BinOp = (a, b) => (a ^ b) >>> 0;

// Shift counts use only their low five bits (a count of 32 shifts by 0, 33 by 1).
export const shl: BinOp = (a, b) => (a << (b & 31)) >>> 0;
export const shr: BinOp = (a, b) => a >>> (b & 31);
export const sar: BinOp = (a, b) => (a >> (b & 31)) >>> 0;

// Comparisons give 1 or 0.
export const lt: BinOp = (a, b) => ((a | 0) < (b | 0) ? 1 : 0);
export const ltu: BinOp = (a, b) => (a >>> 0 < b >>> 0 ? 1 : 0);
export const eq: BinOp = (a, b) => (a >>> 0 === b >>> 0 ? 1 : 0);
export const ne: BinOp = (a, b) => (a >>> 0 !== b >>> 0 ? 1 : 0);

// Division; the caller has already faulted on b = 0. Signed division truncates toward zero
// and the remainder takes the sign of the dividend. The one overflowing case, −2³¹ ÷ −1,
// gives 2³¹ = −2³¹ in 32 bits, and its remainder is 0 (JS gives −0, which >>> 0 makes 0).
export const div: BinOp = (a, b) => Math.trunc((a | 0) / (b | 0)) >>> 0;
export const rem: BinOp = (a, b) => ((a | 0) % (b | 0)) >>> 0;
export const divu: BinOp = (a, b) => Math.floor((a >>> 0) / (b >>> 0));
export const remu: BinOp = (a, b) => (a >>> 0) % (b >>> 0);

export const neg = (a: number) => -a >>> 0;
export const not = (a: number) => ~a >>> 0;

/** sx: sign extension of the low 8 or 16 bits to 32 */
export const sx8 = (v: number) => ((v << 24) >> 24) >>> 0;
export const sx16 = (v: number) => ((v << 16) >> 16) >>> 0;
/** any JS integer (e.g. a signed field value) as its 32-bit pattern */
export const u32 = (v: number) => v >>> 0;
