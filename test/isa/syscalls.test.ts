// docs/syscalls.md lists every system call of kernel/shared/syscalls.ts with its number and
// arity, and nothing else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { projectRoot } from '../../host/hardware/paths.js';
import * as sys from '../../kernel/shared/syscalls.js';

test('docs/syscalls.md lists every system call with its arity', () => {
  const doc = readFileSync(join(projectRoot(), 'docs/syscalls.md'), 'utf8');
  // table rows: | n | `name` | arity | …
  const listed = [...doc.matchAll(/^\| (\d+) \| `(\w+)` \| (\d+) \|/gm)]
    .map(([, n, name, arity]) => [Number(n), name, Number(arity)]);
  const defined = Object.entries(sys)
    .filter(([name, v]) => name.startsWith('SYS_') && name !== 'SYS_COUNT' && typeof v === 'number')
    .map(([name, n]) => [n as number, name.slice(4).toLowerCase(), sys.sysArity(n as number)])
    .sort((a, b) => (a[0] as number) - (b[0] as number));
  expect(listed).toEqual(defined);
});
