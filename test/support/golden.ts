// Golden files: a test's output compared with a checked-in file. After a deliberate change,
// regenerate with UPDATE_GOLDEN=1 (e.g. `UPDATE_GOLDEN=1 npx vitest run test/trace`) and
// review the diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with the file at `path` (or writes it with UPDATE_GOLDEN=1, or if missing). */
export function golden(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (!UPDATE) throw new Error(`${path} did not exist; it has been written: review and commit it`);
    return;
  }
  expect(actual, `${path} differs (UPDATE_GOLDEN=1 regenerates it)`).toBe(readFileSync(path, 'utf8'));
}
