// Running a guest program for an experiment: lockstep, a fine quantum (so cores interleave
// at the grain of single memory operations), output captured per core as numbers.
import { join } from 'node:path';
import { buildImage } from '../../../toolchain/build.js';
import type { WfxFile } from '../../../toolchain/image/format.js';
import { UserError } from '../../../toolchain/errors.js';
import type { CoreStats } from '../../hardware/memory.js';
import { projectRoot } from '../../hardware/paths.js';
import { runImage } from '../../machine/run.js';

const images = new Map<string, WfxFile>();

/** An experiment program from host/tools/experiments/programs/, built once per process. */
export function program(...files: string[]): WfxFile {
  const key = files.join(' ');
  let image = images.get(key);
  if (!image) {
    image = buildImage(files.map((f) => join(projectRoot(), 'host', 'tools', 'experiments', 'programs', f)));
    images.set(key, image);
  }
  return image;
}

export interface GuestRun {
  /** the numbers each core printed */
  readonly numbers: number[][];
  readonly stats: readonly CoreStats[];
}

/** Cycles a core may run ahead of the others: small enough that contention is seen. */
export const EXPERIMENT_QUANTUM = 50;

export function runGuest(image: WfxFile, machine: string, cores: string | undefined, arg: number): GuestRun {
  let diag = '';
  const r = runImage(image, 'experiment', {
    machine, cores, arg, quantum: EXPERIMENT_QUANTUM, maxCycles: 2_000_000_000,
    sink: () => {}, diag: (t) => { diag += t; },
  });
  if (r.exitCode !== 0) throw new UserError(`the experiment program failed on ${machine} (exit ${r.exitCode}): ${diag.trim()}`);
  return { numbers: r.output.map((o) => o.split('\n').filter((l) => l !== '').map(Number)), stats: r.stats };
}
