// Where a function's locals go in its frame, for the backends that keep them in memory
// (s32 and a32 keep all of them there, r32 those it could not give a register). Scalars come
// first, so the short offsets of the load/store-local instructions reach them; arrays follow.
import type { Local } from './ir.js';

export interface FrameLayout {
  /** the word index of each local's first (lowest-addressed) word, counted upward from 0 */
  readonly slot: ReadonlyMap<Local, number>;
  readonly words: number;
}

export function layoutFrame(locals: readonly Local[]): FrameLayout {
  const slot = new Map<Local, number>();
  let words = 0;
  for (const l of [...locals.filter((l) => !l.isArray), ...locals.filter((l) => l.isArray)]) {
    slot.set(l, words);
    words += l.words;
  }
  return { slot, words };
}
