// `npm run build:kernel`: compiles the CPU driver once per ISA into dist/wasm/kernel-<isa>.wasm.
// Flags (DESIGN.md "Shared memory"): the memory is imported and shared, the stub runtime does
// no allocation, and each module's read-only static data sits in its own --memoryBase window
// (kernelWindow() in shared/layout.ts) so instantiating one core never overwrites another's.
import asc from 'assemblyscript/asc';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISAS } from '../isa/index.js';
import { projectRoot } from '../host/hardware/paths.js';
import { KWIN_SIZE, MAX_MEMORY_PAGES, WASM_PAGE, kernelWindow } from './shared/layout.js';

async function buildKernel(isa: string, index: number, outDir: string): Promise<void> {
  const out = join(outDir, `kernel-${isa}.wasm`);
  const args = [
    join('kernel', `main-${isa}.ts`),
    '--outFile', out,
    '--textFile', join(outDir, `kernel-${isa}.wat`),
    '--runtime', 'stub',
    '--optimizeLevel', '3', '--shrinkLevel', '0', '--noAssert',
    '--importMemory', '--sharedMemory',
    '--initialMemory', String(Math.ceil((kernelWindow(index) + KWIN_SIZE) / WASM_PAGE)),
    '--maximumMemory', String(MAX_MEMORY_PAGES),
    '--memoryBase', String(kernelWindow(index)),
    '--enable', 'threads',
    '--use', 'abort=',
  ];
  const { error, stderr } = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
  if (error) throw new Error(`kernel-${isa}: ${error.message}\n${stderr.toString()}`);
  // The interpreter's opcode switch must compile to a jump table, not a chain of compares
  // (binaryen only does this when the opcodes are dense enough): see isa/<isa>.ts.
  const wat = readFileSync(join(outDir, `kernel-${isa}.wat`), 'utf8');
  if (!wat.includes('br_table')) throw new Error(`kernel-${isa}: the interpreter switch did not become a br_table`);
  const dataEnd = [...wat.matchAll(/\(data \$\S+ \(i32\.const (\d+)\) "((?:[^"\\]|\\.)*)"\)/g)]
    .map((m) => Number(m[1]) + m[2].replace(/\\[0-9a-f]{2}/g, 'x').replace(/\\./g, 'x').length)
    .reduce((a, b) => Math.max(a, b), kernelWindow(index));
  if (dataEnd > kernelWindow(index) + KWIN_SIZE) {
    throw new Error(`kernel-${isa}: static data ends at ${dataEnd}, beyond its window`);
  }
}

const root = projectRoot();
process.chdir(root);
const outDir = join(root, 'dist', 'wasm');
mkdirSync(outDir, { recursive: true });
await Promise.all(ISAS.map((isa) => buildKernel(isa.name, isa.index, outDir)));
