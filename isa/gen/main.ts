// `npm run gen`: writes every file derived from the ISA tables — the AssemblyScript decoder
// constants the kernel is compiled from, and the ISA reference pages in docs/isa/.
// test/gen.test.ts fails if a checked-in generated file is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDocs } from './docs.js';
import { generateKernel } from './kernel.js';

/** Every generated file: path relative to the project root → contents. */
export function generateAll(): Map<string, string> {
  return new Map([...generateKernel(), ...generateDocs()]);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[/\\]/, ''));
if (isMain) {
  // run from its source (npm run gen): the project is two folders up
  const root = fileURLToPath(new URL('../../', import.meta.url));
  for (const [path, text] of generateAll()) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
