#!/usr/bin/env node
// The wasmfish command: runs the compiled CLI from dist/ (built by `npm run build`,
// which `npm ci` runs through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/host/tools/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('wasmfish: not built yet: run `npm run build` in the wasmfish directory\n');
  process.exit(1);
}
// `wasmfish run … | head`: a closed pipe ends the run quietly, as in any Unix tool
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
