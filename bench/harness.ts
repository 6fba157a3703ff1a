// What every benchmark shares: repeated timed samples, medians and p99s, a progress bar on
// long runs, a printed table, and a results file (bench/results/<name>.json) that records
// the machine it was measured on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../host/hardware/paths.js';

export { Progress } from '../host/tools/progress.js';
export { markdownTable, table } from '../host/tools/table.js';

/** The value below which p percent of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function hostMachine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function describeMachine(m: Machine = hostMachine()): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`;
}

/** Writes bench/results/<name>.json (or to `dir`) and returns its path. */
/** Where results go: bench/results, or $WASMFISH_BENCH_RESULTS (the tests use a scratch directory). */
export function resultsDir(): string {
  return process.env.WASMFISH_BENCH_RESULTS || join(projectRoot(), 'bench', 'results');
}

export function writeResults(name: string, results: unknown, dir = resultsDir()): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: hostMachine(), results }, null, 2) + '\n');
  return path;
}

/** Formats a rate: 412.3 M/s. */
export const rate = (perSecond: number) => `${(perSecond / 1e6).toFixed(1)} M`;
