// The experiments of `wasmfish experiment`, in the order --help lists them.
import type { Experiment } from './experiment.js';
import { sharedVsMessages } from './shared-vs-messages.js';
import { tlbShootdown } from './tlb-shootdown.js';
import { twoPhaseCommit } from './twopc.js';
import { urpc } from './urpc.js';

export const EXPERIMENTS: readonly Experiment[] = [sharedVsMessages, urpc, tlbShootdown, twoPhaseCommit];

export function experimentByName(name: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}
