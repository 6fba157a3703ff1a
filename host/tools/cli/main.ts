// The `wasmfish` command line. Each subcommand lives in its own file and registers itself
// here; user errors become one line on stderr and a non-zero exit, never a stack trace.
// Layers (README "Project layout"): the tools (host/tools/) sit on top and may use every
// layer below; nothing below imports them.
import { Command, CommanderError } from 'commander';
import { DiagnosticError } from '../../../toolchain/diagnostics.js';
import { UserError } from '../../../toolchain/errors.js';
import { ProgramRefused } from '../../os/domains.js';
import { version } from './version.js';

type Register = (program: Command) => void;

/** Subcommand modules, in the order `--help` lists them. */
const commands: Array<() => Promise<{ register: Register }>> = [
  () => import('./run.js'),
  () => import('./view.js'),
  () => import('./trace.js'),
  () => import('./topo.js'),
  () => import('./debug.js'),
  () => import('./demo.js'),
  () => import('./bench.js'),
  () => import('./experiment.js'),
  () => import('./cc.js'),
  () => import('./as.js'),
  () => import('./link.js'),
  () => import('./objdump.js'),
];

export async function main(argv: string[]): Promise<number> {
  const program = new Command('wasmfish')
    .description('A multikernel in a box: heterogeneous emulated cores that talk only through messages.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const load of commands) (await load()).register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    return reportError(e);
  }
}

/** Turns anything thrown into a message and an exit code. */
export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // commander already printed its message (or the help/version text)
    return e.exitCode;
  }
  if (e instanceof DiagnosticError) {
    // compiler-style: file:line:col first, so editors can jump to it
    process.stderr.write(`${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof UserError || e instanceof ProgramRefused) {
    // bad input, or the OS could not start the program (no code for a core's ISA, no room)
    process.stderr.write(`wasmfish: ${e.message}\n`);
    return e instanceof UserError ? e.exitCode : 1;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') && err.path) {
    const what = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : 'permission denied';
    process.stderr.write(`wasmfish: ${err.path}: ${what}\n`);
    return 1;
  }
  process.stderr.write(`wasmfish: internal error (a bug in wasmfish, please report it): ${err?.stack ?? String(e)}\n`);
  return 70;
}
