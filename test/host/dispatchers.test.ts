// The board's record of dispatchers: a fault report shows the code of the image the faulting
// domain runs, found by the image's id — not by its name, which two loads may share.
import { describe, expect, it } from 'vitest';
import { runLockstep } from '../../host/machine/lockstep.js';
import { Machine } from '../../host/machine/machine.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import { buildImage } from '../../toolchain/build.js';

describe('DispatcherLedger', () => {
  it('reports a fault with the faulting image, when another image has the same name', () => {
    let diag = '';
    const m = new Machine({ topology: resolveTopology('default', 'r32'), console: { sink: () => {} }, diag: (t) => { diag += t; } });
    const faulty = m.load(buildImage(['test/programs/faults/misaligned-r32.s']), 'prog');
    m.load(buildImage(['test/programs/r32/fib.s']), 'prog');
    const d = m.spawn(faulty, 0);
    runLockstep(m);
    expect(m.dispatchers.get(d.id)).toMatchObject({ state: 'faulted', program: 'prog' });
    expect(diag).toContain('misaligned memory access at 0x01000002');
    expect(diag).toContain('<main+0x8>: lw r1, 2(r2)');
    expect(diag).toContain('misaligned-r32.s:9]');
  });
});
