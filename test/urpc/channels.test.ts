// URPC channels and the monitors, through real programs on the emulated machine, in both
// modes: ordering and no loss across many ring wrap-arounds, back-pressure, fragmentation,
// waitsets, spawn onto every ISA, closed peers, bad handles, and the same output in
// lockstep and parallel mode.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParallel } from '../../host/machine/parallel.js';
import { type RunOptions, type RunResult, runImage } from '../../host/machine/run.js';
import { buildImage } from '../../toolchain/build.js';

const P = join(import.meta.dirname, '..', 'programs', 'urpc');
const ASM = join(import.meta.dirname, '..', '..', 'examples', 'asm');
const image = (...files: string[]) => buildImage(files.map((f) => (/^(pingpong|ring)/.test(f) ? join(ASM, f) : join(P, f))));

interface Ran { result: RunResult; diag: string }

async function run(mode: 'lockstep' | 'parallel', files: string[], opts: RunOptions = {}): Promise<Ran> {
  let diag = '';
  const o = { ...opts, sink: () => {}, diag: (t: string) => { diag += t; } };
  const img = image(...files);
  const result = mode === 'lockstep' ? runImage(img, files[0], o) : await runParallel(img, files[0], { ...o, timeoutSeconds: 60 });
  return { result, diag };
}

const MODES = ['lockstep', 'parallel'] as const;

describe.each(MODES)('channels in %s mode', (mode) => {
  it('deliver every message once, in order and intact, across many ring wrap-arounds', async () => {
    const n = mode === 'parallel' ? 1_000_000 : 20_000;
    const { result } = await run(mode, ['stream.s'], { cores: 'r32,r32', arg: n });
    expect(result.output[1]).toBe(`${n}\n`);
    expect(result.exitCode).toBe(0);
    expect(result.stats[1].messagesReceived).toBeGreaterThanOrEqual(n);
  });

  it('make a sender wait while the ring is full (back-pressure) and connect wait for the export', async () => {
    const { result } = await run(mode, ['stream.s'], { cores: 'r32,r32', arg: -500 });
    expect(result.output[1]).toBe('500\n');
    expect(result.exitCode).toBe(0);
  });

  it.each([1, 15, 16, 100, 480, 481, 5000])('carry a %i-word message in fragments', async (words) => {
    const { result } = await run(mode, ['frag.s'], { cores: 'r32,r32', arg: words });
    const sum = (words * (3 * words - 1)) / 2; // Σ 3i + 1
    expect(result.output[1]).toBe(`${words}\n${sum}\n`);
  });

  it('serve many channels with a waitset', async () => {
    const { result } = await run(mode, ['waitset.s'], { cores: 'r32,r32,r32,r32' });
    expect(result.output[0]).toBe('30\n');
  });

  it('spawn onto every core from every ISA and join them', async () => {
    for (const core of [0, 2, 3]) {
      const { result } = await run(mode, ['spawnall-r32.s', 'spawnall-s32.s', 'spawnall-a32.s'], { on: [core] });
      expect(result.output[core].endsWith('406\n')).toBe(true);
      expect(result.output.map((o, c) => o.startsWith(`${c}\n`))).toEqual([true, true, true, true]);
    }
  });

  it('tell a sender its peer has gone instead of hanging', async () => {
    const { result } = await run(mode, ['closed.s'], { cores: 'r32,r32' });
    expect(result.output[0]).toBe('-2\n-2\n');
    expect(result.exitCode).toBe(0);
  });

  it('start the call after a send cut short by a closing peer afresh', async () => {
    // regression: the words already sent of the long message leaked into the next send
    const { result } = await run(mode, ['halfsent.s'], { cores: 'r32,r32' });
    expect(result.output).toEqual(['-2\n', '2\n16\n']);
    expect(result.exitCode).toBe(0);
  });

  it('fault only the dispatcher that uses a handle it does not own', async () => {
    const { result, diag } = await run(mode, ['stolen.s'], { cores: 'r32,r32' });
    expect(result.output[0]).toBe('139\n43\n');
    // the handle main got (1: handle 0 is its monitor's channel to core 1) used by the thief
    expect(diag).toMatch(/dispatcher 2048 of stolen\.s killed: bad system call argument \(argument 0x00000001\)/);
    expect(diag).toMatch(/dispatcher 1024 of stolen\.s killed: bad system call argument \(argument 0x0000004d\)/);
    expect(result.exitCode).toBe(139);
  });

  it('pass a token around a ring of every core', async () => {
    const { result } = await run(mode, ['ring-r32.s'], { cores: 'r32*4' });
    expect(result.output).toEqual(['3\n7\n11\n', '0\n4\n8\n-1\n', '1\n5\n9\n-1\n', '2\n6\n10\n-1\n']);
  });

  it('borrow frames from other monitors when a core runs out of its share', async () => {
    // 4 MiB on 4 cores: 1 MiB each, and the program grows its heap by 2 MiB
    const { result } = await run(mode, ['memgrow.s'], { cores: 'r32*4', memoryMiB: 4, arg: 2048 });
    expect(result.output[0]).toBe('512\n-1\n');
  });

  it('end with a deadlock report when a connect can never be answered', async () => {
    // the sink cannot start on the a32 core (r32-only image): main waits for it forever
    const { result, diag } = await run(mode, ['stream.s'], { cores: 'r32,a32', arg: 10 });
    expect(result.reason).toBe('deadlock');
    expect(result.exitCode).toBe(125);
    expect(diag).toContain('deadlock: dispatcher 1024 (core 0)');
  });
});

