// `wasmfish experiment NAME`: reproduces one of the multikernel paper's experiments on an
// emulated machine: a table in the terminal, and results JSON and SVG plots in a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../../toolchain/errors.js';
import { EXPERIMENTS, experimentByName } from '../experiments/index.js';
import type { ExperimentResult } from '../experiments/experiment.js';
import { renderSvg } from '../experiments/plot.js';
import { Progress } from '../progress.js';
import { table } from '../table.js';

/** The result's table: every column right-aligned, no rule under the head. */
const resultTable = (r: ExperimentResult) => table(r.columns.map(String), r.rows.map((row) => row.map(String)), 0, false);

export function register(program: Command): void {
  program
    .command('experiment')
    .description('reproduce an experiment of the multikernel paper: ' + EXPERIMENTS.map((e) => e.name).join(', '))
    .argument('[name]', 'which experiment (none: list them)')
    .option('-m, --machine <name>', 'the machine (default: the paper\'s machine for that experiment)')
    .option('--cores <list>', 'ISA of each core, e.g. r32 (presets only support all-r32 experiments)')
    .option('--quick', 'a small, fast version')
    .option('-o, --out <dir>', 'folder for the results JSON and SVG plots', 'wasmfish-results')
    .addHelpText('after', '\nExperiments:\n' + EXPERIMENTS.map((e) => `  ${e.name.padEnd(20)} ${e.paper}`).join('\n') + '\n')
    .action(async (name: string | undefined, o: { machine?: string; cores?: string; quick?: boolean; out: string }) => {
      if (!name) {
        for (const e of EXPERIMENTS) process.stdout.write(`${e.name.padEnd(20)} ${e.title}\n`);
        return;
      }
      const e = experimentByName(name);
      if (!e) throw new UserError(`unknown experiment '${name}' (there are: ${EXPERIMENTS.map((x) => x.name).join(', ')})`);
      const progress = new Progress(e.steps({ quick: o.quick }), e.name);
      const r = await e.run({ machine: o.machine, cores: o.cores, quick: o.quick, progress });
      progress.stop();
      process.stdout.write(`${r.title}\nmachine: ${r.machine}${o.quick ? ' (quick)' : ''}\n\n${resultTable(r)}\n${r.findings.map((f) => `• ${f}`).join('\n')}\n`);
      mkdirSync(o.out, { recursive: true });
      const files = [join(o.out, `${r.name}.json`)];
      writeFileSync(files[0], JSON.stringify({ experiment: r.name, machine: r.machine, quick: !!o.quick, columns: r.columns, rows: r.rows, findings: r.findings, data: r.data }, null, 2) + '\n');
      for (const p of r.plots) {
        const file = join(o.out, `${r.name}-${p.name}.svg`);
        writeFileSync(file, await renderSvg(p.spec));
        files.push(file);
      }
      process.stdout.write(`\nwrote ${files.join(', ')}\n`);
    });
}
