// `wasmfish cc`: compiles a Minnow program (docs/minnow.md) into an image — a fat one with a
// slice for every ISA unless --isa picks — or, with -S, into assembly listings.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ISA_NAMES, type IsaName } from '../../../isa/index.js';
import { assemblyFileName, compile, compileToAssemblies } from '../../../toolchain/cc/index.js';
import { UserError } from '../../../toolchain/errors.js';
import { writeWfx } from '../../../toolchain/image/write.js';
import { isaOption } from './options.js';
import { withExtension } from './output.js';

interface CcFlags {
  output?: string;
  isa: string;
  S?: boolean;
}

/** `all`, one ISA, or a comma list of them. */
function isaList(value: string): IsaName[] {
  if (value === 'all') return [...ISA_NAMES];
  return value.split(',').map((v) => isaOption(v.trim())!);
}

export function register(program: Command): void {
  program
    .command('cc')
    .description('compile a Minnow program into an image (a fat image for every ISA by default)')
    .argument('<file>', 'Minnow source (.mn)')
    .option('-o, --output <file>', 'file to write (default: the source name with .wfx, or .<isa>.s with -S; - for stdout with -S)')
    .option('--isa <name>', `ISAs to compile for: ${ISA_NAMES.join(', ')}, a list like r32,s32, or all`, 'all')
    .option('-S', 'write assembly listings instead of an image, one per ISA')
    .addHelpText('after', `
Errors are printed compiler-style (file:line:col, the line, a caret) and the exit status is 1.

Examples:
  $ wasmfish cc examples/hello.mn                # writes examples/hello.wfx, for r32, s32 and a32
  $ wasmfish run examples/hello.wfx --core all
  $ wasmfish cc prog.mn --isa s32 -o prog.wfx    # one slice only
  $ wasmfish cc prog.mn -S                       # prog.r32.s, prog.s32.s, prog.a32.s
  $ wasmfish cc prog.mn -S --isa a32 -o -        # the a32 assembly on stdout
  $ wasmfish run prog.mn                         # compiles on the fly
`)
    .action((file: string, flags: CcFlags) => {
      const isas = isaList(flags.isa);
      const source = readFileSync(file, 'utf8');
      if (!flags.S) {
        writeFileSync(flags.output ?? withExtension(file, '.wfx'), writeWfx(compile(source, { file, isas })));
        return;
      }
      if (flags.output && isas.length > 1) {
        throw new UserError(`-S with ${isas.length} ISAs writes one listing each (${isas.map((i) => assemblyFileName(file, i)).join(', ')}); -o names one file: pick one ISA with --isa`);
      }
      compileToAssemblies(source, { file, isas }).forEach((asm, i) => {
        if (flags.output === '-') process.stdout.write(asm);
        else writeFileSync(flags.output ?? assemblyFileName(file, isas[i]), asm);
      });
    });
}
