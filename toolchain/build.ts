// Turns whatever program files a user hands to `wasmfish run` (or `debug`, `trace`) into one
// loadable image: Minnow sources are compiled, assembly assembled, objects linked, and an
// image is read and validated as it is.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { IsaName } from '../isa/index.js';
import { assemble } from './as/index.js';
import { compileForRun } from './cc/index.js';
import { UserError } from './errors.js';
import type { WfxFile } from './image/format.js';
import { readWfx } from './image/read.js';
import { type LinkInput, link } from './link/link.js';

export interface BuildOptions {
  /** ISA for assembly files without an `.isa` directive */
  readonly isa?: IsaName;
  /** entry symbol (default: _start, else main) */
  readonly entry?: string;
}

const SOURCE_KINDS = '.mn (Minnow), .s (assembly), .o (object) or .wfx (image)';

function read(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot read it'}`);
  }
}

/** Builds one image from program files (all of one kind, or assembly and objects mixed). */
export function buildImage(paths: readonly string[], opts: BuildOptions = {}): WfxFile {
  if (paths.length === 0) throw new UserError('no program given');
  const minnowFiles = paths.filter((p) => extname(p) === '.mn');
  if (minnowFiles.length > 0) {
    if (paths.length > 1) throw new UserError('a Minnow program is one .mn file; give it alone');
    return compileForRun(read(paths[0]).toString('utf8'), paths[0]);
  }
  const objects: LinkInput[] = [];
  for (const path of paths) {
    const ext = extname(path);
    if (ext === '.s' || ext === '.asm') {
      objects.push({ file: path, obj: assemble(read(path).toString('utf8'), { file: path, isa: opts.isa }) });
    } else if (ext === '.o' || ext === '.wfx') {
      const f = readWfx(new Uint8Array(read(path)), basename(path));
      if (f.kind === 'image') {
        if (paths.length > 1) throw new UserError(`${path} is a linked image: it cannot be linked with other files`);
        return f;
      }
      objects.push({ file: path, obj: f });
    } else {
      throw new UserError(`${path}: don't know how to run a '${ext || 'extensionless'}' file (expected ${SOURCE_KINDS})`);
    }
  }
  return link(objects, { entry: opts.entry });
}

