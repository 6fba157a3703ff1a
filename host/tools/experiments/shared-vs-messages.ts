// Shared state vs messages (the paper's Figure 3): k cores update a structure of 1, 2, 4 or
// 8 cache lines, either in shared memory with atomic adds (programs/shm.s) or by sending a
// request to a server core that owns it (programs/msg.s). The cost per update is what the
// programs measure on their own clocks; contention and line transfers come from the cost
// model alone.
import type { Experiment, ExperimentOptions, ExperimentResult } from './experiment.js';
import { program, runGuest } from './guest.js';
import { lineChart } from './plot.js';

const LINES = [1, 2, 4, 8];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const arg = (k: number, lines: number, n: number) => k | (lines << 8) | (n << 16);

function coreCounts(total: number, quick: boolean): number[] {
  const all = [1, 2, 4, 6, 8, 10, 12, 14, 16].filter((k) => k <= total);
  return quick ? all.filter((k) => k === 1 || k === 4 || k === Math.min(16, total)) : all;
}

export const sharedVsMessages: Experiment = {
  name: 'shared-vs-messages',
  title: 'Shared state vs messages: the cost of an update as cores are added (Figure 3)',
  paper: 'Baumann et al. 2009, Figure 3 (4×4-core AMD)',
  steps: (o) => coreCounts(16, !!o.quick).length * (o.quick ? 2 : LINES.length) * 2,
  async run(o: ExperimentOptions): Promise<ExperimentResult> {
    const machine = o.machine ?? 'amd-4x4';
    const shm = program('shm.s');
    const msg = program('msg.s');
    const n = o.quick ? 50 : 200;
    const lines = o.quick ? [1, 8] : LINES;
    const cores = runGuest(shm, machine, o.cores, arg(1, 1, 1)).stats.length;
    const ks = coreCounts(cores, !!o.quick);
    const points: { cores: number; lines: number; method: string; cycles: number }[] = [];
    const server: { clients: number; lines: number; cycles: number }[] = [];
    for (const l of lines) {
      for (const k of ks) {
        o.progress?.tick(`shared memory, ${k} cores, ${l} lines`);
        const s = runGuest(shm, machine, o.cores, arg(k, l, n));
        if (s.numbers[0].at(-1) !== k * n) throw new Error(`shared memory lost updates: ${s.numbers[0].at(-1)} ≠ ${k * n}`);
        points.push({ cores: k, lines: l, method: `SHM${l}`, cycles: mean(s.numbers.slice(0, k).map((c) => c[0])) });
        o.progress?.tick(`messages, ${k} clients, ${l} lines`);
        const clients = Math.min(k, cores - 1);
        const m = runGuest(msg, machine, o.cores, arg(clients, l, n));
        const [perUpdate, total] = m.numbers[0].slice(-2);
        if (total !== clients * n) throw new Error(`the server lost updates: ${total} ≠ ${clients * n}`);
        points.push({ cores: k, lines: l, method: `MSG${l}`, cycles: mean(m.numbers.slice(1, clients + 1).map((c) => c[0])) });
        server.push({ clients, lines: l, cycles: perUpdate });
      }
    }
    const at = (method: string, k: number) => points.find((p) => p.method === method && p.cores === k)?.cycles ?? NaN;
    const top = ks[ks.length - 1];
    const findings: string[] = [];
    for (const l of lines) {
      const cross = ks.find((k) => at(`SHM${l}`, k) > at(`MSG${l}`, k));
      findings.push(cross === undefined
        ? `${l} line${l > 1 ? 's' : ''}: shared memory stays cheaper than messages up to ${top} cores.`
        : `${l} line${l > 1 ? 's' : ''}: messages become cheaper than shared memory from ${cross} cores on (crossover).`);
    }
    const lmax = lines[lines.length - 1];
    const serverRate = 1000 / server.filter((s) => s.lines === lmax).at(-1)!.cycles;
    const shmRate = (top * 1000) / at(`SHM${lmax}`, top);
    findings.push(`One update by one core alone: ${at('SHM1', 1).toFixed(0)} cycles (the paper: < 30).`);
    findings.push(`At ${top} cores, ${lmax} lines: an update costs ${at(`SHM${lmax}`, top).toFixed(0)} cycles with shared memory (the paper: ≈ 12,000 extra) and ${at(`MSG${lmax}`, top).toFixed(0)} by message.`);
    findings.push(`The server alone performs ${serverRate.toFixed(2)} updates per 1000 cycles; all ${top} shared-memory cores together ${shmRate.toFixed(2)} (${(serverRate / shmRate).toFixed(1)}×; the paper: about 2×).`);
    return {
      name: this.name, title: this.title, machine,
      columns: ['cores', ...lines.flatMap((l) => [`SHM${l}`, `MSG${l}`])],
      rows: ks.map((k) => [k, ...lines.flatMap((l) => [Math.round(at(`SHM${l}`, k)), Math.round(at(`MSG${l}`, k))])]),
      data: { n, points, server },
      plots: [{
        name: 'cost',
        spec: lineChart(`Cost of an update (${machine})`, points.map((p) => ({ ...p, how: p.method.startsWith('SHM') ? 'shared memory' : 'messages' })),
          { field: 'cores', title: 'cores' }, { field: 'cycles', title: 'cycles per update', log: true },
          { field: 'method', title: 'method, lines' }, { field: 'how', title: '' }),
      }],
      findings,
    };
  },
};
