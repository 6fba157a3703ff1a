// Two-phase commit over state replicated in the monitors (host/os/agreement.ts): the cost of
// one agreed change as the number of participating cores grows; then the failure case — one
// monitor stalls, the coordinator's timeout aborts the change, and once the stalled monitor
// resumes every replica holds the same value and nothing stays locked (checked).
import { runLockstep } from '../../machine/lockstep.js';
import { Machine } from '../../machine/machine.js';
import type { Outcome } from '../../os/agreement.js';
import { resolveTopology } from '../../hardware/topology.js';
import type { Experiment, ExperimentOptions, ExperimentResult } from './experiment.js';
import { EXPERIMENT_QUANTUM } from './guest.js';
import { lineChart } from './plot.js';

function coreCounts(n: number, quick: boolean): number[] {
  const all = [2, 4, 8, 12, 16, 20, 24, 28, 32].filter((k) => k <= n);
  return quick ? all.filter((k) => k === 2 || k === 8 || k === n) : all;
}

/** Runs one proposal from core 0's monitor to its end. */
function propose(m: Machine, delta: number, participants: number[]): Outcome {
  let outcome: Outcome | undefined;
  m.cores[0].monitor.agreement.propose(delta, participants, (o) => { outcome = o; });
  for (const c of participants) m.wake(c);
  runLockstep(m, { quantum: EXPERIMENT_QUANTUM });
  if (!outcome) throw new Error('two-phase commit did not finish');
  return outcome;
}

/** Every replica among `cores` holds `value` and has nothing locked. */
function consistent(m: Machine, cores: number[], value: number): boolean {
  return cores.every((c) => m.cores[c].monitor.agreement.reserved === value && !m.cores[c].monitor.agreement.pending);
}

export const twoPhaseCommit: Experiment = {
  name: '2pc',
  title: 'Two-phase commit over replicated monitor state, and a stalled participant',
  paper: 'Baumann et al. 2009, §4.4 (agreement; capability retype)',
  steps: (o) => coreCounts(32, !!o.quick).length + 1,
  async run(o: ExperimentOptions): Promise<ExperimentResult> {
    const machine = o.machine ?? 'amd-8x4';
    const topology = resolveTopology(machine, o.cores ?? 'r32');
    const boot = () => new Machine({ topology, console: { sink: () => {} }, diag: () => {} });
    const ks = coreCounts(topology.cores.length, !!o.quick);
    const points: { cores: number; cycles: number }[] = [];
    for (const k of ks) {
      o.progress?.tick(`${k} cores`);
      const m = boot();
      const parts = Array.from({ length: k }, (_, i) => i);
      const runs = [1, 2, 3].map(() => propose(m, 4096, parts));
      if (!runs.every((r) => r.committed) || !consistent(m, parts, 3 * 4096)) throw new Error(`2PC over ${k} cores left the replicas inconsistent`);
      points.push({ cores: k, cycles: [...runs.map((r) => r.cycles)].sort((a, b) => a - b)[1] });
    }
    // failure: one participant's monitor stalls
    o.progress?.tick('a stalled participant');
    const m = boot();
    const all = topology.cores.map((_, i) => i);
    const stalledCore = all[all.length - 1];
    propose(m, 4096, all);
    m.cores[stalledCore].monitor.stalled = true;
    const aborted = propose(m, 4096, all);
    const beforeResume = all.filter((c) => c !== stalledCore).every((c) => !m.cores[c].monitor.agreement.pending);
    m.cores[stalledCore].monitor.resume();
    runLockstep(m, { quantum: EXPERIMENT_QUANTUM });
    const afterAbort = consistent(m, all, 4096);
    const again = propose(m, 4096, all);
    const afterRetry = consistent(m, all, 2 * 4096);
    const top = ks[ks.length - 1];
    const at = (k: number) => points.find((p) => p.cores === k)!.cycles;
    const findings = [
      `One agreed change costs ${at(ks[0])} cycles among ${ks[0]} cores and ${at(top)} among ${top} (×${(at(top) / at(ks[0])).toFixed(1)}): every participant is asked twice, one message each way.`,
      `With core ${stalledCore}'s monitor stalled the coordinator ${aborted.committed ? 'committed (wrong!)' : `aborted on ${aborted.reason}`} after ${aborted.cycles} cycles; the other replicas were ${beforeResume ? 'unlocked' : 'still locked'} at once.`,
      `After the stalled monitor resumed, every replica ${afterAbort ? 'agreed' : 'did NOT agree'} on the value before the aborted change; a new change then ${again.committed && afterRetry ? 'committed everywhere' : 'failed'}.`,
    ];
    return {
      name: this.name, title: this.title, machine,
      columns: ['cores', 'cycles per agreed change'],
      rows: points.map((p) => [p.cores, p.cycles]),
      data: { points, failure: { stalledCore, aborted, unlockedAtOnce: beforeResume, consistentAfterResume: afterAbort, retry: again, consistentAfterRetry: afterRetry } },
      plots: [{ name: 'cost', spec: lineChart(`Two-phase commit (${machine})`, points.map((p) => ({ ...p, series: '2PC' })), { field: 'cores', title: 'participating cores' }, { field: 'cycles', title: 'cycles per agreed change' }, { field: 'series', title: '' }) }],
      findings,
    };
  },
};
