// What the subcommands write and print, shared by several of them: output files named after
// their input and written with a one-line error when they cannot be, the --stats table of a
// run, and the line that says what a trace became.
import { writeFileSync } from 'node:fs';
import { format, parse } from 'node:path';
import type { CoreStats } from '../../hardware/memory.js';
import type { RunResult } from '../../machine/run.js';
import type { TraceLog } from '../../machine/trace/log.js';
import { UserError } from '../../../toolchain/errors.js';
import { table } from '../table.js';
import { matchMessages } from '../view/messages.js';

/** `dir/name.s` -> `dir/name.<ext>` */
export function withExtension(file: string, ext: string): string {
  const p = parse(file);
  return format({ dir: p.dir, name: p.name, ext });
}

/** Writes `text` to `path` for option `flag`, with a one-line error if it cannot. */
export function writeOutput(flag: string, path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UserError(`${flag} ${path}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** What was written: `pp.html, pp.chrome.json: 219 events, 36 messages between cores`. */
export function summary(files: (string | undefined)[], log: TraceLog): string {
  const n = matchMessages(log).length;
  return `${files.filter(Boolean).join(', ')}: ${log.events.length} events, ${n} message${n === 1 ? '' : 's'} between cores\n`;
}

/** The --stats table: per core instructions, cycles, idle, syscalls, switches, faults. */
export function formatStats(r: RunResult): string {
  const head = ['core', 'isa', 'instructions', 'cycles', 'stalled', 'syscalls', 'msgs out', 'msgs in', 'switches', 'faults'];
  const rows = r.stats.map((s, i) => [
    String(i), r.topology.cores[i].isa, String(s.instructions), String(s.cycles), String(s.stall),
    String(s.syscalls), String(s.messagesSent), String(s.messagesReceived), String(s.switches), String(s.faults),
  ]);
  const sum = (f: (s: CoreStats) => number) => String(r.stats.reduce((a, s) => a + f(s), 0));
  rows.push(['all', '', sum((s) => s.instructions), String(Math.max(...r.stats.map((s) => s.cycles))), sum((s) => s.stall),
    sum((s) => s.syscalls), sum((s) => s.messagesSent), sum((s) => s.messagesReceived), sum((s) => s.switches), sum((s) => s.faults)]);
  return table(head, rows, 2, false);
}
