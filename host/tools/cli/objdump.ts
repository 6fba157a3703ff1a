// `wasmfish objdump`: lists an object or image: sections, disassembly, data, symbols.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { objdump } from '../../../toolchain/disasm/objdump.js';
import { readWfx } from '../../../toolchain/image/read.js';
import { isaOption } from './options.js';

export function register(program: Command): void {
  program
    .command('objdump')
    .description('list the sections, code, data and symbols of an object or image')
    .argument('<file>', 'object (.o) or image (.wfx)')
    .option('--isa <name>', 'of a fat image, show only this ISA\'s text')
    .addHelpText('after', `
Examples:
  $ wasmfish objdump hello.o
  $ wasmfish objdump fat.wfx --isa s32
`)
    .action((file: string, opts: { isa?: string }) => {
      const isa = isaOption(opts.isa);
      process.stdout.write(objdump(readWfx(readFileSync(file), file), file, { isa }));
    });
}
