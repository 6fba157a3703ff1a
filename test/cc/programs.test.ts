// The Minnow test programs, test/programs/*.mn, written like chibicc's tests: full of
// `assert(expected, actual)`. Each, with common.mn appended (its assert, putn and done), is
// compiled for each ISA and run on a one-core machine of that ISA, then compiled into one
// fat image whose slices run on the cores of a heterogeneous machine; every run must print
// what the program's .expected file says. A program may say `// isas: r32 s32` (the ISAs it
// is for) and `// exit: 7` (its exit code) in its first lines.
//
// The fat image's slices run one at a time: the programs change their globals, and the
// dispatchers of one program share them (test/cc/multicore.test.ts runs on all cores at once).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES, type IsaName } from '../../isa/index.js';
import { runImage } from '../../host/machine/run.js';
import { compile } from '../../toolchain/cc/index.js';

const DIR = join(import.meta.dirname, '..', 'programs');
const COMMON = readFileSync(join(DIR, 'common.mn'), 'utf8');
const names = readdirSync(DIR).filter((f) => f.endsWith('.mn') && f !== 'common.mn').map((f) => f.slice(0, -3));
const quiet = { sink: () => {}, diag: () => {} };

interface TestProgram {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  /** the program and common.mn after it, so the program's line numbers stay as they are */
  readonly source: string;
  readonly isas: readonly IsaName[];
  readonly exitCode: number;
  readonly expected: string;
}

function load(name: string): TestProgram {
  const file = `test/programs/${name}.mn`;
  const text = readFileSync(join(DIR, `${name}.mn`), 'utf8');
  const isas = /^\/\/ isas: (.*)$/m.exec(text)?.[1].split(' ') as IsaName[] | undefined;
  return {
    name, file, text, source: `${text}\n${COMMON}`, isas: isas ?? ISA_NAMES,
    exitCode: Number(/^\/\/ exit: (\d+)$/m.exec(text)?.[1] ?? 0),
    expected: readFileSync(join(DIR, `${name}.expected`), 'utf8'),
  };
}

/** The line of each assert call in the program, in order (the n-th is assert number n). */
function assertLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (line.replace(/\/\/.*/, '').includes('assert(') ? [i + 1] : []));
}

/** Names the source line of each "assert N failed" in the output, for a readable failure. */
function explain(p: TestProgram, output: string): string {
  const lines = assertLines(p.text);
  return output.replace(/^assert (\d+) failed/gm, (all, n) => {
    const line = lines[Number(n) - 1];
    return line ? `${all} (${p.file}:${line}: ${p.text.split('\n')[line - 1].trim()})` : all;
  });
}

const programs = names.map(load);

describe.each(programs)('test/programs/$name.mn', (p) => {
  it.each(p.isas)('prints what its .expected file says, on %s', (isa) => {
    const r = runImage(compile(p.source, { file: p.file, isas: [isa] }), p.name, { cores: isa, ...quiet });
    expect(explain(p, r.output[0])).toBe(p.expected);
    expect(r.exitCode).toBe(p.exitCode);
  });

  it('prints the same from every slice of one fat image on a heterogeneous machine', () => {
    const image = compile(p.source, { file: p.file, isas: p.isas });
    p.isas.forEach((isa, core) => {
      const r = runImage(image, p.name, { cores: p.isas.join(','), on: [core], ...quiet });
      expect(r.topology.cores[core].isa).toBe(isa);
      expect(explain(p, r.output[core]), `the ${isa} slice`).toBe(p.expected);
      expect(r.exitCode).toBe(p.exitCode);
    });
  });
});

describe('the test programs themselves', () => {
  it('end with their summary line, having run each assert exactly once (so a failure can name its line), unless they exit first', () => {
    for (const p of programs) {
      const summary = /(?:^|\n)(\d+) checks, 0 failed\n$/.exec(p.expected);
      if (p.exitCode !== 0) {
        // `// exit: N`: it leaves before done() could print the summary
        expect(summary, `${p.name}.expected: a summary, though the program exits with ${p.exitCode} first`).toBeNull();
        continue;
      }
      expect(summary, `${p.name}.expected does not end with "N checks, 0 failed"`).not.toBeNull();
      expect(Number(summary![1]), p.name).toBe(assertLines(p.text).length);
    }
  });

  it('cover every operator and builtin the language has', () => {
    const all = programs.map((p) => p.text).join('\n');
    for (const op of ['||', '&&', '|', '^', '&', '==', '!=', '<', '<=', '>', '>=', '<<', '>>', '+', '-', '*', '/', '%', '!', '~']) {
      expect(all, op).toContain(` ${op}`);
    }
    for (const b of ['print', 'putc', 'puts', 'exit', 'yield', 'core_id', 'ncores', 'cycles', 'load', 'store', 'atomic_add', 'cas']) {
      expect(all, b).toContain(`${b}(`);
    }
  });
});