describe('the same program in both modes', () => {
  for (const [what, files, opts] of [
    ['ping-pong between an r32 and an a32 core', ['pingpong-r32.s', 'pingpong-a32.s'], {}],
    ['ping-pong on one core (LMP)', ['pingpong-r32.s', 'pingpong-a32.s'], { cores: 'r32' }],
    ['spawn on every core', ['spawnall-r32.s', 'spawnall-s32.s', 'spawnall-a32.s'], {}],
  ] as [string, string[], RunOptions][]) {
    it(`${what}: identical output per core`, async () => {
      const a = await run('lockstep', files, opts);
      const b = await run('parallel', files, opts);
      expect(b.result.output).toEqual(a.result.output);
      expect(a.result.exitCode).toBe(0);
      expect(b.result.exitCode).toBe(0);
    });
  }

  it('lockstep runs are deterministic to the cycle, cost model included', async () => {
    const a = await run('lockstep', ['pingpong-r32.s', 'pingpong-a32.s'], { machine: 'amd-4x4', cores: 'r32*15,a32' });
    const b = await run('lockstep', ['pingpong-r32.s', 'pingpong-a32.s'], { machine: 'amd-4x4', cores: 'r32*15,a32' });
    expect(JSON.stringify(b.result.stats)).toBe(JSON.stringify(a.result.stats));
    expect(a.result.stats[15].stall).toBeGreaterThan(0); // cache lines crossed the interconnect
  });
});

describe('parallel mode at rest', () => {
  it('does not spin the host while every core waits', async () => {
    // a deadlocked machine: every core asleep until the board declares the deadlock; measured
    // from when it first saw them all asleep (boot and the run before are not the point)
    const { result } = await run('parallel', ['stream.s'], { cores: 'r32,a32,r32,a32', arg: 10 });
    expect(result.reason).toBe('deadlock');
    const { wallMs, cpuMs } = result.quiet!;
    expect(wallMs).toBeGreaterThan(100); // (the board looks five times, 50 ms apart)
    // four emulated cores on this host's threads, all waiting: a few wake-ups (about 2% of one
    // host core, loaded host or not), where a spinning core takes a host core whenever it runs
    expect(cpuMs / wallMs).toBeLessThan(0.25);
  });
});
