// A monitor holds only its own core's state: nothing reachable from one monitor's objects
// may be reachable from another's, except the facts and devices every core is given at boot
// (the shared memory, the read-only image store, the topology's ISA list, the harness's
// event sink). A shortcut — one monitor reaching into another's tables instead of sending a
// message — would show up here as an object reachable from two monitors.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLockstep } from '../../host/machine/lockstep.js';
import { Machine } from '../../host/machine/machine.js';
import { Monitor } from '../../host/os/monitor.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import { buildImage } from '../../toolchain/build.js';

/** Every object reachable from `root`, not entering `boundary` objects. */
function reachable(root: object, boundary: Set<unknown>): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x !== 'object' && typeof x !== 'function') continue;
    if (x === null || boundary.has(x) || seen.has(x as object)) continue;
    seen.add(x as object);
    if (x instanceof Map) for (const [k, v] of x) stack.push(k, v);
    else if (x instanceof Set) for (const v of x) stack.push(v);
    if (ArrayBuffer.isView(x) || x instanceof WebAssembly.Memory) continue;
    for (const key of Reflect.ownKeys(x as object)) {
      const d = Object.getOwnPropertyDescriptor(x, key);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return seen;
}

describe('monitor isolation', () => {
  it('no object is reachable from two monitors but what every core was given', () => {
    const m = new Machine({ topology: resolveTopology('default'), console: { sink: () => {} }, diag: () => {} });
    // exercise every protocol: names, binding, remote spawn, join, frames
    const dir = join(import.meta.dirname, '..', 'programs', 'urpc');
    const prog = m.load(buildImage(['r32', 's32', 'a32'].map((i) => join(dir, `spawnall-${i}.s`))), 'spawnall');
    m.spawn(prog, 0);
    const pp = m.load(buildImage(['r32', 'a32'].map((i) => join(import.meta.dirname, '..', '..', 'examples', 'asm', `pingpong-${i}.s`))), 'pp');
    m.spawn(pp, 1);
    expect(runLockstep(m)).toBe('done');

    const monitors = m.cores.map((c) => c.monitor);
    const first = monitors[0];
    const shared = new Set<unknown>([first.mem, first.mem.memory, first.mem.bytes, first.images, first.events, first.config.isas, Monitor.prototype]);
    for (const mon of monitors) {
      // the events sink and config object are per-monitor wrappers around shared facts
      shared.add(mon.config);
      expect(mon.mem).toBe(first.mem);
    }
    const sets = monitors.map((mon) => reachable(mon, shared));
    for (let a = 0; a < sets.length; a++) {
      for (const mon of monitors) if (mon !== monitors[a]) expect(sets[a].has(mon)).toBe(false);
      expect(sets[a].has(m.cores[a].kernel)).toBe(true);
      for (let b = a + 1; b < sets.length; b++) {
        const both = [...sets[a]].filter((o) => sets[b].has(o) && typeof o !== 'function');
        const kinds = both.slice(0, 5).map((o) => o.constructor?.name ?? Object.prototype.toString.call(o));
        expect(both.length, `monitors ${a} and ${b} share objects: ${kinds.join(', ')}`).toBe(0);
      }
    }
  });
});
