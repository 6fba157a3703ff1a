// Each experiment's quick form, asserting the qualitative result the paper reports — so a
// regression in the cost model, the kernel or the monitors' protocols fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentByName } from '../../host/tools/experiments/index.js';
import type { ExperimentResult } from '../../host/tools/experiments/experiment.js';
import { hasStackTrace, runCli, tempDir } from '../support/cli.js';

const run = (name: string): Promise<ExperimentResult> => experimentByName(name)!.run({ quick: true });
const col = (r: ExperimentResult, name: string) => r.columns.indexOf(name);
const cell = (r: ExperimentResult, key: number, name: string) => Number(r.rows.find((row) => row[0] === key)![col(r, name)]);

describe('experiments (quick)', () => {
  it('shared-vs-messages: shared memory grows with cores and lines; messages stay flat in lines', async () => {
    const r = await run('shared-vs-messages');
    for (const l of [1, 8]) {
      expect(cell(r, 4, `SHM${l}`)).toBeGreaterThan(cell(r, 1, `SHM${l}`));
      expect(cell(r, 16, `SHM${l}`)).toBeGreaterThan(2 * cell(r, 4, `SHM${l}`));
    }
    expect(cell(r, 1, 'SHM1')).toBeLessThan(30); // the paper: one core alone, < 30 cycles
    expect(cell(r, 16, 'SHM8')).toBeGreaterThan(4 * cell(r, 16, 'SHM1'));
    expect(cell(r, 16, 'MSG8') / cell(r, 16, 'MSG1')).toBeLessThan(1.3);
    expect(cell(r, 16, 'MSG8')).toBeLessThan(cell(r, 16, 'SHM8'));
    expect(r.findings.some((f) => /crossover/.test(f))).toBe(true);
  });

  it('urpc: latency grows with distance, throughput shrinks, pipelining helps', async () => {
    const r = await run('urpc');
    const row = (m: string, cls: string) => r.rows.find((x) => x[0] === m && x[1] === cls)!;
    const lat = (m: string, cls: string) => Number(row(m, cls)[3]);
    expect(lat('amd-8x4', 'same-die')).toBeLessThan(lat('amd-8x4', 'one-hop'));
    expect(lat('amd-8x4', 'one-hop')).toBeLessThan(lat('amd-8x4', 'two-hops'));
    expect(lat('intel-2x4', 'shared-cache')).toBeLessThan(lat('intel-2x4', 'same-die'));
    expect(Number(row('amd-8x4', 'same-die')[4])).toBeGreaterThan(Number(row('amd-8x4', 'two-hops')[4]));
    const p = (r.data as { pipelining: { points: { window: number; throughput: number }[] } }).pipelining.points;
    expect(p.at(-1)!.throughput).toBeGreaterThan(1.5 * p[0].throughput);
  });

  it('tlb-shootdown: multicast beats broadcast and unicast at 32 cores; the SKB finds the packages', async () => {
    const r = await run('tlb-shootdown');
    expect(cell(r, 32, 'numa protocol')).toBeLessThan(cell(r, 32, 'broadcast protocol') / 2);
    expect(cell(r, 32, 'multicast protocol')).toBeLessThan(cell(r, 32, 'unicast protocol') / 2);
    expect(cell(r, 32, 'unicast protocol')).toBeGreaterThan(cell(r, 2, 'unicast protocol') * 5);
    expect((r.data as { skb: { packages: number[][] } }).skb.packages).toHaveLength(8);
  });

  it('2pc: cost grows with cores; a stalled monitor makes the coordinator abort cleanly', async () => {
    const r = await run('2pc');
    expect(cell(r, 32, 'cycles per agreed change')).toBeGreaterThan(cell(r, 2, 'cycles per agreed change'));
    const f = (r.data as { failure: { aborted: { committed: boolean; reason: string }; unlockedAtOnce: boolean; consistentAfterResume: boolean; retry: { committed: boolean }; consistentAfterRetry: boolean } }).failure;
    expect(f.aborted).toMatchObject({ committed: false, reason: 'timeout' });
    expect(f.unlockedAtOnce).toBe(true);
    expect(f.consistentAfterResume).toBe(true);
    expect(f.retry.committed).toBe(true);
    expect(f.consistentAfterRetry).toBe(true);
  });
});

describe('wasmfish experiment', () => {
  it('prints the table and writes results JSON and SVG plots', () => {
    const out = tempDir();
    const r = runCli(['experiment', 'shared-vs-messages', '--quick', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cores\s+SHM1\s+MSG1\s+SHM8\s+MSG8/);
    const json = JSON.parse(readFileSync(join(out, 'shared-vs-messages.json'), 'utf8'));
    expect(json.rows.length).toBeGreaterThan(2);
    const svg = readFileSync(join(out, 'shared-vs-messages-cost.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('SHM8');
  });

  it('lists the experiments, and rejects an unknown one clearly', () => {
    expect(runCli(['experiment']).stdout).toMatch(/tlb-shootdown/);
    const r = runCli(['experiment', 'fig9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown experiment 'fig9' (there are: shared-vs-messages, urpc, tlb-shootdown, 2pc)");
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync('wasmfish-results/fig9.json')).toBe(false);
  });
});
