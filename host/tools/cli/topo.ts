// `wasmfish topo`: draws a machine — a preset or a JSON machine file — as text (packages,
// cores, cache groups, hops, latencies) and, with --svg, as a picture.
import type { Command } from 'commander';
import { PRESET_NAMES, resolveTopology } from '../../hardware/topology.js';
import { describeTopology } from '../topo/describe.js';
import { topologySvg } from '../topo/picture.js';
import { writeOutput } from './output.js';

export function register(program: Command): void {
  program
    .command('topo')
    .description('draw a machine: packages, cores with ISA and clock, cache groups, hops and latencies')
    .argument('[machine]', `a preset (${PRESET_NAMES.join(', ')}) or a .json machine file`, 'default')
    .option('--cores <list>', 'ISA of each core, as for wasmfish run')
    .option('--svg <file>', 'also draw it as an SVG picture')
    .addHelpText('after', `
Examples:
  $ wasmfish topo amd-4x4
  $ wasmfish topo intel-2x4 --svg intel.svg
  $ wasmfish topo default --cores r32*2,s32,a32*4
`)
    .action((machine: string, o: { cores?: string; svg?: string }) => {
      const t = resolveTopology(machine, o.cores);
      process.stdout.write(describeTopology(t));
      if (o.svg) writeOutput('--svg', o.svg, topologySvg(t));
    });
}
