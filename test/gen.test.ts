// Every file generated from the ISA tables (npm run gen) is up to date on disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { projectRoot } from '../host/hardware/paths.js';
import { generateAll } from '../isa/gen/main.js';

test.each([...generateAll()].map(([path, text]) => [path, text] as const))('%s is up to date', (path, text) => {
  const file = join(projectRoot(), path);
  const onDisk = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  expect(onDisk === text, `${path} is stale or missing: run npm run gen`).toBe(true);
});
