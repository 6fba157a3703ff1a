// Programs in test/programs/<isa>/ run on the emulated machine and print what their
// .expected file says — on a core of their ISA, and as one fat image on every core of a
// heterogeneous machine. Two runs of the same machine are identical to the cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { runImage } from '../../host/machine/run.js';
import { buildImage } from '../../toolchain/build.js';

const DIR = join(import.meta.dirname, '..', 'programs');
const names = readdirSync(join(DIR, 'r32')).filter((f) => f.endsWith('.s')).map((f) => f.slice(0, -2));
const quiet = { sink: () => {}, diag: () => {} };

describe('test programs on each ISA', () => {
  for (const isa of ISA_NAMES) {
    for (const name of names) {
      it(`${isa}/${name}`, () => {
        const file = join(DIR, isa, `${name}.s`);
        const r = runImage(buildImage([file]), name, { cores: isa, ...quiet });
        expect(r.output[0]).toBe(readFileSync(join(DIR, isa, `${name}.expected`), 'utf8'));
        expect(r.exitCode).toBe(0);
        expect(r.stats[0].faults).toBe(0);
      });
    }
  }
});

describe('one program for every ISA, one fat image', () => {
  for (const name of names) {
    it(`${name} prints the same on every core of a heterogeneous machine`, () => {
      const image = buildImage(ISA_NAMES.map((isa) => join(DIR, isa, `${name}.s`)));
      expect(image.sections.filter((s) => s.kind === 'text').map((s) => s.isa)).toEqual(['r32', 's32', 'a32']);
      const r = runImage(image, name, { cores: 'a32,r32,s32,a32,s32,r32', on: 'all', ...quiet });
      const expected = readFileSync(join(DIR, 'r32', `${name}.expected`), 'utf8');
      expect(r.output).toEqual(r.output.map(() => expected));
      expect(r.main.every((d) => d.state === 'exited' && d.exitCode === 0)).toBe(true);
    });
  }
});

describe('determinism', () => {
  it('two runs give byte-identical output and cycle counts', () => {
    const run = () => {
      let out = '';
      const image = buildImage(ISA_NAMES.map((isa) => join(DIR, isa, 'sieve.s')));
      const r = runImage(image, 'sieve', { machine: 'amd-2x2', cores: 'r32,s32,a32,r32', on: 'all', prefix: true, quantum: 777, timeslice: 1000, sink: (t) => { out += t; }, diag: () => {} });
      return JSON.stringify({ out, stats: r.stats });
    };
    const first = run();
    expect(first).toContain('[core 2 a32] 1229');
    expect(run()).toBe(first);
  });

  it('several dispatchers share a core round-robin and all finish', () => {
    // three instances of fib on one r32 core: time slices interleave them
    const image = buildImage([join(DIR, 'r32', 'fib.s')]);
    const r = runImage(image, 'fib', { cores: 'r32', on: [0, 0, 0], timeslice: 500, ...quiet });
    expect(r.output[0]).toBe('6765\n6765\n6765\n');
    expect(r.stats[0].switches).toBeGreaterThan(10);
  });
});
