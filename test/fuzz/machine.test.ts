// Fuzzing the machine from inside: programs on every ISA that make random system calls with
// random arguments (test/support/random-syscalls.ts), and random instruction streams — rows
// of each ISA's table with random operands, and raw random bytes — run beside victims (the
// arena of test/hostile). Whatever they do, only their own dispatchers may fault or end: no
// exception and no Wasm trap comes out of the emulator, the victims keep running, print
// nothing they should not, and their pages and page tables do not change.
import { describe, expect, it } from 'vitest';
import { ISA_NAMES, type IsaName, isaByName } from '../../isa/index.js';
import { DATA_BASE, textBase } from '../../kernel/shared/addrspace.js';
import { assemble } from '../../toolchain/as/index.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { link } from '../../toolchain/link/link.js';
import { Arena } from '../support/arena.js';
import { report, rngFor, runs } from '../support/fuzz.js';
import { DATA_SIZE, type Rng, randomProgram } from '../support/random-programs.js';
import { randomSyscallSources } from '../support/random-syscalls.js';

const BATCH = 20;
const START = 300_000;
/** each core's clock when a batch is judged: programs that still run (loops) or wait then are left so */
const END = 2_500_000;

/**
 * Releases `images` (made by `make` for input numbers) on `core` of a fresh arena in batches
 * and checks the victims after each; returns how many ended in a fault, exited, or were
 * still running or blocked when judged.
 */
function fuzzInArena(target: string, core: number, inputs: number, make: (rng: Rng) => WfxFile) {
  const ends = { faulted: 0, exited: 0, running: 0 };
  for (let first = 0; first < inputs; first += BATCH) {
    const arena = new Arena({ rounds: 1_000_000, messages: 100_000_000 });
    arena.runUntil(() => false, START);
    const before = arena.fingerprint();
    const victims = new Set(arena.victims.map((v) => v.domain));
    const count = Math.min(BATCH, inputs - first);
    for (let i = first; i < first + count; i++) arena.release(make(rngFor(target, i)), core, rngFor(target, i).u32());
    const theirs = () => [...arena.m.dispatchers.values()].filter((d) => !victims.has(d.domain));
    const label = `${target}: inputs ${first}..${first + count - 1} (FUZZ_SEED=${process.env.FUZZ_SEED ?? 7})`;
    try {
      arena.runUntil(() => theirs().every((d) => d.state !== 'live'), END);
    } catch (e) {
      throw new Error(`${label}: the emulator threw ${(e as Error)?.stack ?? String(e)}`);
    }
    // the victims: running, silent, untouched; every fault and report is a fuzzed program's
    expect(arena.victims.map((v) => v.state), label).toEqual(arena.victims.map(() => 'live'));
    expect(arena.victims.map((v) => arena.printed.get(v.id) ?? ''), label).toEqual(arena.victims.map(() => ''));
    expect(arena.fingerprint(), label).toBe(before);
    const faulted = theirs().filter((d) => d.state === 'faulted');
    expect(arena.m.cores.reduce((n, c) => n + arena.m.stats(c.id).faults, 0), label).toBe(faulted.length);
    expect(arena.diag.split('\n').filter((l) => l && !/^fault: core \d \(\w+\): dispatcher \d+ of hostile-\d+ killed: |^  pc /.test(l)), label).toEqual([]);
    for (const d of theirs()) ends[d.state === 'live' ? 'running' : d.state]++;
  }
  return ends;
}

const cores = ISA_NAMES.map((isa, core) => [isa, core] as [IsaName, number]);

describe('fuzzing system calls', () => {
  it.each(cores)('random calls with random arguments from %s programs harm nobody else', (isa, core) => {
    const n = runs(100);
    const ends = fuzzInArena(`syscalls-${isa}`, core, n, (rng) => {
      const objects = randomSyscallSources(rng).map(({ isa: i, text }) => ({ file: `fuzz-${i}.s`, obj: assemble(text, { file: `fuzz-${i}.s` }) }));
      return link(objects);
    });
    report(`system calls (${isa} programs of 1-16 random calls, fat images)`, n, `dispatchers: ${ends.faulted} faulted, ${ends.exited} exited, ${ends.running} still blocked or running`);
  });
});

describe('fuzzing instruction streams', () => {
  it.each(cores)('random %s instructions and bytes harm nobody else', (isa, core) => {
    const spec = isaByName(isa)!;
    const n = runs(100);
    const ends = fuzzInArena(`instructions-${isa}`, core, n, (rng) => {
      const p = randomProgram(spec, rng);
      // one in four: raw bytes instead of instructions
      const text = rng.chance(0.25) ? Uint8Array.from(p.text, () => rng.int(0, 255)) : p.text;
      return {
        kind: 'image', symbols: [], relocs: [], lines: [],
        sections: [
          { kind: 'text', isa, addr: textBase(spec.index), size: text.length, bytes: text, align: 4, entry: textBase(spec.index) },
          { kind: 'data', addr: DATA_BASE, size: DATA_SIZE, bytes: p.data, align: 4 },
        ],
      };
    });
    report(`instruction streams (${isa}: table rows with random operands, 1 in 4 raw bytes)`, n, `dispatchers: ${ends.faulted} faulted, ${ends.exited} exited, ${ends.running} still blocked or running`);
  });
});
