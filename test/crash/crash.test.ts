// A core that dies in parallel mode — its worker thread throws, or is terminated — by the
// fault-injection hook (ParallelOptions.injectFault, WASMFISH_FAULT in the CLI), at an event
// of the run: once so many messages have passed through the core, never after a delay (on a
// slow moment a timer fires before the core got anywhere). The machine names the core that
// died; its peers read every message it had sent, then get E_CLOSED on their channels and
// failed replies from their monitors instead of hanging; the rest of the machine runs to its
// end, and the run ends with exit 70 and a summary.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type InjectedFault, runParallel } from '../../host/machine/parallel.js';
import { type RunResult, runImage } from '../../host/machine/run.js';
import { CH_H_CORE_B, CH_PRIVATE, P_RX_SEQ, P_TX_SEQ } from '../../kernel/shared/channel.js';
import { poolChannel } from '../../host/hardware/memory.js';
import { buildImage } from '../../toolchain/build.js';
import { hasStackTrace, runCli } from '../support/cli.js';

const HERE = import.meta.dirname;
const lines = (o: string) => o.split('\n').filter(Boolean).map(Number);

async function run(file: string, cores: string, arg: number, injectFault: InjectedFault) {
  let diag = '';
  const result = await runParallel(buildImage([join(HERE, file)]), file, {
    cores, arg, injectFault, sink: () => {}, diag: (t) => { diag += t; }, timeoutSeconds: 60,
  });
  return { result, diag };
}

/**
 * afterlife.s's core 1 dies at its last message: every message it exchanges in a run (as a
 * lockstep run of the same program counts them, which ends with main waiting on the channel
 * for ever) — so doomed has exported its name and main is bound to it, whatever the timing.
 */
function afterlifeTraffic(): number {
  const r = runImage(buildImage([join(HERE, 'afterlife.s')]), 'afterlife.s', { cores: 'r32,r32', maxCycles: 20_000_000, sink: () => {}, diag: () => {} });
  expect(r.reason).toBe('max-cycles');
  return r.stats[1].messagesSent + r.stats[1].messagesReceived;
}

/** The slots core `from` published on its channel to core 0's service, and those core 0 read. */
function streamOf(r: RunResult, from: number): { sent: number; read: number } {
  const mem = r.memory!;
  for (let i = 0; i < mem.layout.poolSize; i++) {
    const ch = poolChannel(mem.layout, 0, i);
    if (mem.u32(ch + CH_H_CORE_B) !== from) continue;
    return { sent: mem.u32(ch + CH_PRIVATE + 64 + P_TX_SEQ), read: mem.u32(ch + CH_PRIVATE + P_RX_SEQ) };
  }
  throw new Error(`no channel from core ${from}`);
}

describe('a core that dies in parallel mode', () => {
  it.each([false, true])('is named, its streams end in E_CLOSED with nothing delivered lost (terminated: %s)', async (terminate) => {
    const n = 20_000;
    const at = 5000; // messages through core 3: its producer's stream, and a few of its monitor's
    const { result, diag } = await run('watch.s', 'r32*4', -n, { core: 3, afterMessages: at, terminate });
    expect(result.reason).toBe('crashed');
    expect(result.exitCode).toBe(70);
    expect(diag).toContain(`wasmfish: core 3 (r32) died: ${terminate ? 'its worker thread was terminated' : `injected fault (after ${at} messages)`}`);
    expect(diag).toMatch(/crashed: core 3 \(r32\) died: .*\n  killed with it: dispatcher 1027\n  on the other 3 cores: 3 exited, 0 faulted, 0 still waiting\n/);
    expect(hasStackTrace(diag)).toBe(false);
    // main: [core, count] per stream as it ended, then 0 errors and the producers' exit codes
    const out = lines(result.output[0]);
    const counts = new Map([[out[0], out[1]], [out[2], out[3]], [out[4], out[5]]]);
    expect(counts.get(1)).toBe(n);
    expect(counts.get(2)).toBe(n);
    expect(counts.get(3)).toBeGreaterThanOrEqual(at - 20);
    expect(out.slice(6)).toEqual([0, 139]);
    // every message the dead core published was read (one slot each); a worker thrown out
    // between quanta had counted them all, a terminated one may not have counted its last
    const { sent, read } = streamOf(result, 3);
    expect(read).toBe(counts.get(3));
    if (terminate) expect(sent).toBeLessThanOrEqual(read);
    else expect(sent).toBe(read);
  });

  it('fails what its monitor owed: a recv, a join, a connect and a spawn all return', async () => {
    const { result, diag } = await run('afterlife.s', 'r32*2', 0, { core: 1, afterMessages: afterlifeTraffic() });
    expect(lines(result.output[0])).toEqual([-2, 139, -2, -2]);
    expect(result.exitCode).toBe(70);
    expect(diag).toContain('killed with it: dispatcher 1025');
  });

  it('may be the core of the program\'s main: the others still run to their end', async () => {
    const { result, diag } = await run('watch.s', 'r32*4', 2_000_000, { core: 0, afterMessages: 10_000 });
    expect(result.reason).toBe('crashed');
    expect(result.exitCode).toBe(70);
    expect(result.main[0].state).toBe('faulted');
    expect(result.main[0].fault!.reason).toBe('killed');
    // the producers' sends fail once main's side is closed: they run out their counts and end
    expect(diag).toMatch(/killed with it: dispatcher 1024\n  on the other 3 cores: 3 exited, 0 faulted, 0 still waiting/);
  });
});

