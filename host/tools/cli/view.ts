// `wasmfish view`: turns a trace (`wasmfish run --trace`) into pictures — one self-contained
// HTML page (sequence chart, message heat map, per-core timelines), and/or the Chrome
// trace-event JSON that Perfetto and chrome://tracing open.
import type { Command } from 'commander';
import { chromeTrace } from '../view/chrome.js';
import { readLog } from '../../machine/trace/log.js';
import { tracePage } from '../view/page.js';
import { summary, writeOutput } from './output.js';

export function register(program: Command): void {
  program
    .command('view')
    .description('draw a trace: an HTML page of messages between cores, and/or a Chrome trace for Perfetto')
    .argument('<trace>', 'a trace file written by wasmfish run --trace')
    .option('-o, --output <file>', 'the HTML page (default: the trace\'s name with .html, unless --chrome is given)')
    .option('--chrome <file>', 'also (or only) write the Chrome trace-event JSON: open it in ui.perfetto.dev or chrome://tracing')
    .addHelpText('after', `
Examples:
  $ wasmfish run examples/asm/pingpong-r32.s examples/asm/pingpong-a32.s --trace pp.json
  $ wasmfish view pp.json -o pp.html                # open pp.html in a browser
  $ wasmfish view pp.json --chrome pp.chrome.json   # load it in ui.perfetto.dev
`)
    .action((file: string, o: { output?: string; chrome?: string }) => {
      const log = readLog(file);
      const html = o.output ?? (o.chrome ? undefined : file.replace(/\.json$/i, '') + '.html');
      if (html) writeOutput('--output', html, tracePage(log));
      if (o.chrome) writeOutput('--chrome', o.chrome, JSON.stringify(chromeTrace(log)));
      process.stderr.write(summary([html, o.chrome], log));
    });
}
