// `wasmfish cc` and `wasmfish run prog.mn` as a user runs them, on the compiled dist/ (`npm
// test` builds it; by hand: `npx tsc -p tsconfig.json`): files written, exit codes, errors as
// diagnostics and never a stack trace.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, tempDir, WASMFISH_BIN } from '../support/cli.js';

const dir = tempDir('wasmfish-cc-');
const wasmfish = (...args: string[]) => runCli(args, dir);

beforeAll(() => {
  if (!existsSync(join(WASMFISH_BIN, '../../dist/host/tools/cli/cc.js'))) {
    throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` (npm test does it)');
  }
  copyFileSync('examples/hello.mn', join(dir, 'hello.mn'));
});

describe('wasmfish cc', () => {
  it('writes a fat image beside the source, which runs on every core', () => {
    expect(wasmfish('cc', 'hello.mn')).toEqual({ code: 0, stdout: '', stderr: '' });
    const r = wasmfish('run', 'hello.wfx', '--core', 'all', '--prefix');
    expect(r.stdout).toBe('[core 0 r32] Hello from core 0\n[core 1 r32] Hello from core 1\n[core 2 s32] Hello from core 2\n[core 3 a32] Hello from core 3\n');
    expect(r.code).toBe(0);
  });

  it('compiles for the ISAs --isa names, to the file -o names', () => {
    expect(wasmfish('cc', 'hello.mn', '--isa', 's32', '-o', 'h-s32.wfx').code).toBe(0);
    expect(wasmfish('objdump', 'h-s32.wfx').stdout).toContain('s32');
    expect(wasmfish('run', 'h-s32.wfx', '--cores', 's32').stdout).toBe('Hello from core 0\n');
    expect(wasmfish('cc', 'hello.mn', '--isa', 'r32,a32', '-o', 'h2.wfx').code).toBe(0);
    expect(wasmfish('run', 'h2.wfx', '--cores', 'a32').stdout).toBe('Hello from core 0\n');
  });

  it('-S writes one assembly listing per ISA, or one to -o (- is stdout)', () => {
    expect(wasmfish('cc', 'hello.mn', '-S').code).toBe(0);
    for (const isa of ['r32', 's32', 'a32']) expect(readFileSync(join(dir, `hello.${isa}.s`), 'utf8')).toContain(`.isa    ${isa}`);
    const r = wasmfish('cc', 'hello.mn', '-S', '--isa', 'a32', '-o', '-');
    expect(r.stdout).toBe(readFileSync(join(dir, 'hello.a32.s'), 'utf8'));
    // the listing is ordinary assembly: assemble, link and run it
    expect(wasmfish('as', 'hello.r32.s').code).toBe(0);
    expect(wasmfish('link', 'hello.r32.o', '-o', 'by-hand.wfx').code).toBe(0);
    expect(wasmfish('run', 'by-hand.wfx').stdout).toBe('Hello from core 0\n');
  });

  it('prints every error as a diagnostic, writes nothing and exits 1', () => {
    writeFileSync(join(dir, 'bad.mn'), 'fn main() {\n  var x = y;\n  return x +;\n}\n');
    const r = wasmfish('cc', 'bad.mn');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: "bad.mn:2:11: error: 'y' is not defined\n  var x = y;\n          ^\nbad.mn:3:13: error: expected an expression, found ';'\n  return x +;\n            ^\n",
    });
    expect(existsSync(join(dir, 'bad.wfx'))).toBe(false);
  });

  it('says what is wrong with its flags and files, without a stack trace', () => {
    const cases: [string[], string][] = [
      [['cc', 'missing.mn'], 'wasmfish: missing.mn: no such file\n'],
      [['cc', 'hello.mn', '--isa', 'x86'], "wasmfish: unknown ISA 'x86' (use r32, s32, a32)\n"],
      [['cc', 'hello.mn', '-S', '-o', 'one.s'], 'wasmfish: -S with 3 ISAs writes one listing each (hello.r32.s, hello.s32.s, hello.a32.s); -o names one file: pick one ISA with --isa\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = wasmfish(...args);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr });
    }
  });

  it('--help explains the command with examples', () => {
    const r = wasmfish('cc', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: wasmfish cc [options] <file>');
    expect(r.stdout).toContain('$ wasmfish cc prog.mn -S');
  });
});

describe('wasmfish run prog.mn', () => {
  it('compiles on the fly and exits with main\'s result', () => {
    writeFileSync(join(dir, 'seven.mn'), 'fn main() {\n  print(6 * 7);\n  return 7;\n}\n');
    expect(wasmfish('run', 'seven.mn')).toEqual({ code: 7, stdout: '42\n', stderr: '' });
  });

  it('reports compile errors like cc', () => {
    writeFileSync(join(dir, 'broken.mn'), 'fn main() {\n  return nope;\n}\n');
    const r = wasmfish('run', 'broken.mn');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: "broken.mn:2:10: error: 'nope' is not defined\n  return nope;\n         ^~~~\n" });
  });

  it('names the Minnow line in a fault report', () => {
    writeFileSync(join(dir, 'div.mn'), 'fn main() {\n  var z = 0;\n  return 1 / z;\n}\n');
    const r = wasmfish('run', 'div.mn', '--cores', 'a32');
    expect(r.code).toBe(139);
    expect(r.stderr).toContain('divide by zero');
    expect(r.stderr).toContain('[div.mn:3]');
  });
});
