// Per-row semantics of the reference interpreter against hand-written expected results
// (test/isa/cases/<isa>.ts): every row of every table has at least one case.
import { describe, expect, test } from 'vitest';
import { ISAS } from '../../isa/index.js';
import type { IsaName } from '../../isa/types.js';
import { a32Cases } from './cases/a32.js';
import { r32Cases } from './cases/r32.js';
import { s32Cases } from './cases/s32.js';
import { type RowCase, runCase } from './harness.js';

const CASES: Record<IsaName, RowCase[]> = { r32: r32Cases, s32: s32Cases, a32: a32Cases };

describe.each(ISAS)('$name rows', (isa) => {
  test.each(CASES[isa.name].map((c) => [`${c.insn[0]}: ${c.name}`, c] as const))('%s', (_, c) => {
    runCase(isa, c);
  });

  test('every row has a case', () => {
    const tested = new Set(CASES[isa.name].map((c) => c.insn[0]));
    expect(isa.instructions.map((d) => d.mnemonic).filter((m) => !tested.has(m))).toEqual([]);
  });
});
