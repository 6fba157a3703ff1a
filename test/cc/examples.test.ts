// The Minnow examples (examples/*.mn) run and print what they should: the single-core ones on
// every ISA, the multicore ones across the heterogeneous default machine (r32, r32, s32, a32)
// and on machines of one ISA, in the same-core and cross-core pairs Barrelfish tests with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { type RunOptions, runImage } from '../../host/machine/run.js';
import { buildImage } from '../../toolchain/build.js';
import { compile } from '../../toolchain/cc/index.js';

const DIR = join(import.meta.dirname, '..', '..', 'examples');
const file = (name: string) => join(DIR, `${name}.mn`);

function run(name: string, opts: RunOptions = {}) {
  let diag = '';
  const r = runImage(buildImage([file(name)]), name, { sink: () => {}, diag: (t) => { diag += t; }, ...opts });
  expect(diag).toBe('');
  expect(r.exitCode).toBe(0);
  return r;
}

describe('examples on one core of each ISA', () => {
  const expected: Record<string, string> = {
    sieve: 'primes below 10000: 1229\nthe largest: 9973\n',
    matmul: 'trace: 7\nchecksum: -1654583817\n',
  };
  describe.each(Object.keys(expected))('%s.mn', (name) => {
    it.each(ISA_NAMES)('on %s', (isa) => {
      const image = compile(readFileSync(file(name), 'utf8'), { file: name, isas: [isa] });
      const r = runImage(image, name, { cores: isa, sink: () => {}, diag: () => {} });
      expect(r.output[0]).toBe(expected[name]);
    });
  });
});

describe('multicore examples on the default machine (r32, r32, s32, a32)', () => {
  it('hello.mn greets from every core', () => {
    const r = run('hello', { on: 'all' });
    expect(r.output).toEqual([0, 1, 2, 3].map((c) => `Hello from core ${c}\n`));
  });

  it('sum-messages.mn: every core, a32 too, sends its part to main', () => {
    const r = run('sum-messages');
    expect(r.output[0]).toBe('sum: 198000\n');
    expect(r.stats.every((s) => s.instructions > 0)).toBe(true);
  });

  it('sum-shared.mn: the a32 core cannot run it, so main does its share', () => {
    const r = run('sum-shared');
    expect(r.output[0]).toBe("no code for the ISA of core 3\nso main adds that core's share itself\nsum: 198000\n");
    expect(r.stats[3].instructions).toBe(0);
  });

  it('pingpong.mn bounces the counter to the a32 core and back', () => {
    const r = run('pingpong');
    expect(r.output[0]).toMatch(/^20\ncycles per round trip: \d+\n$/);
    expect(r.stats[3].instructions).toBeGreaterThan(0);
  });

  it('ring.mn passes the token round all four cores', () => {
    expect(run('ring').output[0]).toBe('nodes: 4\ntoken: 18\n');
  });

  it('waitset.mn takes every message from three producers', () => {
    expect(run('waitset').output[0]).toBe('messages: 15\nsum: 3045\n');
  });
});

describe('multicore examples on machines of one ISA', () => {
  it.each(ISA_NAMES)('sum-messages, ring and waitset on four %s cores', (isa) => {
    const image = (name: string) => compile(readFileSync(file(name), 'utf8'), { file: name, isas: [isa] });
    const on = (name: string) => runImage(image(name), name, { cores: `${isa}*4`, sink: () => {}, diag: () => {} }).output[0];
    expect(on('sum-messages')).toBe('sum: 198000\n');
    expect(on('ring')).toBe('nodes: 4\ntoken: 18\n');
    expect(on('waitset')).toBe('messages: 15\nsum: 3045\n');
  });

  it('pingpong between two dispatchers on the same core, and across cores', () => {
    expect(run('pingpong', { cores: 'r32', arg: 0 }).output[0]).toMatch(/^20\n/);
    expect(run('pingpong', { cores: 's32,a32', arg: 1 }).output[0]).toMatch(/^20\n/);
  });
});

it('every example compiles for every ISA (but sum-shared, which needs atomics, for a32)', () => {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.mn')).map((f) => f.slice(0, -3))) {
    const source = readFileSync(file(name), 'utf8');
    for (const isa of ISA_NAMES) {
      if (name === 'sum-shared' && isa === 'a32') expect(() => compile(source, { file: name, isas: [isa] })).toThrow(/a32 has no atomic/);
      else expect(() => compile(source, { file: name, isas: [isa] }), `${name} for ${isa}`).not.toThrow();
    }
  }
});
