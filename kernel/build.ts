// `npm run build:kernel`: compiles the CPU driver once per ISA into dist/wasm/kernel-<isa>.wasm.
// The compiler flags are asconfig.json's, one target per ISA, so the standard command builds
// the same module: `npx asc kernel/main-r32.ts --config asconfig.json --target r32` (asc takes
// entry files only from the config's top level, so the per-ISA entry is named on the command
// line). Flags (DESIGN.md "Shared memory"): the memory is imported and shared, the stub
// runtime does no allocation, and each module's read-only static data sits in its own
// --memoryBase window (kernelWindow() in shared/layout.ts; test/kernel/asconfig.test.ts keeps
// the config in step with it) so instantiating one core never overwrites another's.
// This script adds what asc cannot check: the interpreter's switch became a jump table, and
// the static data stayed inside its window.
import asc from 'assemblyscript/asc';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISAS } from '../isa/index.js';
import { KWIN_SIZE, kernelWindow } from './shared/layout.js';

const CONFIG = 'asconfig.json';

async function buildKernel(isa: string, index: number, textFile: string): Promise<void> {
  const args = [join('kernel', `main-${isa}.ts`), '--config', CONFIG, '--target', isa];
  const { error, stderr } = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
  if (error) throw new Error(`kernel-${isa}: ${error.message}\n${stderr.toString()}`);
  // The interpreter's opcode switch must compile to a jump table, not a chain of compares
  // (binaryen only does this when the opcodes are dense enough): see isa/<isa>.ts.
  const wat = readFileSync(textFile, 'utf8');
  if (!wat.includes('br_table')) throw new Error(`kernel-${isa}: the interpreter switch did not become a br_table`);
  const window = kernelWindow(index);
  for (const m of wat.matchAll(/\(data \$\S+ \(i32\.const (\d+)\) "((?:[^"\\]|\\.)*)"\)/g)) {
    const start = Number(m[1]);
    const end = start + m[2].replace(/\\[0-9a-f]{2}/g, 'x').replace(/\\./g, 'x').length;
    if (start < window || end > window + KWIN_SIZE) {
      throw new Error(`kernel-${isa}: static data at ${start}..${end} lies outside its window ${window}..${window + KWIN_SIZE}`);
    }
  }
}

process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));
const targets: Record<string, { textFile?: string }> = JSON.parse(readFileSync(CONFIG, 'utf8')).targets ?? {};
await Promise.all(ISAS.map((isa) => {
  const textFile = targets[isa.name]?.textFile;
  if (!textFile) throw new Error(`${CONFIG}: no target "${isa.name}" with a textFile`);
  mkdirSync(dirname(textFile), { recursive: true });
  return buildKernel(isa.name, isa.index, textFile);
}));
