// What an experiment is: a named procedure that runs guest programs (or OS protocols) on an
// emulated machine in lockstep mode and reports what emerged — a table, data, plots and
// findings. Every number comes from the emulated code and the cost model; nothing here is
// a formula for a curve.
import type { Progress } from '../progress.js';

export interface ExperimentOptions {
  /** a machine preset or JSON file (each experiment has a default, the paper's) */
  readonly machine?: string;
  readonly cores?: string;
  /** a small version for tests and quick looks */
  readonly quick?: boolean;
  readonly progress?: Progress;
}

/** A Vega-Lite specification with the data inline, rendered to SVG by plot.ts. */
export interface Plot {
  readonly name: string;
  readonly spec: Record<string, unknown>;
}

export interface ExperimentResult {
  readonly name: string;
  readonly title: string;
  readonly machine: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** everything measured, for the results JSON */
  readonly data: unknown;
  readonly plots: readonly Plot[];
  /** what the run shows, in sentences (crossover points, ratios, the paper's numbers) */
  readonly findings: readonly string[];
}

export interface Experiment {
  readonly name: string;
  readonly title: string;
  /** which figure or table of the paper it reproduces */
  readonly paper: string;
  /** how many progress steps a run takes */
  steps(opts: ExperimentOptions): number;
  run(opts: ExperimentOptions): Promise<ExperimentResult>;
}
