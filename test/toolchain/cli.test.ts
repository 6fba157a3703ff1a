// The toolchain commands as a user runs them: `node bin/wasmfish.js as|link|objdump …` on the
// compiled dist/ (`npm test` builds it; by hand: `npx tsc -p tsconfig.json`). Checks exit
// codes, files, output, and that no stack trace ever reaches the user.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, tempDir, WASMFISH_BIN } from '../support/cli.js';

const dir = tempDir('wasmfish-cli-');
const wasmfish = (...args: string[]) => runCli(args, dir);

/** A failed run: non-zero exit, nothing on stdout, and stderr exactly `message`. */
function expectFailure(r: ReturnType<typeof runCli>, message: string): void {
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: message + '\n' });
}

beforeAll(() => {
  const built = join(WASMFISH_BIN, '../../dist/host/tools/cli/as.js');
  if (!existsSync(built)) throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` (npm test does it)');
  for (const isa of ['r32', 's32', 'a32']) copyFileSync(`examples/asm/hello-${isa}.s`, join(dir, `hello-${isa}.s`));
});

describe('wasmfish as', () => {
  it('writes the object next to the source by default, or to -o', () => {
    expect(wasmfish('as', 'hello-r32.s')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'hello-r32.o')).subarray(0, 4).toString()).toBe('WFX1');
    expect(wasmfish('as', 'hello-s32.s', '-o', 'hello-s32.o').code).toBe(0);
    expect(wasmfish('as', '--isa', 'a32', 'hello-a32.s').code).toBe(0);
  });

  it('prints every diagnostic with its source line and caret, and exits 1', () => {
    writeFileSync(join(dir, 'bad.s'), '.isa r32\nadd r1, r2\naddi r1, r1, 70000\n');
    expectFailure(wasmfish('as', 'bad.s'), [
      'bad.s:2:1: error: add expects 3 operands (rd, rs1, rs2), got 2',
      'add r1, r2',
      '^~~',
      'bad.s:3:14: error: immediate 70000 does not fit in 16 signed bits',
      'addi r1, r1, 70000',
      '             ^~~~~',
    ].join('\n'));
    expect(existsSync(join(dir, 'bad.o'))).toBe(false);
  });

  it('knows the system call numbers without an .equ, and rejects an .equ that disagrees', () => {
    writeFileSync(join(dir, 'calls.s'), '.isa r32\n_start: li a0, 7\n        sys SYS_PRINT_INT\n        li a0, 0\n        sys SYS_EXIT\n');
    expect(wasmfish('as', 'calls.s')).toEqual({ code: 0, stdout: '', stderr: '' });
    const listing = wasmfish('objdump', 'calls.o').stdout;
    expect(listing).toContain('  00000002  abs       local   none    SYS_PRINT_INT\n');
    expect(listing).toContain('sys 2\n');
    expect(wasmfish('run', 'calls.s')).toEqual({ code: 0, stdout: '7\n', stderr: '' });

    writeFileSync(join(dir, 'stale.s'), '.isa r32\n.equ SYS_EXIT, 0\n.equ SYS_SPAWN, 15\nsys SYS_SPAWN\nsys SYS_EXIT\n');
    expectFailure(wasmfish('as', 'stale.s'), [
      'stale.s:3:6: error: .equ SYS_SPAWN gives 15, but SYS_SPAWN is predefined as system call 16 (kernel/shared/syscalls.ts): remove this .equ',
      '.equ SYS_SPAWN, 15',
      '     ^~~~~~~~~',
    ].join('\n'));
    expect(existsSync(join(dir, 'stale.o'))).toBe(false);
  });

  it('needs an ISA, a known one, and an existing file', () => {
    writeFileSync(join(dir, 'noisa.s'), 'nop\n');
    expectFailure(wasmfish('as', 'noisa.s'), 'noisa.s: error: no ISA given: use --isa r32|s32|a32 or an .isa directive');
    expectFailure(wasmfish('as', 'noisa.s', '--isa', 'x86'), "wasmfish: unknown ISA 'x86' (use r32, s32, a32)");
    expectFailure(wasmfish('as', 'missing.s'), 'wasmfish: missing.s: no such file');
  });

  it('rejects unknown options and missing arguments with a hint, not a trace', () => {
    for (const r of [wasmfish('as', '--frobnicate', 'x.s'), wasmfish('as')]) {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^error: .*\n\(run with --help for usage\)\n$/);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });
});

describe('wasmfish link and objdump', () => {
  it('links one object into <name>.wfx and lists it', () => {
    expect(wasmfish('link', 'hello-r32.o')).toEqual({ code: 0, stdout: '', stderr: '' });
    const r = wasmfish('objdump', 'hello-r32.wfx');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('test/golden/asm/hello-r32.wfx.txt', 'utf8'));
  });

  it('links a fat image and shows each slice, or one with --isa', () => {
    expect(wasmfish('link', 'hello-r32.o', 'hello-s32.o', 'hello-a32.o', '-o', 'hello-fat.wfx').code).toBe(0);
    expect(wasmfish('objdump', 'hello-fat.wfx').stdout).toBe(readFileSync('test/golden/asm/hello-fat.wfx.txt', 'utf8'));
    const one = wasmfish('objdump', 'hello-fat.wfx', '--isa', 's32').stdout;
    expect(one).toContain('Disassembly of section 1 (s32 text):');
    expect(one).not.toContain('Disassembly of section 0 (r32 text):');
  });

  it('lists objects with their symbols and relocations', () => {
    const r = wasmfish('objdump', 'hello-r32.o');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('test/golden/asm/hello-r32.o.txt', 'utf8'));
  });

  it('lists a 32-bit constant outside every section as a plain number', () => {
    writeFileSync(join(dir, 'k.s'), '.isa s32\n.text\n.global main\nmain: push 0x12345678\n push msg\n ret 0\n.data\nmsg: .word 1\n');
    expect(wasmfish('as', 'k.s').code).toBe(0);
    expect(wasmfish('link', 'k.o').code).toBe(0);
    const r = wasmfish('objdump', 'k.wfx');
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/push 0x12345678\n/); // no symbol comment
    expect(r.stdout).toMatch(/push 0x[0-9a-f]+ +; <msg>\n/);
  });

  it('reports link errors in one line each', () => {
    writeFileSync(join(dir, 'u.s'), '.isa r32\nmain: call nowhere\n');
    expect(wasmfish('as', 'u.s').code).toBe(0);
    expectFailure(wasmfish('link', 'u.o', '--entry', 'main'), 'wasmfish: undefined symbol nowhere (referenced from u.o)');
    expectFailure(wasmfish('link', 'hello-r32.wfx'), "wasmfish: hello-r32.wfx: is a linked image, not an object (link takes files made by 'wasmfish as')");
  });

  it('rejects broken and foreign files with one line', () => {
    expectFailure(wasmfish('objdump', 'hello-r32.s'), 'wasmfish: hello-r32.s: not a wasmfish image (bad magic)');
    writeFileSync(join(dir, 'cut.wfx'), readFileSync(join(dir, 'hello-r32.wfx')).subarray(0, 40));
    expectFailure(wasmfish('objdump', 'cut.wfx'), 'wasmfish: cut.wfx: truncated: the header needs 48 bytes, the file has 40');
    expectFailure(wasmfish('objdump', 'hello-r32.wfx', '--isa', 's32'), 'wasmfish: hello-r32.wfx has no s32 text (it has r32)');
  });

  it('--help shows examples for each command', () => {
    for (const cmd of ['as', 'link', 'objdump']) {
      const r = wasmfish(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: wasmfish ${cmd}`);
      expect(r.stdout).toContain('Examples:');
    }
  });
});
