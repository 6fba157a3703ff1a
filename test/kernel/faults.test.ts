// Every kind of fault kills only the faulting dispatcher, with a report naming the core, ISA,
// pc, instruction and reason (the `; expect:` lines of each test/programs/faults/*.s), while
// the programs on the other cores run to their correct end.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES, type IsaName } from '../../isa/index.js';
import { runLockstep } from '../../host/machine/lockstep.js';
import { Machine } from '../../host/machine/machine.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import { buildImage } from '../../toolchain/build.js';
import { faultText, FAULT_COUNT } from '../../kernel/shared/faults.js';

const DIR = join(import.meta.dirname, '..', 'programs');
const files = readdirSync(join(DIR, 'faults')).filter((f) => f.endsWith('.s'));

describe('faults', () => {
  for (const file of files) {
    it(`${file} faults alone while three other cores keep running`, () => {
      const path = join(DIR, 'faults', file);
      const isa = /-(r32|s32|a32)\.s$/.exec(file)![1] as IsaName;
      const expects = [...readFileSync(path, 'utf8').matchAll(/^; expect: (.*)$/gm)].map((m) => m[1]);
      let diag = '';
      const m = new Machine({
        topology: resolveTopology('default', `r32,s32,a32,${isa}`),
        console: { sink: () => {} },
        diag: (t) => { diag += t; },
      });
      const sieve = buildImage(ISA_NAMES.map((i) => join(DIR, i, 'sieve.s')));
      const others = [0, 1, 2].map((core) => m.spawn(m.load(sieve, 'sieve'), core));
      const bad = m.spawn(m.load(buildImage([path]), file), 3);
      expect(runLockstep(m, { maxCycles: 50_000_000 })).toBe('done');
      expect(bad.state).toBe('faulted');
      expect(diag).toContain(`fault: core 3 (${isa}): dispatcher ${bad.id} of ${file} killed:`);
      for (const e of expects) expect(diag).toContain(e);
      expect(diag.split('\n').filter((l) => l.startsWith('fault:'))).toHaveLength(1);
      for (const d of others) expect(d.state === 'exited' && d.exitCode === 0).toBe(true);
      expect(m.console.perCore.slice(0, 3)).toEqual(['1229\n', '1229\n', '1229\n']);
      expect(m.stats(3).faults).toBe(1);
    });
  }

  it('covers every fault the hardware and the kernel raise by themselves', () => {
    const reasons = files.flatMap((f) => [...readFileSync(join(DIR, 'faults', f), 'utf8').matchAll(/^; expect: (.*)$/gm)].map((m) => m[1]));
    // budget and killed are raised from outside (resource limits, dying cores): tested with those
    for (let code = 1; code < FAULT_COUNT; code++) {
      if (faultText(code) === 'cycle budget exhausted' || faultText(code) === 'killed') continue;
      expect(reasons.some((r) => r.startsWith(faultText(code))), faultText(code)).toBe(true);
    }
  });
});
