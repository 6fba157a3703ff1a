// Whole numbers as a user types them, on the command line or in the debugger: decimal, hex
// (0x…) and _ separators (1_000_000). Each caller says what it wanted when they are not.
import { UserError } from '../../toolchain/errors.js';

/** The number `text` spells (negative decimals only if `signed`), else NaN; it may be past 2^53. */
export function parseInteger(text: string, signed = false): number {
  const t = text.replace(/_/g, '');
  return /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : (signed ? /^-?\d+$/ : /^\d+$/).test(t) ? Number(t) : NaN;
}

/** The number `text` spells, or a UserError `<what>: '<text>' is not <notA>`. */
export function wholeNumber(text: string, what: string, notA: string, signed = false): number {
  const n = parseInteger(text, signed);
  if (!Number.isSafeInteger(n)) throw new UserError(`${what}: '${text}' is not ${notA}`);
  return n;
}
