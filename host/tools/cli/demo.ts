// `wasmfish demo` (what `npm start` runs): boots the default heterogeneous machine and runs
// one program on every core — the same program, compiled for each core's ISA.
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildImage } from '../../../toolchain/build.js';
import { projectRoot } from '../../hardware/paths.js';
import { runImage } from '../../machine/run.js';
import { resolveTopology } from '../../hardware/topology.js';
import { formatStats } from './output.js';

export const DEMO_SOURCES = ['hello-r32.s', 'hello-s32.s', 'hello-a32.s'].map((f) => join('examples', 'asm', f));
export const PINGPONG_SOURCES = ['pingpong-r32.s', 'pingpong-a32.s'].map((f) => join('examples', 'asm', f));
export const MINNOW_SOURCE = join('examples', 'sum-messages.mn');

export function register(program: Command): void {
  program
    .command('demo')
    .description('boot the default machine and run an example on every core (what npm start does)')
    .action(() => {
      const t = resolveTopology('default');
      const out = (s: string) => process.stdout.write(s);
      out(`wasmfish: booting the ${t.name} machine — ${t.description}\n`);
      out(`one shared memory, one kernel instance per core; running ${DEMO_SOURCES.join(', ')}\n`);
      out(`as one fat image on every core, each core running the slice of its own ISA:\n\n`);
      const image = buildImage(DEMO_SOURCES.map((f) => join(projectRoot(), f)));
      const result = runImage(image, 'hello', { on: 'all', prefix: true });
      out('\n' + formatStats(result));
      out(`\nNow the cores talk: core 0 (r32) spawns a dispatcher of the same program on core 3 (a32),\n`);
      out(`connects to it by name over a URPC channel, and they bounce a counter back and forth:\n\n`);
      const pp = runImage(buildImage(PINGPONG_SOURCES.map((f) => join(projectRoot(), f))), 'pingpong', { prefix: true });
      out('\n' + formatStats(pp));
      out(`\nLast, ${MINNOW_SOURCE}, written once in Minnow and compiled for all three ISAs: every core sums\n`);
      out(`its share of an array and sends its part to main on core 0 as a message (no atomics, so a32 joins in):\n\n`);
      const sum = runImage(buildImage([join(projectRoot(), MINNOW_SOURCE)]), 'sum-messages', { prefix: true });
      out('\n' + formatStats(sum));
      out(`\nNext: wasmfish run ${PINGPONG_SOURCES.join(' ')} --parallel (real threads),\n`);
      out(`      wasmfish trace ${MINNOW_SOURCE} -o sum.html (see the messages), wasmfish debug, wasmfish topo amd-4x4,\n`);
      out(`      wasmfish experiment shared-vs-messages, wasmfish bench urpc, wasmfish --help\n`);
      process.exitCode = result.exitCode || pp.exitCode || sum.exitCode;
    });
}
