// Parsing of numeric and list options shared by several subcommands, with errors that name
// the flag and say what it accepts.
import { UserError } from '../../toolchain/errors.js';

/** An integer option in [min, max]; accepts decimal, hex (0x…) and _ separators (1_000_000). */
export function intOption(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const text = value.replace(/_/g, '');
    const n = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^-?\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n)) throw new UserError(`${flag}: '${value}' is not a whole number`);
    if (n < min || n > max) throw new UserError(`${flag}: ${n} is out of range ${min}..${max}`);
    return n;
  };
}

/** `--core` values: a core number, a comma list of them, or `all`. */
export function coreSelection(value: string): number[] | 'all' {
  if (value === 'all') return 'all';
  return value.split(',').map((part) => intOption('--core', 0, 1023)(part.trim()));
}
