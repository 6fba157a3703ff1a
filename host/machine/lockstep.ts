// The lockstep scheduler: all cores on one thread, deterministic. It always runs the core
// whose simulated time is smallest, for a bounded quantum of its cycles (discrete-event,
// Graphite/ZSim style), until every core is idle or has reached the cycle limit. The same
// program on the same machine gives byte-identical output and cycle counts.
import { RUN_IDLE } from '../../kernel/shared/kabi.js';
import type { Core, Machine } from './machine.js';

export interface LockstepOptions {
  /** stop each core when its clock reaches this many cycles (default: no limit) */
  readonly maxCycles?: number;
  /** cycles a core runs before the scheduler looks again (default 5000) */
  readonly quantum?: number;
  /**
   * called after each quantum of a core (and its monitor's turn): the tracer empties the
   * core's trace buffer, the debugger checks breakpoints; true stops the run ('stopped')
   */
  readonly afterRun?: (core: Core) => boolean | void;
}

export type StopReason = 'done' | 'max-cycles' | 'stopped';

export function runLockstep(m: Machine, opts: LockstepOptions = {}): StopReason {
  const maxCycles = opts.maxCycles ?? Number.MAX_SAFE_INTEGER;
  const quantum = opts.quantum ?? 5000;
  // picoseconds per cycle of each core, to compare clocks of cores of different speeds
  const period = m.topology.cores.map((c) => 1e6 / c.mhz);
  const cores = m.cores;
  /** cores stopped at the cycle limit: never picked again in this run */
  const parked = cores.map(() => false);
  const unpark = () => cores.forEach((c, i) => { if (parked[i]) c.idle = false; });
  for (;;) {
    // the core furthest behind in simulated time (ties: lowest id): a runnable one, or an
    // idle one whose monitor has a timer due
    let pick = -1;
    let best = Infinity;
    for (let i = 0; i < cores.length; i++) {
      if (parked[i]) continue;
      const c = cores[i];
      const t = (c.idle ? c.monitor.nextTimer : c.kernel.now()) * period[i];
      if (t < best) { best = t; pick = i; }
    }
    if (pick < 0) {
      // cores stopped at the limit still have work: a later run may continue them
      unpark();
      return parked.includes(true) ? 'max-cycles' : 'done';
    }
    const c = cores[pick];
    if (c.idle) {
      // woken by its monitor's timer: time passes idly until it is due
      c.kernel.idle_until(c.monitor.nextTimer);
      c.idle = false;
    }
    const now = c.kernel.now();
    if (now >= maxCycles) {
      c.idle = true;
      parked[pick] = true;
      continue;
    }
    // the monitor's turn on its core's clock — before the quantum, so messages that arrived
    // while other cores ran are not held up by it, and after
    c.monitor.turn();
    const r = c.kernel.run(Math.min(maxCycles, now + quantum));
    c.monitor.turn();
    if (r === RUN_IDLE && m.quiet(c)) c.idle = true;
    else if (r === RUN_IDLE && c.kernel.now() === now) {
      // Nothing to run, only monitor messages waiting for room in a ring: the core waits,
      // idly, until the next core has had its turn (and read them). Left at the same time it
      // would be picked again and again, and the reader, ahead of it, never.
      const next = Math.min(...cores.map((o, i) => (i === pick || o.idle ? Infinity : o.kernel.now() * period[i])));
      c.kernel.idle_until(Math.min(maxCycles, Number.isFinite(next) ? Math.floor(next / period[pick]) + 1 : now + quantum));
    }
    if (opts.afterRun?.(c)) {
      unpark();
      return 'stopped';
    }
  }
}
