// Load: millions of messages over many channels between cores in parallel mode, each with a
// sequence number, a length and a checksum that its receiver checks (load.s): none may be
// lost, repeated, reordered or corrupted. `npm test` sends two million; `npm run soak` (SOAK=1)
// twenty times as many, on more cores too.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParallel } from '../../host/machine/parallel.js';
import { runImage } from '../../host/machine/run.js';
import { buildImage } from '../../toolchain/build.js';

const SOAK = process.env.SOAK === '1';
const image = buildImage([join(import.meta.dirname, 'load.s')]);
/** streams into each sink (load.s K): each core runs a sink and K sources */
const K = 4;
/** load.s CORRUPT: each source swaps two words of one of its messages */
const CORRUPT = 0x800000;

function report(what: string, messages: number, seconds: number): void {
  // eslint-disable-next-line no-console
  console.log(`load ${what}: ${messages} messages, 0 lost, duplicated, reordered or corrupted (${(messages / seconds / 1e6).toFixed(2)} M messages/s)`);
}

describe('load', () => {
  const runs: [string, number][] = SOAK ? [['r32*4', 2_500_000], ['r32*8', 600_000]] : [['r32*4', 125_000]];
  it.each(runs)('parallel mode on %s cores, %i messages per stream: every message arrives once, in order, intact', async (cores, m) => {
    const n = Number(cores.split('*')[1]);
    let diag = '';
    const t0 = performance.now();
    const r = await runParallel(image, 'load.s', { cores, arg: m, sink: () => {}, diag: (t) => { diag += t; }, timeoutSeconds: SOAK ? 3000 : 120 });
    const seconds = (performance.now() - t0) / 1000;
    const messages = n * K * m;
    expect(diag).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.output[0]).toBe(`${messages}\n0\n`); // delivered, not right
    // messages longer than a slot took several
    expect(r.stats.reduce((a, s) => a + s.messagesReceived, 0)).toBeGreaterThan(messages);
    report(`(${cores} cores, ${n * K} channels, parallel mode)`, messages, seconds);
  }, SOAK ? 3_000_000 : 120_000);

  it('lockstep mode, the cost model on: the same checks', () => {
    const r = runImage(image, 'load.s', { cores: 'r32*4', arg: 2000, sink: () => {}, diag: () => {} });
    expect(r.output[0]).toBe(`${4 * K * 2000}\n0\n`);
    expect(r.exitCode).toBe(0);
  });

  it('the checks see two words swapped inside a later fragment (the xor cannot)', () => {
    const r = runImage(image, 'load.s', { cores: 'r32*4', arg: 2000 | CORRUPT, sink: () => {}, diag: () => {} });
    expect(r.output[0]).toBe(`${4 * K * 2000}\n${4 * K}\n`); // one message of each stream
  });
});
