// `wasmfish trace`: runs a program with tracing on and draws the trace straight away — the
// same as `run --trace` followed by `view`, in one step (DESIGN.md "The user's view").
import type { Command } from 'commander';
import { runParallel } from '../../machine/parallel.js';
import { runImage } from '../../machine/run.js';
import { chromeTrace } from '../view/chrome.js';
import { formatLog } from '../../machine/trace/log.js';
import { tracePage } from '../view/page.js';
import { type ProgramFlags, programCommand, programFrom } from './options.js';
import { summary, writeOutput } from './output.js';

interface TraceFlags extends ProgramFlags {
  output: string;
  chrome?: string;
  json?: string;
  parallel?: boolean;
}

export function register(program: Command): void {
  programCommand(program, 'trace', 'run a program with tracing on and draw the messages between cores as an HTML page')
    .option('-o, --output <file>', 'the HTML page', 'trace.html')
    .option('--chrome <file>', 'also write the Chrome trace-event JSON (for ui.perfetto.dev)')
    .option('--json <file>', 'also keep the trace itself (as run --trace writes it)')
    .option('-p, --parallel', 'run on one worker thread per core (times are then wall-clock)')
    .addHelpText('after', `
Examples:
  $ wasmfish trace examples/pingpong.mn -o pingpong.html
  $ wasmfish trace examples/asm/pingpong-r32.s examples/asm/pingpong-a32.s --chrome pp.chrome.json
`)
    .action(async (files: string[], flags: TraceFlags) => {
      const { image, name, options } = programFrom(files, flags);
      const o = { ...options, trace: true };
      const result = flags.parallel ? await runParallel(image, name, o) : runImage(image, name, o);
      const log = result.trace!;
      if (flags.json) writeOutput('--json', flags.json, formatLog(log));
      writeOutput('--output', flags.output, tracePage(log));
      if (flags.chrome) writeOutput('--chrome', flags.chrome, JSON.stringify(chromeTrace(log)));
      process.stderr.write(summary([flags.output, flags.chrome, flags.json], log));
      process.exitCode = result.exitCode;
    });
}
