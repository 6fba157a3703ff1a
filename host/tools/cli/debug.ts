// `wasmfish debug`: a terminal debugger for a program on a lockstep machine — step one core
// an instruction at a time, breakpoints by address, label or source line, registers, memory,
// disassembly, dispatchers and channels (host/tools/debug/). Commands come from the terminal
// (readline, with a prompt), or from a file (--script) or piped standard input, echoed so
// that the transcript reads like a session.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { UserError } from '../../../toolchain/errors.js';
import { execute, where } from '../debug/commands.js';
import { DebugSession } from '../debug/session.js';
import { type ProgramFlags, programCommand, programFrom } from './options.js';

interface DebugFlags extends ProgramFlags {
  script?: string;
}

const PROMPT = '(wfdb) ';

export function register(program: Command): void {
  programCommand(program, 'debug', 'step through a program on an emulated machine: breakpoints, registers, memory, channels')
    .option('--script <file>', 'read the commands from a file instead of the terminal')
    .addHelpText('after', `
Commands (type help in the debugger): step [n], continue, core n, break addr|label|file:line,
delete n, regs, x addr [n], disas [addr] [n], info dispatchers|channels|breakpoints|cores,
where, quit. Commands are also read from standard input when it is not a terminal.

Examples:
  $ wasmfish debug examples/asm/pingpong-r32.s examples/asm/pingpong-a32.s
  $ printf 'break pong\\ncontinue\\nregs\\n' | wasmfish debug pingpong-r32.s pingpong-a32.s
`)
    .action(async (files: string[], flags: DebugFlags) => {
      if (flags.script !== undefined) checkReadable(flags.script);
      const { image, name, options } = programFrom(files, flags);
      const s = new DebugSession(image, name, options);
      const interactive = flags.script === undefined && process.stdin.isTTY === true;
      const t = s.machine.topology;
      process.stdout.write(`wasmfish debugger: ${files.join(' ')} on ${t.name} (${t.cores.length} cores: ${t.cores.map((c) => c.isa).join(', ')}); type help for the commands\n`);
      process.stdout.write(where(s) + '\n');
      const rl = createInterface({
        input: flags.script !== undefined ? createReadStream(flags.script) : process.stdin,
        output: interactive ? process.stdout : undefined, terminal: interactive, prompt: PROMPT,
      });
      let failed = false;
      if (interactive) rl.prompt();
      for await (const line of rl) {
        if (!interactive && line.trim() !== '') process.stdout.write(`${PROMPT}${line.trim()}\n`);
        let out: string;
        try {
          out = execute(s, line);
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          failed = true;
          process.stderr.write(`error: ${e.message}\n`);
          out = '';
        }
        if (out === 'quit') break;
        if (out) process.stdout.write(out + '\n');
        if (interactive) rl.prompt();
      }
      rl.close();
      s.machine.console.flush();
      // a script that went wrong says so in the exit status; a person at the terminal saw it
      process.exitCode = failed && !interactive ? 1 : 0;
    });
}

function checkReadable(path: string): void {
  try {
    if (statSync(path).isDirectory()) throw new UserError(`--script ${path}: is a directory`);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`--script ${path}: no such file`);
  }
}
