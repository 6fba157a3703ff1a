// The files of kernel/shared/ say they are portable: the host imports them as TypeScript, and
// the kernel as AssemblyScript. tsc checks the first; this test the second, for every file,
// including those no kernel imports (memplan.ts, which only the host uses).
import asc from 'assemblyscript/asc';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '..', '..', 'kernel', 'shared');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));

it('every file of kernel/shared/ compiles as AssemblyScript', async () => {
  expect(files).toContain('layout.ts');
  // AS235: an exported class is not a Wasm export, which is all right here
  const { error, stderr } = await asc.main(
    [...files.map((f) => join(DIR, f)), '--noEmit', '--runtime', 'stub', '--disableWarning', '235'],
    { stdout: { write: () => true } },
  );
  expect(error?.message ?? '', stderr.toString()).toBe('');
});
