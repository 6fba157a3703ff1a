// Resource limits: a program that loops forever, eats all memory, spawns without end, opens
// channels without end or recurses without end ends with a clear error — a fault report or
// an error result — while a well-behaved program beside it keeps running to its right end.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLockstep } from '../../host/machine/lockstep.js';
import { Machine } from '../../host/machine/machine.js';
import { runParallel } from '../../host/machine/parallel.js';
import { type RunOptions, runImage } from '../../host/machine/run.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import { ISA_NAMES } from '../../isa/index.js';
import { buildImage } from '../../toolchain/build.js';
import { sieveImage } from '../support/arena.js';
import { hasStackTrace, runCli } from '../support/cli.js';

const H = import.meta.dirname;

/** A lockstep machine of one core per ISA running the sieve on every core beside `programs`. */
function besideSieves(programs: { files: string[]; core: number; arg?: number }[], opts: { budget?: number; memoryMiB?: number } = {}) {
  let diag = '';
  const m = new Machine({
    topology: resolveTopology('default', 'r32,s32,a32'), budget: opts.budget, memoryMiB: opts.memoryMiB ?? 16,
    console: { sink: () => {} }, diag: (t) => { diag += t; },
  });
  const sieve = m.load(sieveImage(), 'sieve');
  const good = m.cores.map((c) => m.spawn(sieve, c.id));
  const bad = programs.map((p, i) => m.spawn(m.load(buildImage(p.files), `bad${i}`), p.core, p.arg ?? 0));
  const reason = runLockstep(m, { maxCycles: 200_000_000 });
  const wellBehaved = () => {
    expect(good.map((d) => [d.state, d.exitCode])).toEqual(good.map(() => ['exited', 0]));
    for (const out of m.console.perCore) expect(out.split('\n')).toContain('1229');
  };
  return { m, good, bad, reason, diag: () => diag, wellBehaved };
}

async function run(mode: 'lockstep' | 'parallel', file: string, opts: RunOptions) {
  let diag = '';
  const o = { ...opts, sink: () => {}, diag: (t: string) => { diag += t; } };
  const img = buildImage([join(H, file)]);
  const result = mode === 'lockstep' ? runImage(img, file, o) : await runParallel(img, file, { ...o, timeoutSeconds: 60 });
  return { result, diag };
}

describe('cycle budgets', () => {
  it.each(ISA_NAMES.map((isa, core) => [isa, core] as const))('kill an endless %s loop while the sieves finish', (isa, core) => {
    const t = besideSieves([{ files: [join(H, `spin-${isa}.s`)], core }], { budget: 3_000_000 });
    expect(t.reason).toBe('done');
    t.wellBehaved();
    expect(t.bad[0].state).toBe('faulted');
    expect(t.diag()).toMatch(new RegExp(`fault: core ${core} \\(${isa}\\): dispatcher ${t.bad[0].id} of bad0 killed: cycle budget exhausted\\n  pc 0x[0-9a-f]{8} <main`));
  });

  it.each(['lockstep', 'parallel'] as const)('stop a runaway dispatcher in %s mode; its program goes on', async (mode) => {
    const { result, diag } = await run(mode, 'runaway.s', { cores: 'r32,r32', budget: 2_000_000 });
    expect(result.output[0]).toBe('50005000\n139\n');
    expect(result.exitCode).toBe(0);
    expect(diag).toContain('dispatcher 1025 of runaway.s killed: cycle budget exhausted');
  });

  it('are a run option of the CLI, next to --max-cycles', () => {
    const budget = runCli(['run', join(H, 'spin-a32.s'), '--cores', 'a32', '--budget', '1_000_000']);
    expect(budget.code).toBe(139);
    expect(budget.stderr).toContain('killed: cycle budget exhausted');
    const limit = runCli(['run', join(H, 'spin-s32.s'), '--cores', 's32', '--max-cycles', '1000000']);
    expect(limit.code).toBe(124);
    expect(limit.stderr).toContain('the cycle limit (1000000) was reached');
    const bad = runCli(['run', join(H, 'spin-s32.s'), '--budget', '0']);
    expect(bad.stderr).toBe('wasmfish: --budget: 0 is out of range 1..9007199254740991\n');
    for (const r of [budget, limit, bad]) expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe.each(['lockstep', 'parallel'] as const)('in %s mode', (mode) => {
  const lines = (o: string) => o.split('\n').filter(Boolean);

  it('a memory hog gets -1 from memgrow; out of frames, spawn fails cleanly; all comes back', async () => {
    const { result } = await run(mode, 'hog.s', { cores: 'r32*4', on: [0, 1], memoryMiB: 8 });
    expect(result.exitCode).toBe(0);
    // the hog: more than a megabyte, then spawn E_NO_MEMORY; its neighbour: the same, then
    // memory and a worker again once the hog has gone
    expect(lines(result.output[0])).toEqual(['1', '-5']);
    expect(lines(result.output[1])).toEqual(['-1', '-5', '1', '1', '42']);
  });

  it('a spawn bomb is stopped by the per-domain limit and leaves room on every core', async () => {
    const { result } = await run(mode, 'bomb.s', { cores: 'r32*4', on: [0, 1] });
    expect(result.exitCode).toBe(0);
    // 47 dispatchers beside the bomb's main on core 0 (48 per domain and core), 47 on each other
    expect(lines(result.output[0])).toEqual([`${47 * 4}`, '-5']);
    expect(lines(result.output[1])).toEqual(['10']);
  });

  it('a channel flood drains the pool (E_NO_MEMORY); closed channels go back to it', async () => {
    const { result } = await run(mode, 'flood.s', { cores: 'r32,r32', on: [0, 1] });
    expect(result.exitCode).toBe(0);
    expect(lines(result.output[0])).toEqual(['101']);
    expect(lines(result.output[1])).toEqual(['100', '64', '-5', '1']);
  });

  it('a client of a server that ends without accepting is told, not left waiting', async () => {
    const { result } = await run(mode, 'orphan.s', { cores: 'r32,r32' });
    expect(result.exitCode).toBe(0);
    expect(['-2\n', '-4\n']).toContain(result.output[0]);
  });
});

describe('deep recursion', () => {
  it.each(ISA_NAMES.map((isa, core) => [isa, core] as const))('overflows the stack of a %s dispatcher, not the sieve beside it', (isa, core) => {
    const t = besideSieves([{ files: [join(H, 'recursion.mn')], core }]);
    expect(t.reason).toBe('done');
    t.wellBehaved();
    expect(t.bad[0].state).toBe('faulted');
    expect(t.diag()).toMatch(new RegExp(`fault: core ${core} \\(${isa}\\): dispatcher ${t.bad[0].id} of bad0 killed: stack overflow at 0x7[0-9a-f]{7}\\n.*\\[.*recursion\\.mn:[34]\\]`));
  });
});
