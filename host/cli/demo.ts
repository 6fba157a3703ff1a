// `wasmfish demo` (what `npm start` runs): boots the default heterogeneous machine and runs
// one program on every core — the same program, compiled for each core's ISA.
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildImage } from '../../toolchain/build.js';
import { projectRoot } from '../paths.js';
import { formatStats, runImage } from '../run.js';
import { resolveTopology } from '../topology.js';

export const DEMO_SOURCES = ['hello-r32.s', 'hello-s32.s', 'hello-a32.s'].map((f) => join('examples', 'asm', f));

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
      out(`\nNext: wasmfish run examples/asm/hello-s32.s --stats, wasmfish objdump <file>, wasmfish --help\n`);
      process.exitCode = result.exitCode;
    });
}
