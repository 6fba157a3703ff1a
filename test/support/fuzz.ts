// What the fuzz tests share: how many inputs to try (a modest number in `npm test`; `npm run
// fuzz` multiplies it), the seed, mutations of real source files, the one property every
// layer must keep with bad input — a UserError (a clean one-line or diagnostic message), or
// the OS's ProgramRefused for a program it cannot start, and nothing else — and a machine to
// run whatever comes out on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runLockstep } from '../../host/machine/lockstep.js';
import { Machine } from '../../host/machine/machine.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { DiagnosticError } from '../../toolchain/diagnostics.js';
import { UserError } from '../../toolchain/errors.js';
import { ProgramRefused } from '../../host/os/domains.js';
import { hasStackTrace } from './cli.js';
import { Rng } from './random-programs.js';

/** FUZZ_SCALE multiplies every count (`npm run fuzz` sets it); FUZZ_SEED changes the inputs. */
export const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 7);

/** How many inputs a target gets: `base` in `npm test`, scaled for long runs. */
export const runs = (base: number) => Math.max(1, Math.round(base * FUZZ_SCALE));

/** A seeded generator for input `i` of a target (the same seed, the same input). */
export const rngFor = (target: string, i: number) =>
  new Rng(FUZZ_SEED * 1_000_003 + [...target].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, i));

/** Prints a target's figures (the README's Reliability table is made of these lines). */
export function report(target: string, inputs: number, detail = ''): void {
  // eslint-disable-next-line no-console
  console.log(`fuzz ${target}: ${inputs} inputs${detail ? `, ${detail}` : ''}, 0 escapes (seed ${FUZZ_SEED}, scale ${FUZZ_SCALE})`);
}

/**
 * Runs `fn` on bad input: it may return or throw a UserError; anything else (a TypeError, a
 * RangeError, an "internal" Error, a Wasm trap) escaped and fails the test, naming the input.
 */
export function clean<T>(what: string, fn: () => T): T | UserError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UserError) {
      expectOneLine(what, e);
      return e;
    }
    throw new Error(`${what}: escaped with ${(e as Error)?.stack ?? String(e)}`);
  }
}

/**
 * What a UserError promises: one clear line per problem — a diagnostic of the assembler or
 * the compiler (the printer adds the source line and caret) or a line of its own (the linker
 * names every undefined symbol) — with no stack trace, no indented continuation and nothing
 * left unfilled.
 */
function expectOneLine(what: string, e: UserError): void {
  const lines = e instanceof DiagnosticError ? e.diagnostics.map((d) => d.message) : e.message.split('\n');
  expect(lines.length, `${what}: a DiagnosticError without diagnostics`).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line.trim(), `${what}: an empty message or line in ${JSON.stringify(e.message)}`).not.toBe('');
    expect(line, `${what}: a line that is not a message of its own`).toMatch(/^\S/);
    expect(line, `${what}: a diagnostic of more than one line`).not.toContain('\n');
    expect(hasStackTrace(line), `${what}: a stack trace in the message`).toBe(false);
    expect(line, `${what}: a value that was never filled in`).not.toMatch(/\[object |\bNaN\b|\$\{/);
  }
}

/** Every file under `dir` whose name ends with one of `exts`. */
export function sources(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

/** Strange things to splice into source text. */
const ODDITIES = [
  '', ' ', '\n', '\t', '\0', '\r\n', ';', ',', '(', ')', '[', ']', '{', '}', '"', "'", '\\', ':', '.', '-', '+', '*',
  '0x', '0xffffffff', '4294967296', '-2147483649', '99999999999999999999', '1e9', '0b102', '"unterminated',
  'é', '💥', '\u202e', '\uffff', 'a'.repeat(300), '.global', '.equ', '.word', '.space 1000000', '.align 3',
  'fn', 'var', 'return', 'while', '%hi(', '%lo(', '<<', '>>>', '==', '//', '/*', '#',
];

/** `text` changed a few times: spans deleted, duplicated or moved, tokens swapped, oddities put in. */
export function mutate(rng: Rng, text: string, tokens: readonly string[]): string {
  let s = text;
  const n = rng.int(1, 4);
  for (let k = 0; k < n; k++) {
    const at = rng.int(0, s.length);
    const len = rng.int(0, Math.min(40, s.length - at));
    switch (rng.int(0, 6)) {
      case 0: s = s.slice(0, at) + s.slice(at + len); break;                             // delete
      case 1: s = s.slice(0, at) + s.slice(at, at + len).repeat(2) + s.slice(at + len); break; // duplicate
      case 2: s = s.slice(0, at) + rng.pick(ODDITIES) + s.slice(at); break;              // insert an oddity
      case 3: s = s.slice(0, at) + rng.pick(tokens) + s.slice(at + len); break;          // replace by a token
      case 4: { // swap two lines
        const lines = s.split('\n');
        const a = rng.int(0, lines.length - 1), b = rng.int(0, lines.length - 1);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        s = lines.join('\n');
        break;
      }
      case 5: s = s.slice(0, at); break;                                                  // truncate
      default: s = s.slice(0, at) + String.fromCharCode(rng.int(0, 0x2fff)) + s.slice(at + 1); // a character
    }
  }
  return s;
}

/** The words and punctuation of a corpus, to swap into mutants. */
export function tokensOf(corpus: readonly string[]): string[] {
  return [...new Set(corpus.flatMap((t) => t.match(/[A-Za-z_.%][\w.]*|0x[0-9a-f]+|\d+|\S/gi) ?? []))];
}

/**
 * Runs an image that came out of a fuzzed toolchain on a fresh machine — one core per ISA,
 * every slice on its core — with a cycle budget, so it ends. Whatever the program does, only
 * its dispatchers may fault: no exception may come out of the machine. Returns how it went.
 */
export function runBriefly(image: WfxFile, what: string): 'ran' | 'refused' {
  const m = new Machine({
    topology: resolveTopology('default', 'r32,s32,a32'), memoryMiB: 4, budget: 200_000,
    console: { sink: () => {} }, diag: () => {},
  });
  const loaded = clean(`${what} (load)`, () => m.load(image, 'fuzzed'));
  if (loaded instanceof UserError) return 'refused';
  let started = 0;
  for (const c of m.cores) {
    if (!image.sections.some((s) => s.kind === 'text' && s.isa === c.isa)) continue;
    try {
      m.spawn(loaded, c.id);
      started++;
    } catch (e) {
      if (!(e instanceof ProgramRefused)) throw new Error(`${what} (start on core ${c.id}): escaped with ${(e as Error)?.stack ?? String(e)}`);
      expect(e.message.length, `${what} (start on core ${c.id}): an empty message`).toBeGreaterThan(0);
    }
  }
  try {
    runLockstep(m, { maxCycles: 3_000_000 });
  } catch (e) {
    throw new Error(`${what}: the machine threw ${(e as Error)?.stack ?? String(e)}`);
  }
  return started > 0 ? 'ran' : 'refused';
}
