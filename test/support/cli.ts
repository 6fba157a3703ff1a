// Runs the real `wasmfish` command (bin/wasmfish.js on the compiled dist/) in a child process,
// for tests of exit codes and of what a user sees. Build first: `npx tsc -p tsconfig.json`
// (`npm test` does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../host/hardware/paths.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const WASMFISH_BIN = join(projectRoot(), 'bin', 'wasmfish.js');

/**
 * Runs `wasmfish ...args` in `cwd` (with `input` on its standard input and `env` added to its
 * environment) and returns its exit code and output.
 */
export function runCli(args: readonly string[], cwd: string = process.cwd(), input?: string, timeout = 30_000, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [WASMFISH_BIN, ...args], { cwd, encoding: 'utf8', timeout, input: input ?? '', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory for a test's files. */
export function tempDir(prefix = 'wasmfish-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** True if the text looks like a JavaScript stack trace (which a user must never see). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]\d+/m.test(text) || /internal error/.test(text);
}
