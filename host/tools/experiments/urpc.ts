// URPC latency and throughput (the paper's Tables 2 and 3) between core 0 and one core of
// each pair class (shared cache, same die, one hop, two hops) on each machine, through the
// channel system calls (programs/urpc.s); and pipelining: throughput with 1, 2, 4 … 16
// requests in flight to an echo server.
import { pairClass, resolveTopology } from '../../hardware/topology.js';
import type { Experiment, ExperimentOptions, ExperimentResult } from './experiment.js';
import { program, runGuest } from './guest.js';
import { lineChart } from './plot.js';

const MACHINES = ['intel-2x4', 'amd-2x2', 'amd-4x4', 'amd-8x4'];
const WINDOWS = [1, 2, 4, 8, 16];
/** The paper's URPC one-way latency (cycles) and throughput (messages per 1000 cycles). */
export const PAPER: Record<string, Record<string, [number, number]>> = {
  'intel-2x4': { 'shared-cache': [180, 11.97] },
  'amd-2x2': { 'one-hop': [450, 3.42] },
  'amd-8x4': { 'two-hops': [618, 2.75] },
};

const arg = (mode: number, peer: number, window: number, n: number) => mode | (peer << 2) | (window << 8) | (n << 13);

/** Core 0 and the first core of every other pair class. */
export function pairs(machine: string, cores?: string): { peer: number; cls: string }[] {
  const t = resolveTopology(machine, cores);
  const out: { peer: number; cls: string }[] = [];
  for (let c = 1; c < t.cores.length; c++) {
    const cls = pairClass(t, 0, c);
    if (!out.some((p) => p.cls === cls)) out.push({ peer: c, cls });
  }
  return out;
}

export const urpc: Experiment = {
  name: 'urpc',
  title: 'URPC one-way latency, throughput and pipelining (Tables 2 and 3)',
  paper: 'Baumann et al. 2009, Tables 2–3',
  steps: (o) => (o.machine ? pairs(o.machine, o.cores).length : MACHINES.reduce((n, m) => n + pairs(m).length, 0)) * 2 + WINDOWS.length,
  async run(o: ExperimentOptions): Promise<ExperimentResult> {
    const image = program('urpc.s');
    const machines = o.machine ? [o.machine] : MACHINES;
    const n = o.quick ? 100 : 500;
    const rows: (string | number)[][] = [];
    const measured: { machine: string; cls: string; peer: number; latency: number; throughput: number; paper?: [number, number] }[] = [];
    for (const machine of machines) {
      for (const { peer, cls } of pairs(machine, o.cores)) {
        o.progress?.tick(`${machine} ${cls} latency`);
        const rtt = runGuest(image, machine, o.cores ?? 'r32', arg(0, peer, 0, n)).numbers[0][0];
        o.progress?.tick(`${machine} ${cls} throughput`);
        const cycles = runGuest(image, machine, o.cores ?? 'r32', arg(1, peer, 0, n * 4)).numbers[peer][0];
        const paper = PAPER[machine]?.[cls];
        const m = { machine, cls, peer, latency: rtt / 2, throughput: (n * 4 * 1000) / cycles, paper };
        measured.push(m);
        rows.push([machine, cls, `0 ↔ ${peer}`, Math.round(m.latency), m.throughput.toFixed(2), paper ? paper[0] : '', paper ? paper[1] : '']);
      }
    }
    // pipelining on the first machine, across its farthest pair
    const pm = machines.includes('amd-4x4') ? 'amd-4x4' : machines[0];
    const far = pairs(pm, o.cores).at(-1)!;
    const pipelining: { window: number; perRequest: number; throughput: number }[] = [];
    for (const w of WINDOWS) {
      o.progress?.tick(`pipelining ${w}`);
      const per = runGuest(image, pm, o.cores ?? 'r32', arg(2, far.peer, w, n)).numbers[0][0];
      pipelining.push({ window: w, perRequest: per, throughput: 1000 / per });
    }
    const findings = measured.filter((m) => m.paper).map((m) =>
      `${m.machine} ${m.cls}: one-way ${m.latency.toFixed(0)} cycles and ${m.throughput.toFixed(2)} messages/kcycle (the paper: ${m.paper![0]} cycles, ${m.paper![1]}/kcycle).`);
    findings.push(`Pipelining on ${pm} (${far.cls}): ${pipelining.map((p) => `${p.window} in flight → ${p.throughput.toFixed(2)}`).join(', ')} requests/kcycle (${(pipelining.at(-1)!.throughput / pipelining[0].throughput).toFixed(1)}× from 1 to ${WINDOWS.at(-1)}).`);
    return {
      name: this.name, title: this.title, machine: machines.join(', '),
      columns: ['machine', 'pair class', 'cores', 'one-way (cycles)', 'msgs/kcycle', 'paper one-way', 'paper msgs/kcycle'],
      rows, data: { n, measured, pipelining: { machine: pm, pair: far, points: pipelining } },
      plots: [
        { name: 'latency', spec: {
          title: 'URPC one-way latency by pair class', width: 480, height: 300,
          data: { values: measured.map((m) => ({ ...m, where: `${m.machine} ${m.cls}` })) },
          mark: 'bar',
          encoding: { y: { field: 'where', type: 'nominal', title: null, sort: null }, x: { field: 'latency', type: 'quantitative', title: 'one-way latency (cycles)' }, color: { field: 'machine', type: 'nominal' } },
        } },
        { name: 'pipelining', spec: lineChart(`Requests in flight (${pm}, ${far.cls})`, pipelining.map((p) => ({ ...p, series: 'echo server' })),
          { field: 'window', title: 'requests in flight', log: true }, { field: 'throughput', title: 'requests per 1000 cycles' }, { field: 'series', title: '' }) },
      ],
      findings,
    };
  },
};
