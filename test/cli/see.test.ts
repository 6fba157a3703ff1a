// The commands for seeing what a machine does, as a user meets them: `run --trace`, `view`,
// `topo` and `debug` (a scripted session on standard input and with --script), with clear
// one-line errors for bad input — never a stack trace.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, tempDir } from '../support/cli.js';

const PP = ['examples/asm/pingpong-r32.s', 'examples/asm/pingpong-a32.s'];

function expectOneLineError(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(hasStackTrace(r.stderr)).toBe(false);
}

describe('wasmfish run --trace and wasmfish view', () => {
  const dir = tempDir();
  const trace = join(dir, 'pp.json');

  it('writes a trace while the program runs as usual', () => {
    const r = runCli(['run', ...PP, '--trace', trace]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['0', '1', '2']);
    const log = JSON.parse(readFileSync(trace, 'utf8'));
    expect(log.format).toBe('wasmfish-trace');
    expect(log.events.some((e: { ev: string }) => e.ev === 'send')).toBe(true);
  });

  it('draws it as a self-contained HTML page and as a Chrome trace', () => {
    const r = runCli(['view', trace, '-o', join(dir, 'pp.html'), '--chrome', join(dir, 'pp.chrome.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/pp\.html, .*pp\.chrome\.json: 219 events, 36 messages between cores/);
    const html = readFileSync(join(dir, 'pp.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(JSON.parse(readFileSync(join(dir, 'pp.chrome.json'), 'utf8')).traceEvents.length).toBeGreaterThan(100);
  });

  it('writes the page beside the trace by default', () => {
    expect(runCli(['view', trace]).code).toBe(0);
    expect(existsSync(join(dir, 'pp.html'))).toBe(true);
  });

  it('runs and draws in one step with wasmfish trace, exiting with the program\'s code', () => {
    const r = runCli(['trace', 'examples/pingpong.mn', '-o', join(dir, 'mn.html'), '--json', join(dir, 'mn.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cycles per round trip');
    expect(r.stderr).toMatch(/mn\.html, .*mn\.json: \d+ events, 36 messages between cores/);
    expect(readFileSync(join(dir, 'mn.html'), 'utf8')).toContain('class="sequence"');
    expect(JSON.parse(readFileSync(join(dir, 'mn.json'), 'utf8')).program).toBe('examples/pingpong.mn');
    expectOneLineError(runCli(['trace', 'examples/pingpong.mn', '-o', '/nonexistent/dir/x.html']), /^wasmfish: --output \/nonexistent\/dir\/x\.html: cannot write it \(ENOENT\)$/m);
  });

  it('traces parallel runs too', () => {
    const r = runCli(['run', ...PP, '--parallel', '--trace', join(dir, 'ppp.json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'ppp.json'), 'utf8')).clock).toBe('ns');
  });

  const bad: [string, string[], RegExp][] = [
    ['a trace that is missing', ['view', 'nope.json'], /^wasmfish: nope\.json: no such file$/m],
    ['a file that is not JSON', ['view', 'README.md'], /^wasmfish: README\.md: not a trace file \(not valid JSON/m],
    ['JSON that is not a trace', ['view', 'package.json'], /^wasmfish: package\.json: not a trace file \(no "format": "wasmfish-trace"/m],
    ['an output it cannot write', ['view', 'test/golden/trace/pingpong.json', '-o', '/nonexistent/dir/x.html'], /^wasmfish: --output \/nonexistent\/dir\/x\.html: cannot write it \(ENOENT\)$/m],
    ['a trace it cannot write', ['run', ...PP, '--trace', '/nonexistent/dir/t.json'], /^wasmfish: --trace \/nonexistent\/dir\/t\.json: cannot write it \(ENOENT\)$/m],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one clear line`, () => {
      const r = runCli(args);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
    });
  }
});

describe('wasmfish topo', () => {
  it('describes a preset: packages, cores, shared caches, hops, latencies', () => {
    const r = runCli(['topo', 'intel-2x4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('intel-2x4: 2×4-core Intel at 2.66 GHz');
    expect(r.stdout).toContain('package 0: cores 0-3 r32 2.66 GHz\n  sharing a cache: cores 0,1 · cores 2,3');
    expect(r.stdout).toMatch(/shared-cache\s+40\s+4 pairs of cores/);
    expect(r.stdout).toMatch(/one-hop\s+220\s+16 pairs of cores/);
    expect(r.stdout).toMatch(/^\s+c0\s+-\s+40\s+90\s+90\s+220/m);
  });

  it('shows a heterogeneous machine\'s ISAs, and --cores changes them', () => {
    expect(runCli(['topo']).stdout).toContain('package 0: cores 0-1 r32 2 GHz, core 2 s32 2 GHz, core 3 a32 2 GHz');
    expect(runCli(['topo', '--cores', 'a32*2,s32']).stdout).toContain('3 cores (2 a32, 1 s32)');
  });

  it('draws an SVG picture with a box per package and per core', () => {
    const dir = tempDir();
    const r = runCli(['topo', 'amd-4x4', '--svg', join(dir, 'm.svg')]);
    expect(r.code).toBe(0);
    const svg = readFileSync(join(dir, 'm.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/class="pkg"/g)).toHaveLength(4);
    expect(svg.match(/class="core"/g)).toHaveLength(16);
    // the square of HyperTransport links: four one-hop pairs
    expect(svg.match(/class="link"/g)).toHaveLength(4);
  });

  it('reads JSON machine files', () => {
    const dir = tempDir();
    const file = join(dir, 'm.json');
    writeFileSync(file, JSON.stringify({ name: 'big-little', cores: [{ isa: 'r32', mhz: 3000 }, { isa: 'a32', package: 1, mhz: 1000 }] }));
    const r = runCli(['topo', file]);
    expect(r.stdout).toContain('package 0: core 0 r32 3 GHz\npackage 1: core 1 a32 1 GHz');
  });

  it('rejects an unknown machine and a bad file with one clear line', () => {
    expectOneLineError(runCli(['topo', 'cray']), /^wasmfish: unknown machine 'cray' \(presets: default, intel-2x4/);
    const dir = tempDir();
    writeFileSync(join(dir, 'm.json'), '{"cores": 3}');
    expectOneLineError(runCli(['topo', join(dir, 'm.json')]), /m\.json: cores: expected a list of cores/);
    mkdirSync(join(dir, 'out'));
    expectOneLineError(runCli(['topo', '--svg', join(dir, 'out')]), /--svg .*out: cannot write it \(EISDIR\)/);
  });
});

describe('wasmfish debug', () => {
  const session = (script: string, extra: string[] = []) => runCli(['debug', ...PP, ...extra], undefined, script);

  it('steps the r32 core one instruction at a time, with registers and source lines', () => {
    const r = session('step\nstep 3\nregs\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('core 0 (r32) dispatcher 1024 (next to run): 0x00010000 <main> [examples/asm/pingpong-r32.s:16]   addi r14, r14, -8');
    expect(r.stdout).toContain('(wfdb) step\ncore 0 (r32) dispatcher 1024: 0x00010004 <main+0x4> [examples/asm/pingpong-r32.s:17]   bne r1, r0, have');
    expect(r.stdout).toContain('(wfdb) step 3\ncore 0 (r32) dispatcher 1024: 0x00010010 <have> [examples/asm/pingpong-r32.s:20]');
    // ncores() - 1: the last core, where pong will run
    expect(r.stdout).toMatch(/r1 \(a0\)\s+0x00000003\s+3/);
    expect(r.stdout).toMatch(/pc\s+0x00010010\s+cycles \d+, instructions 4/);
  });

  it('stops at a label in another ISA\'s slice, and at a source line', () => {
    const r = session('break pong\ncontinue\nregs\nbreak pingpong-r32.s:40\ncontinue\ninfo channels\ninfo dispatchers\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('breakpoint 1 at 0x0001009c <pong> [examples/asm/pingpong-r32.s:55], 0x00810082 <pong> [examples/asm/pingpong-a32.s:76]');
    expect(r.stdout).toContain('breakpoint 1 on core 3\ncore 3 (a32) dispatcher 1027: 0x00810082 <pong> [examples/asm/pingpong-a32.s:76]   li 0x1000000   [breakpoint 1]');
    expect(r.stdout).toMatch(/^A\s+0x00000000/m);
    expect(r.stdout).toContain('breakpoint 2 on core 0');
    // pong printed 0 before ping got its 1 back and reached line 50
    expect(r.stdout).toMatch(/^0\n1\nbreakpoint 2 on core 0/m);
    expect(r.stdout).toMatch(/core 0 handle \d+: channel 0x[0-9a-f]+ side B to core 3, dispatcher 1024; sent 1, received 1, 0 waiting/);
    expect(r.stdout).toMatch(/core 3 slot 0: dispatcher 1027 (runnable|blocked in recv)/);
  });

  it('runs to the end, and says when a core has nothing to run', () => {
    const r = session('core 3\nstep\ncontinue\nstep\n');
    expect(r.stdout).toContain('(wfdb) core 3\ncore 3 (a32): nothing to run');
    expect(r.stdout).toContain('the program has ended: dispatcher 1024 on core 0 exited (0), dispatcher 1027 on core 3 exited (0)');
    expect(r.stdout.match(/^19$/m)).not.toBeNull();
  });

  it('shows memory by label and disassembly around pc', () => {
    const r = session('x name 2\ndisas\n');
    expect(r.stdout).toContain('0x01000000:  0x676e6970 0x676e6f70');
    expect(r.stdout).toContain('pingpong');
    expect(r.stdout).toMatch(/^=> +0x00010000 <main> \[examples\/asm\/pingpong-r32\.s:16\] +addi r14, r14, -8$/m);
  });

  it('reads commands from --script', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cmds'), 'break ping\ncontinue\nwhere\nquit\nstep\n');
    const r = runCli(['debug', ...PP, '--script', join(dir, 'cmds')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(wfdb) where\ncore 0 (r32) dispatcher 1024: 0x0001003c <ping> [examples/asm/pingpong-r32.s:29]   sw r10, 0(r14)   [breakpoint 1]');
    expect(r.stdout).not.toContain('(wfdb) step');
  });

  it('answers bad commands with one line and goes on; a script with errors exits 1', () => {
    const r = session('frobnicate\nbreak nowhere\nbreak 0x5\nbreak pingpong-r32.s:999\nbreak other.s:3\ncore 9\nx\ndelete 4\ninfo stuff\nwhere\n');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: unknown command \'frobnicate\' (try help)',
      'error: nowhere: no such label in the program\'s code',
      'error: 0x5: not an address in the program\'s code',
      'error: pingpong-r32.s:999: no code at or after line 999 (the last line with code is 77)',
      'error: other.s: not a source file of this program (its files: examples/asm/pingpong-r32.s, examples/asm/pingpong-a32.s)',
      'error: no core 9 (this machine has cores 0..3)',
      'error: expected an address or a label',
      'error: no breakpoint 4',
      'error: info stuff: expected breakpoints, dispatchers, channels, cores or registers',
    ]);
    expect(r.stdout).toMatch(/\(wfdb\) where\ncore 0 \(r32\)/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('lists its commands', () => {
    const r = session('help\n');
    for (const c of ['step [n]', 'continue', 'break addr|label|file:line', 'regs', 'x addr|label [n]', 'disas', 'info what', 'quit']) expect(r.stdout).toContain(c);
  });

  it('rejects a missing script or program with one clear line', () => {
    expectOneLineError(runCli(['debug', ...PP, '--script', 'nope.txt']), /^wasmfish: --script nope\.txt: no such file$/m);
    expectOneLineError(runCli(['debug', 'nope.s']), /^wasmfish: nope\.s: no such file$/m);
  });

  it('debugs a Minnow program by its functions and source lines', () => {
    const r = runCli(['debug', 'examples/pingpong.mn'], undefined, 'break pong\ncontinue\nbreak pingpong.mn:13\ncontinue\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('breakpoint 1 at 0x00010000 <f_pong> [examples/pingpong.mn:9]');
    expect(r.stdout).toMatch(/breakpoint 1 on core 3\ncore 3 \(a32\) dispatcher 1027: 0x00810000 <f_pong> \[examples\/pingpong\.mn:9\]/);
    expect(r.stdout).toMatch(/breakpoint 2 on core 3\ncore 3 \(a32\) dispatcher 1027: 0x[0-9a-f]+ <f_pong[^>]*> \[examples\/pingpong\.mn:13\]/);
  });

  it('breaks at a compiler\'s source line (the line table of .loc)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'prog.s'), [
      '.isa r32', '.global main', 'main:',
      '.loc "prog.mn", 3', '  addi r1, r0, 5', '  addi r1, r1, 1',
      '.loc "prog.mn", 4', '  ret', '',
    ].join('\n'));
    const r = runCli(['debug', join(dir, 'prog.s')], undefined, 'break prog.mn:4\ncontinue\nregs\ncontinue\n');
    expect(r.stdout).toMatch(/breakpoint 1 at 0x00010008 <main\+0x8> \[prog\.mn:4\]/);
    expect(r.stdout).toMatch(/r1 \(a0\)\s+0x00000006\s+6/);
    expect(r.stdout).toContain('the program has ended: dispatcher 1024 on core 0 exited (6)');
  });
});
