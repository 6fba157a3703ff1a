// TLB shootdown (the paper's Figures 6 and 7): a page mapped by dispatchers on k cores is
// unmapped; the home monitor removes the mapping and tells every one of those cores to drop
// it from its TLB, by broadcast, unicast, multicast or NUMA-aware multicast (host/os/
// shootdown.ts) over trees the SKB computes from measured round trips (host/os/skb.ts).
// Reported: the messaging protocol alone (on the initiating monitor's clock) and the unmap
// end to end, as the program (programs/tlb.s) sees it.
import { runLockstep } from '../../machine/lockstep.js';
import { Machine } from '../../machine/machine.js';
import { SHOOTDOWN_PROTOCOLS } from '../../os/shootdown.js';
import type { Message } from '../../os/protocol.js';
import { type Skb, skbFromRtt } from '../../os/skb.js';
import { resolveTopology } from '../../hardware/topology.js';
import type { Experiment, ExperimentOptions, ExperimentResult } from './experiment.js';
import { EXPERIMENT_QUANTUM, program } from './guest.js';
import { lineChart } from './plot.js';

/** The paper's protocol-only latencies at 32 cores on the 8×4 AMD (≈, read off Figure 6). */
const PAPER_32 = { broadcast: 13800, unicast: 12700, multicast: 4800, numa: 3100 };

/** Measures every monitor-to-monitor round trip, one at a time, on an otherwise idle machine. */
export function measureSkb(m: Machine, rounds = 3): Skb {
  const n = m.cores.length;
  const rtt = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const mon = m.cores[i].monitor;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let best = Infinity;
      for (let r = 0; r < rounds; r++) {
        const t0 = m.cores[i].kernel.now();
        let t1 = -1;
        mon.request(j, 'ping', {}, (_: Message) => { t1 = m.cores[i].kernel.now(); });
        m.wake(i);
        runLockstep(m);
        if (t1 < 0) throw new Error(`the SKB got no answer from core ${j} to core ${i}`);
        best = Math.min(best, t1 - t0);
      }
      rtt[i][j] = best;
    }
  }
  return skbFromRtt(rtt);
}

function coreCounts(n: number, quick: boolean): number[] {
  const all = [2, 4, 8, 12, 16, 20, 24, 28, 32].filter((k) => k <= n);
  return quick ? all.filter((k) => k === 2 || k === 8 || k === n) : all;
}

export const tlbShootdown: Experiment = {
  name: 'tlb-shootdown',
  title: 'TLB shootdown: unmapping a page used on k cores (Figures 6 and 7)',
  paper: 'Baumann et al. 2009, Figures 6–7 (8×4-core AMD)',
  steps: (o) => 1 + SHOOTDOWN_PROTOCOLS.length * coreCounts(32, !!o.quick).length,
  async run(o: ExperimentOptions): Promise<ExperimentResult> {
    const machine = o.machine ?? 'amd-8x4';
    const topology = resolveTopology(machine, o.cores ?? 'r32');
    const image = program('tlb.s');
    const boot = () => new Machine({ topology, console: { sink: () => {} }, diag: () => {} });
    o.progress?.tick('measuring round trips (SKB)');
    const skb: Skb = measureSkb(boot(), 1);
    const ks = coreCounts(topology.cores.length, !!o.quick);
    const points: { protocol: string; cores: number; protocolCycles: number; unmapCycles: number }[] = [];
    for (const protocol of SHOOTDOWN_PROTOCOLS) {
      for (const k of ks) {
        o.progress?.tick(`${protocol}, ${k} cores`);
        const m = boot();
        for (const c of m.cores) {
          c.monitor.shootdown.protocol = protocol;
          c.monitor.shootdown.skb = structuredClone(skb); // each monitor its own replica
        }
        m.spawn(m.load(image, 'tlb'), 0, k);
        runLockstep(m, { quantum: EXPERIMENT_QUANTUM, maxCycles: 1e9 });
        const [unmap, result] = m.console.perCore[0].split('\n').map(Number);
        if (result !== 0) throw new Error(`unmap failed (${protocol}, ${k} cores)`);
        points.push({ protocol, cores: k, protocolCycles: m.cores[0].monitor.shootdown.lastCycles, unmapCycles: unmap });
      }
    }
    const at = (p: string, k: number) => points.find((x) => x.protocol === p && x.cores === k)!;
    const top = ks[ks.length - 1];
    const findings = [
      `The SKB found ${skb.packages.length} packages from measured round trips (${skb.packages.map((p) => p.length).join('+')} cores).`,
      ...SHOOTDOWN_PROTOCOLS.map((p) => `${p} at ${top} cores: ${at(p, top).protocolCycles} cycles for the protocol, ${at(p, top).unmapCycles} for the unmap end to end${top === 32 ? ` (the paper, protocol: ≈ ${PAPER_32[p]})` : ''}.`),
      `NUMA-aware multicast vs broadcast at ${top} cores: ${(at('broadcast', top).protocolCycles / at('numa', top).protocolCycles).toFixed(1)}× faster.`,
      `Unmap end to end, NUMA-aware multicast: ${at('numa', ks[0]).unmapCycles} cycles at ${ks[0]} cores, ${at('numa', top).unmapCycles} at ${top} (×${(at('numa', top).unmapCycles / at('numa', ks[0]).unmapCycles).toFixed(1)}; the paper's Barrelfish: 10.3k → 17.5k, ×1.7).`,
    ];
    return {
      name: this.name, title: this.title, machine,
      columns: ['cores', ...SHOOTDOWN_PROTOCOLS.map((p) => `${p} protocol`), ...SHOOTDOWN_PROTOCOLS.map((p) => `${p} unmap`)],
      rows: ks.map((k) => [k, ...SHOOTDOWN_PROTOCOLS.map((p) => at(p, k).protocolCycles), ...SHOOTDOWN_PROTOCOLS.map((p) => at(p, k).unmapCycles)]),
      data: { skb: { packages: skb.packages, rtt: skb.rtt }, points },
      plots: [
        { name: 'protocol', spec: lineChart(`TLB shootdown protocol (${machine})`, points, { field: 'cores', title: 'cores' }, { field: 'protocolCycles', title: 'latency (cycles)' }, { field: 'protocol', title: 'protocol' }) },
        { name: 'unmap', spec: lineChart(`Unmap, end to end (${machine})`, points, { field: 'cores', title: 'cores' }, { field: 'unmapCycles', title: 'latency (cycles)' }, { field: 'protocol', title: 'protocol' }) },
      ],
      findings,
    };
  },
};
