// `wasmfish run` and `wasmfish demo` as a user meets them: real processes, exit codes, what
// reaches stdout and stderr, and clear one-line errors for bad input — never a stack trace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, tempDir } from '../support/cli.js';

const P = 'test/programs';

describe('wasmfish run', () => {
  it('runs a program and exits with its exit code; --stats goes to stderr', () => {
    const r = runCli(['run', `${P}/s32/fib.s`, '--cores', 's32', '--stats']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('6765\n');
    expect(r.stderr).toMatch(/^core\s+isa\s+instructions\s+cycles/m);
    expect(r.stderr).toMatch(/^0\s+s32\s+\d+\s+\d+/m);
  });

  it('passes --arg to the entry function', () => {
    expect(runCli(['run', `${P}/a32/sum.s`, '--cores', 'a32', '--arg', '10']).stdout).toBe('55\n');
  });

  it('runs on the core asked for, with --prefix labels', () => {
    const r = runCli(['run', `${P}/a32/fib.s`, '--core', '3', '--prefix']);
    expect(r.stdout).toBe('[core 3 a32] 6765\n');
  });

  it('reports a fault and exits 139', () => {
    const r = runCli(['run', `${P}/faults/divzero-r32.s`]);
    expect(r.code).toBe(139);
    expect(r.stderr).toContain('fault: core 0 (r32)');
    expect(r.stderr).toContain('divide by zero');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('stops at --max-cycles with exit 124', () => {
    const r = runCli(['run', `${P}/r32/sieve.s`, '--arg', '100', '--max-cycles', '100000']);
    expect(r.code).toBe(124);
    expect(r.stderr).toContain('cycle limit (100000)');
  });

  it('exits with the program exit code', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'seven.s'), '.isa a32\n.global main\nmain: lis 7\n ret\n');
    expect(runCli(['run', join(dir, 'seven.s'), '--cores', 'a32']).code).toBe(7);
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing slice', [`${P}/s32/fib.s`], /has no r32 code \(its slices: s32\), so it cannot run on core 0 \(r32\)/],
    ['a core that does not exist', [`${P}/r32/fib.s`, '--core', '9'], /--core 9: machine default has cores 0\.\.3/],
    ['a non-number', [`${P}/r32/fib.s`, '--max-cycles', 'lots'], /--max-cycles: 'lots' is not a whole number/],
    ['an unknown machine', [`${P}/r32/fib.s`, '--machine', 'cray'], /unknown machine 'cray' \(presets: default, intel-2x4/],
    ['an unknown ISA', [`${P}/r32/fib.s`, '--cores', 'x86'], /--cores: unknown ISA 'x86'/],
    ['a missing file', ['nope.s'], /nope\.s: no such file/],
    ['a file of unknown kind', ['README.md'], /README\.md: don't know how to run a '\.md' file/],
    ['an unknown option', [`${P}/r32/fib.s`, '--fast'], /unknown option '--fast'/],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one clear line`, () => {
      const r = runCli(['run', ...args]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stdout).toBe('');
    });
  }

  it('validates machine files with errors naming the file and field', () => {
    const dir = tempDir();
    const file = join(dir, 'm.json');
    writeFileSync(file, JSON.stringify({ cores: [{ isa: 'r32' }, { isa: 'z80' }] }));
    const r = runCli(['run', `${P}/r32/fib.s`, '--machine', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: cores[1].isa: expected r32, s32 or a32, got "z80"`);
    writeFileSync(file, JSON.stringify({ name: 'big-little', cores: 'r32*2,a32*2', packageLinks: [] }));
    const ok = runCli(['run', `${P}/a32/fib.s`, '--machine', file, '--core', '3', '--prefix']);
    expect(ok.stdout).toBe('[core 3 a32] 6765\n');
  });
});

describe('wasmfish demo', () => {
  it('boots the default machine and runs on all four cores', () => {
    const r = runCli(['demo']);
    expect(r.code).toBe(0);
    for (const label of ['[core 0 r32]', '[core 1 r32]', '[core 2 s32]', '[core 3 a32]']) {
      expect(r.stdout).toContain(`${label} Hello, multikernel!`);
    }
    // the Minnow step: 4000 values i % 100 summed by four cores of three ISAs
    const minnow = r.stdout.slice(r.stdout.indexOf('sum-messages.mn'));
    expect(minnow).toContain('[core 0 r32] sum: 198000');
    expect(minnow).toMatch(/^3\s+a32\s+[1-9]\d*\s/m); // the a32 core did part of it
  });
});
