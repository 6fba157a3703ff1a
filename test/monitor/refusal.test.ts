// A program the OS cannot start is refused by the monitor with its own error kind,
// ProgramRefused, saying why in the user's terms; the CLI prints that as one line (test/cli).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Machine } from '../../host/machine/machine.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import { ProgramRefused } from '../../host/os/domains.js';
import { UserError } from '../../toolchain/errors.js';
import { buildImage } from '../../toolchain/build.js';

const P = join(__dirname, '..', 'programs');
const quiet = { console: { sink: () => {} }, diag: () => {} };

function refusal(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('the program was started');
}

describe('the monitor refuses a program it cannot start', () => {
  it('without code for the core\'s ISA', () => {
    const m = new Machine({ topology: resolveTopology('default'), ...quiet });
    const e = refusal(() => m.spawn(m.load(buildImage([join(P, 's32', 'fib.s')]), 'fib'), 0));
    expect(e).toBeInstanceOf(ProgramRefused);
    expect(e).not.toBeInstanceOf(UserError);
    expect((e as Error).message).toBe('fib has no r32 code (its slices: s32), so it cannot run on core 0 (r32)');
  });

  it('too big for the core\'s share of memory', () => {
    const m = new Machine({ topology: resolveTopology('default', 'r32*64'), memoryMiB: 1, ...quiet });
    const big = buildImage([join(P, 'r32', 'fib.s')]);
    const image = { ...big, sections: big.sections.map((s) => (s.kind === 'bss' ? { ...s, size: 1 << 20 } : s)) };
    const e = refusal(() => m.spawn(m.load(image, 'big'), 0));
    expect(e).toBeInstanceOf(ProgramRefused);
    expect((e as Error).message).toBe('big does not fit in core 0\'s share of memory: run with more --memory');
  });
});
