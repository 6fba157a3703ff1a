// `wasmfish link`: links objects into a loadable image, fat if they are of several ISAs.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readWfx } from '../../../toolchain/image/read.js';
import { writeWfx } from '../../../toolchain/image/write.js';
import { link } from '../../../toolchain/link/link.js';
import { withExtension } from './output.js';

export function register(program: Command): void {
  program
    .command('link')
    .description('link object files into an image (one text slice per ISA: a fat image)')
    .argument('<objects...>', 'object files made by wasmfish as')
    .option('-o, --output <file>', 'image to write (default: the first object\'s name with .wfx)')
    .option('--entry <name>', 'entry point of every slice (default: _start, else main)')
    .addHelpText('after', `
Examples:
  $ wasmfish link hello.o                        # writes hello.wfx
  $ wasmfish link main.o util.o -o prog.wfx --entry start
  $ wasmfish link a-r32.o a-s32.o -o fat.wfx     # fat: data and bss must agree
`)
    .action((files: string[], opts: { output?: string; entry?: string }) => {
      const objects = files.map((file) => ({ file, obj: readWfx(readFileSync(file), file) }));
      writeFileSync(opts.output ?? withExtension(files[0], '.wfx'), writeWfx(link(objects, { entry: opts.entry })));
    });
}
