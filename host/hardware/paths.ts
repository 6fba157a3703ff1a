// Where wasmfish's own files are, whether it runs from TypeScript sources (tests) or from
// the compiled dist/ (the CLI).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The directory holding wasmfish's package.json. */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the wasmfish package root');
    dir = up;
  }
  return (root = dir);
}

/** The compiled kernel for an ISA (built by `npm run build`). */
export function kernelWasmPath(isa: string): string {
  return join(projectRoot(), 'dist', 'wasm', `kernel-${isa}.wasm`);
}
