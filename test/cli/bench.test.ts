// `wasmfish bench` as a user meets it: the Minnow table (simulated counts, so exact checks are
// possible), a quick interpreter benchmark end to end, and errors for bad names and flags.
// Results go to a scratch directory ($WASMFISH_BENCH_RESULTS), never over bench/results/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, tempDir } from '../support/cli.js';

const dir = tempDir('wasmfish-bench-');
beforeAll(() => { process.env.WASMFISH_BENCH_RESULTS = dir; });

const results = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));

describe('wasmfish bench', () => {
  it('minnow: every example on every ISA, counts that agree with the results file', () => {
    const r = runCli(['bench', 'minnow']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^== minnow on .+Node v\d+/m);
    const json = results('minnow');
    expect(json.benchmark).toBe('minnow');
    const rows = json.results as { example: string; isa: string; instructions?: number; cycles?: number }[];
    for (const example of ['hello', 'matmul', 'sieve', 'sum-messages', 'sum-shared']) {
      for (const isa of ['r32', 's32', 'a32']) {
        const row = rows.find((x) => x.example === example && x.isa === isa);
        expect(row, `${example} ${isa}`).toBeDefined();
        if (example === 'sum-shared' && isa === 'a32') {
          expect(row!.instructions).toBeUndefined(); // atomics: not compiled for a32
          continue;
        }
        expect(row!.instructions).toBeGreaterThan(0);
        expect(row!.cycles).toBeGreaterThanOrEqual(row!.instructions!);
        // the printed table shows the same number
        const line = r.stdout.split('\n').find((l) => l.startsWith(`${example}.mn `))!;
        expect(line).toContain(row!.instructions!.toLocaleString('en-US'));
      }
    }
    expect(r.stdout).toMatch(/^sum-shared\.mn .* n\/a\s+n\/a$/m);
    // register allocation pays: r32 needs fewer instructions than the accumulator machine
    const ins = (e: string, isa: string) => rows.find((x) => x.example === e && x.isa === isa)!.instructions!;
    expect(ins('matmul', 'r32')).toBeLessThan(ins('matmul', 'a32'));
  });

  it('interp --quick: each ISA against the reference interpreter, with medians and p99s', () => {
    const r = runCli(['bench', 'interp', '--quick'], process.cwd(), undefined, 120_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/median/);
    expect(r.stdout).toMatch(/p99/);
    const json = results('interp');
    expect(json.benchmark).toBe('interp');
    expect(JSON.stringify(json.results)).toMatch(/reference/);
  });

  it('compare: this build against a baseline build, paired sample by sample', () => {
    // the checkout itself as its own baseline: two copies of one build, ratios near 1
    const r = runCli(['bench', 'compare', '--quick', '--samples', '2', '--baseline', '.'], process.cwd(), undefined, 120_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/paired ratio median/);
    const rows = results('compare').results.rows as { isa: string; workload: string; ratio: number; median: number; baseline: number }[];
    expect(rows.map((x) => `${x.isa} ${x.workload}`)).toEqual(['r32', 's32', 'a32'].flatMap((i) => ['sum', 'fib', 'sieve', 'memwalk'].map((w) => `${i} ${w}`)));
    for (const x of rows) {
      expect(x.median).toBeGreaterThan(0);
      expect(x.baseline).toBeGreaterThan(0);
      // the same build on both sides: near 1, but this host swings 2× and more from one
      // sample to the next, and --quick takes two
      expect(x.ratio).toBeGreaterThan(0.05);
      expect(x.ratio).toBeLessThan(20);
    }
    for (const args of [['bench', 'compare'], ['bench', 'compare', '--baseline', '/no/such/dir']]) {
      const e = runCli(args);
      expect(e.code).not.toBe(0);
      expect(e.stderr).toMatch(/^wasmfish: (bench compare needs --baseline DIR|--baseline \/no\/such\/dir: not a built wasmfish)/m);
      expect(hasStackTrace(e.stderr)).toBe(false);
    }
  });

  it('an unknown benchmark or a bad flag is a one-line error', () => {
    const r = runCli(['bench', 'nosuch']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown benchmark 'nosuch' \(there are: interp, urpc, minnow, compare\)/);
    const s = runCli(['bench', 'minnow', '--samples', '0']);
    expect(s.code).not.toBe(0);
    expect(s.stderr).toMatch(/--samples/);
    for (const x of [r, s]) expect(hasStackTrace(x.stderr)).toBe(false);
  });
});
