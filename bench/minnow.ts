// The Minnow examples compiled for each ISA: guest instructions executed, simulated cycles
// and code size. Each runs on a machine of four cores of that one ISA, started on core 0
// (hello.mn on every core); instructions are summed over the cores, cycles are the run's
// length (the busiest core's clock). The counts are simulated, so one run of each suffices
// and the table is the same on any host.
//
//   npx wasmfish bench minnow [--markdown]    prints the tables, writes bench/results/minnow.json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISA_NAMES, type IsaName } from '../isa/index.js';
import { projectRoot } from '../host/hardware/paths.js';
import { runImage } from '../host/machine/run.js';
import { compile } from '../toolchain/cc/index.js';
import { DiagnosticError } from '../toolchain/diagnostics.js';
import { markdownTable, table, writeResults } from './harness.js';

const EXAMPLES = join(projectRoot(), 'examples');
const CORES = 4;

export interface MinnowResult {
  readonly example: string;
  readonly isa: IsaName;
  /** undefined if the program cannot be compiled for this ISA (atomics on a32) */
  readonly instructions?: number;
  readonly cycles?: number;
  readonly codeBytes?: number;
  readonly output?: string;
}

function measure(example: string, isa: IsaName): MinnowResult {
  const source = readFileSync(join(EXAMPLES, `${example}.mn`), 'utf8');
  let image;
  try {
    image = compile(source, { file: `examples/${example}.mn`, isas: [isa] });
  } catch (e) {
    if (e instanceof DiagnosticError) return { example, isa };
    throw e;
  }
  let diag = '';
  const r = runImage(image, example, {
    cores: `${isa}*${CORES}`, on: example === 'hello' ? 'all' : [0], sink: () => {}, diag: (t) => { diag += t; },
  });
  if (r.exitCode !== 0) throw new Error(`${example} on ${isa} exited with ${r.exitCode}: ${diag}`);
  return {
    example, isa,
    instructions: r.stats.reduce((n, s) => n + s.instructions, 0),
    cycles: Math.max(...r.stats.map((s) => s.cycles)),
    codeBytes: image.sections.find((s) => s.kind === 'text')!.size,
    output: r.output.join(''),
  };
}

export function benchMinnow(): { results: MinnowResult[]; file: string } {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.mn')).map((f) => f.slice(0, -3)).sort();
  const results = examples.flatMap((example) => ISA_NAMES.map((isa) => measure(example, isa)));
  return { results, file: writeResults('minnow', results.map(({ output: _, ...r }) => r)) };
}

/** Instructions and cycles per example and ISA; then code size. */
export function minnowTables(results: readonly MinnowResult[], markdown = false): string {
  const examples = [...new Set(results.map((r) => r.example))];
  const cell = (example: string, isa: IsaName, f: (r: MinnowResult) => number | undefined) => {
    const v = f(results.find((r) => r.example === example && r.isa === isa)!);
    return v === undefined ? 'n/a' : v.toLocaleString('en-US');
  };
  const format = markdown ? markdownTable : table;
  const run = format(
    ['example', ...ISA_NAMES.flatMap((isa) => [`${isa} instructions`, `${isa} cycles`])],
    examples.map((e) => [`${e}.mn`, ...ISA_NAMES.flatMap((isa) => [cell(e, isa, (r) => r.instructions), cell(e, isa, (r) => r.cycles)])]),
  );
  const size = format(
    ['example', ...ISA_NAMES.map((isa) => `${isa} code bytes`)],
    examples.map((e) => [`${e}.mn`, ...ISA_NAMES.map((isa) => cell(e, isa, (r) => r.codeBytes))]),
  );
  return `${run}\n${size}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { results, file } = benchMinnow();
  process.stdout.write(`${minnowTables(results, process.argv.includes('--markdown'))}\nresults: ${file}\n`);
}
