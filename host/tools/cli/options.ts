// Parsing of the options shared by several subcommands (ISAs, numbers, core lists, the
// program a run is given), with errors that name the flag and say what it accepts.
import type { Command } from 'commander';
import { isaByName, ISA_NAMES, type IsaName } from '../../../isa/index.js';
import { UserError } from '../../../toolchain/errors.js';
import { buildImage } from '../../../toolchain/build.js';
import type { WfxFile } from '../../../toolchain/image/format.js';
import type { RunOptions } from '../../machine/run.js';
import { wholeNumber } from '../ints.js';
import { MAX_CORES, PRESET_NAMES } from '../../hardware/topology.js';

/** Checks an --isa flag value. */
export function isaOption(value: string | undefined): IsaName | undefined {
  if (value === undefined) return undefined;
  if (!isaByName(value)) throw new UserError(`unknown ISA '${value}' (use ${ISA_NAMES.join(', ')})`);
  return value as IsaName;
}

/** An integer option in [min, max]; accepts decimal, hex (0x…) and _ separators (1_000_000). */
export function intOption(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = wholeNumber(value, flag, 'a whole number', true);
    if (n < min || n > max) throw new UserError(`${flag}: ${n} is out of range ${min}..${max}`);
    return n;
  };
}

/** `--core` values: a core number, a comma list of them, or `all`. */
export function coreSelection(value: string): number[] | 'all' {
  if (value === 'all') return 'all';
  return value.split(',').map((part) => intOption('--core', 0, MAX_CORES - 1)(part.trim()));
}

/** What programCommand's options parse to. */
export interface ProgramFlags {
  machine?: string;
  cores?: string;
  core?: number[] | 'all';
  maxCycles?: number;
  budget?: number;
  prefix?: boolean;
  isa?: string;
  entry?: string;
  arg?: number;
  timeslice?: number;
  memory?: number;
}

/** A subcommand that runs a program (run, debug): its files and the options that say where. */
export function programCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument('<files...>', 'a .mn program, .s sources and .o objects to link, or a .wfx image')
    .option('-m, --machine <name>', `machine preset (${PRESET_NAMES.join(', ')}) or a .json machine file`, 'default')
    .option('--cores <list>', 'ISA of each core, e.g. r32,s32,a32 or r32*4,a32*2 (replaces the default machine\'s cores)')
    .option('-c, --core <n>', 'core(s) to start the program on: a number, a list like 0,2, or all', coreSelection)
    .option('--max-cycles <n>', 'stop when a core reaches this many simulated cycles', intOption('--max-cycles', 1, Number.MAX_SAFE_INTEGER))
    .option('--budget <cycles>', 'kill any dispatcher that runs more than this many cycles (fault: cycle budget exhausted)', intOption('--budget', 1, Number.MAX_SAFE_INTEGER))
    .option('--prefix', 'label every output line with its core: [core 2 s32] ...')
    .option('--isa <name>', 'ISA of assembly files that have no .isa line')
    .option('--entry <symbol>', 'entry point (default: _start, else main)')
    .option('--arg <n>', 'the argument the entry function receives', intOption('--arg', -(2 ** 31), 2 ** 32 - 1), 0)
    .option('--timeslice <cycles>', 'dispatcher time slice on each core', intOption('--timeslice', 100, 1e9))
    .option('--memory <MiB>', 'physical memory for programs', intOption('--memory', 1, 1024));
}

/** The program the files make, and the RunOptions the flags ask for. */
export function programFrom(files: string[], f: ProgramFlags): { image: WfxFile; name: string; options: RunOptions } {
  const image = buildImage(files, { isa: isaOption(f.isa), entry: f.entry });
  return {
    image, name: files.join(' '),
    options: {
      machine: f.machine, cores: f.cores, on: f.core, maxCycles: f.maxCycles, budget: f.budget,
      prefix: f.prefix, arg: f.arg, timeslice: f.timeslice, memoryMiB: f.memory,
    },
  };
}
