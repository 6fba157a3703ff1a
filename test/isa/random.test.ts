// Random programs on the reference interpreter (property): built from random rows with random
// field values, started with random registers. Whatever they do, the interpreter only ever
// ends a step in one of its results (never a JS exception), keeps pc and every register a
// 32-bit value and r32's r0 at 0, and a fault leaves the state and memory exactly as they were.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DATA_BASE } from '../../kernel/shared/addrspace.js';
import { encode, fieldRange } from '../../isa/encoding.js';
import { ISAS } from '../../isa/index.js';
import { isFault, step } from '../../isa/reference/index.js';
import type { Isa } from '../../isa/types.js';
import { firstDifference, machine, STACK_TOP } from './harness.js';

/** One random instruction of `isa`, encoded. Branch offsets are kept short to stay in the text. */
const instruction = (isa: Isa) => fc.constantFrom(...isa.instructions).chain((d) => {
  const fields = isa.formats[d.format].fields;
  return fc.tuple(...fields.map((f) => (f.kind === 'pcrel' ? fc.integer({ min: -8, max: 8 }) : fc.integer(fieldRange(f)))))
    .map((vs) => encode(isa, d, Object.fromEntries(fields.map((f, i) => [f.name, vs[i]]))));
});

/** Register values that are often useful addresses: the data page, the stack, small numbers. */
const register = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: DATA_BASE, max: DATA_BASE + 4096 }),
  fc.integer({ min: STACK_TOP - 256, max: STACK_TOP }),
  fc.integer({ min: -8, max: 40 }).map((v) => v >>> 0),
);

describe.each(ISAS)('$name random programs', (isa) => {
  test('steps end in a result, registers stay 32-bit, faults change nothing', () => {
    fc.assert(fc.property(fc.array(instruction(isa), { minLength: 1, maxLength: 24 }), fc.array(register, { minLength: 16, maxLength: 16 }), (code, regs) => {
      const text = new Uint8Array(code.reduce((n, c) => n + c.length, 0));
      code.reduce((at, c) => (text.set(c, at), at + c.length), 0);
      const m = machine(isa, text);
      m.state.regs.set(regs);
      if (isa.name === 'r32') m.state.regs[0] = 0;
      for (let i = 0; i < 40; i++) {
        const before = { pc: m.state.pc, regs: m.state.regs.slice(), cycles: m.state.cycles, instret: m.state.instret };
        const phys = new Uint8Array(m.phys.buffer).slice();
        const r = step(m.state, m.mem);
        for (const v of [...m.state.regs, m.state.pc]) expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
        if (isa.name === 'r32') expect(m.state.regs[0]).toBe(0);
        if (r === 'ok') continue;
        if (isFault(r)) {
          expect({ pc: m.state.pc, regs: m.state.regs, cycles: m.state.cycles, instret: m.state.instret }).toEqual(before);
          expect(firstDifference(new Uint8Array(m.phys.buffer), phys)).toBe(-1);
        }
        break;
      }
    }), { numRuns: 300 });
  });
});
