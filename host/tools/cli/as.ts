// `wasmfish as`: assembles one source file into an object file (docs/assembler.md).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ISA_NAMES } from '../../../isa/index.js';
import { assemble } from '../../../toolchain/as/index.js';
import { DiagnosticError } from '../../../toolchain/diagnostics.js';
import { writeWfx } from '../../../toolchain/image/write.js';
import { isaOption } from './options.js';
import { withExtension } from './output.js';

export function register(program: Command): void {
  program
    .command('as')
    .description('assemble a source file into an object file')
    .argument('<file>', 'assembly source')
    .option('--isa <name>', `instruction set: ${ISA_NAMES.join(', ')} (or an .isa line in the source)`)
    .option('-o, --output <file>', 'object file to write (default: the source name with .o)')
    .addHelpText('after', `
Examples:
  $ wasmfish as hello.s --isa r32        # writes hello.o
  $ wasmfish as prog.s -o build/prog.o   # prog.s says ".isa s32" itself
  $ wasmfish link hello.o -o hello.wfx   # then link it
`)
    .action((file: string, opts: { isa?: string; output?: string }) => {
      const isa = isaOption(opts.isa);
      const source = readFileSync(file, 'utf8');
      try {
        writeFileSync(opts.output ?? withExtension(file, '.o'), writeWfx(assemble(source, { file, isa })));
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        // compiler-style: the diagnostics block as it is, so editors can jump to file:line:col
        process.stderr.write(e.message + '\n');
        process.exitCode = 1;
      }
    });
}
