// The lockstep scheduler's ends: a core parked at the cycle limit stays parked, even when its
// monitor still has a timer pending (a two-phase commit waiting on a stalled participant).
import { describe, expect, it } from 'vitest';
import { AGREEMENT_TIMEOUT_CYCLES } from '../../kernel/shared/costs.js';
import { runLockstep } from '../../host/machine/lockstep.js';
import { Machine } from '../../host/machine/machine.js';
import { resolveTopology } from '../../host/hardware/topology.js';

describe('runLockstep', () => {
  it('stops at the cycle limit while a monitor timer is still due beyond it', () => {
    const m = new Machine({ topology: resolveTopology('default'), console: { sink: () => {} }, diag: () => {} });
    m.cores[3].monitor.stalled = true;
    let outcome: unknown;
    m.cores[0].monitor.agreement.propose(1, [0, 1, 2, 3], (o) => { outcome = o; });
    for (const c of [0, 1, 2, 3]) m.wake(c);
    const limit = Math.floor(AGREEMENT_TIMEOUT_CYCLES / 2);
    expect(runLockstep(m, { maxCycles: limit })).toBe('max-cycles');
    expect(outcome).toBeUndefined(); // the coordinator's timeout lies beyond the limit
    // a later run without the limit continues: the coordinator times out and aborts
    expect(runLockstep(m)).toBe('done');
    expect(outcome).toMatchObject({ committed: false, reason: 'timeout' });
  });
});
