// A division or remainder by zero faults the dispatcher on every ISA, at the line of the
// division: r32's `div` and `rem` fault by themselves; on s32 and a32 the compiled code tests
// the divisor and calls fault(FAULT_DIV_ZERO) before calling the software routine.
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { EXIT_FAULT, runImage } from '../../host/machine/run.js';
import { compile } from '../../toolchain/cc/index.js';

const PROGRAMS = {
  division: 'fn main() {\n  var zero = 0;\n  print(1);\n  print(10 / zero);\n  print(2);\n  return 0;\n}\n',
  remainder: 'fn f(x) {\n  return 7 % x;\n}\n\nfn main() {\n  print(1);\n  print(f(0));\n  return 0;\n}\n',
  'a constant zero': 'fn main() {\n  print(1);\n  print(5 / 0);\n  return 0;\n}\n',
};
const LINE = { division: 4, remainder: 2, 'a constant zero': 3 };

describe.each(ISA_NAMES)('on %s', (isa) => {
  it.each(Object.keys(PROGRAMS) as (keyof typeof PROGRAMS)[])('%s by zero faults at its line', (name) => {
    let diag = '';
    const image = compile(PROGRAMS[name], { file: 'zero.mn', isas: [isa] });
    const r = runImage(image, 'zero.mn', { cores: isa, sink: () => {}, diag: (t) => { diag += t; } });
    expect(r.exitCode).toBe(EXIT_FAULT);
    expect(r.output[0]).toBe('1\n');
    expect(diag).toContain('killed: divide by zero');
    expect(diag).toContain(`[zero.mn:${LINE[name]}]`);
  });
});