describe('the fault-injection hook of the CLI', () => {
  it('WASMFISH_FAULT=core@Nmsgs kills a core of a --parallel run; the run says so and exits 70', () => {
    const n = afterlifeTraffic();
    const r = runCli(['run', join(HERE, 'afterlife.s'), '--cores', 'r32,r32', '--parallel'], process.cwd(), undefined, 30_000, { WASMFISH_FAULT: `1@${n}msgs` });
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('-2\n139\n-2\n-2\n');
    expect(r.stderr).toContain(`wasmfish: core 1 (r32) died: injected fault (after ${n} messages)`);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('WASMFISH_FAULT=core@ms,terminate: a core streaming without end is terminated then, whatever it had done', () => {
    // (only what holds at any moment is checked: when it dies is up to the host)
    const r = runCli(['run', join(HERE, 'watch.s'), '--cores', 'r32*4', '--arg', '-2000', '--parallel'], process.cwd(), undefined, 60_000, { WASMFISH_FAULT: '3@100,terminate' });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^wasmfish: core 3 \(r32\) died: its worker thread was terminated .*\ncrashed: core 3/m);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('rejects a malformed value, or one without --parallel, with one line', () => {
    const bad = runCli(['run', join(HERE, 'afterlife.s'), '--parallel'], process.cwd(), undefined, 30_000, { WASMFISH_FAULT: 'soon' });
    expect(bad.stderr).toBe("wasmfish: WASMFISH_FAULT: 'soon' is not core@<n>msgs or core@<milliseconds>, optionally followed by ,terminate\n");
    const lockstep = runCli(['run', join(HERE, 'afterlife.s')], process.cwd(), undefined, 30_000, { WASMFISH_FAULT: '1@10msgs' });
    expect(lockstep.stderr).toBe('wasmfish: WASMFISH_FAULT: cores have worker threads to kill only with --parallel\n');
    const nocore = runCli(['run', join(HERE, 'afterlife.s'), '--parallel'], process.cwd(), undefined, 30_000, { WASMFISH_FAULT: '9@10' });
    expect(nocore.stderr).toBe('wasmfish: fault injection: core 9 does not exist (machine default has cores 0..3)\n');
  });
});

// `npm run soak`: the death of every core but main's, early and late, thrown and terminated
describe.runIf(process.env.SOAK === '1')('soak: cores dying at every moment', () => {
  const cases = [1, 2, 3].flatMap((core) => [0, 10, 1000, 30_000].flatMap((afterMessages) => [false, true].map((terminate) => ({ core, afterMessages, terminate }))));
  it.each(cases)('core $core, after $afterMessages messages, terminated: $terminate', async (f) => {
    const n = 50_000;
    const { result, diag } = await run('watch.s', 'r32*4', n, f);
    const out = lines(result.output[0]);
    if (out.length === 0) {
      // it died before its producer connected: main waits in accept for a client that will
      // never come (and the other producers for main), and the run ends when the living cores
      // have nothing left to do
      expect(result.reason).toBe('crashed');
      expect(diag).toMatch(/on the other 3 cores: \d+ exited, 0 faulted, [1-3] still waiting/);
      return;
    }
    // whether it died before its stream ended or not, nothing arrived out of order or twice,
    // and every message its core published was read
    const errors = out[out.length - 2];
    expect(errors).toBe(0);
    if (result.reason === 'crashed') {
      const { sent, read } = streamOf(result, f.core);
      expect(sent).toBeLessThanOrEqual(read);
      expect(result.exitCode).toBe(70);
    } else {
      expect(result.exitCode).toBe(0); // it finished before the fault came
    }
  }, 120_000);
});
