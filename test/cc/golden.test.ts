// Golden assembly: small programs (test/golden/cc/*.mn) compiled for each ISA and compared
// with the checked-in listings beside them. After a deliberate change to the code generators,
// regenerate them with
//   UPDATE_GOLDEN=1 npx vitest run test/cc/golden.test.ts
// and review the diff before committing. Each listing must also assemble, link and run.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { runImage } from '../../host/run.js';
import { assemble } from '../../toolchain/as/assemble.js';
import { compile, compileToAssembly } from '../../toolchain/cc/index.js';
import { link } from '../../toolchain/link/link.js';

const DIR = 'test/golden/cc';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const names = readdirSync(DIR).filter((f) => f.endsWith('.mn')).map((f) => f.slice(0, -3));

function golden(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    writeFileSync(path, actual);
    if (!UPDATE) throw new Error(`${path} did not exist; it has been written: review and commit it`);
    return;
  }
  expect(actual, `${path} differs (UPDATE_GOLDEN=1 regenerates it)`).toBe(readFileSync(path, 'utf8'));
}

describe.each(names)('%s.mn', (name) => {
  const file = `${DIR}/${name}.mn`;
  const source = readFileSync(file, 'utf8');

  it.each(ISA_NAMES)('%s listing', (isa) => golden(join(DIR, `${name}.${isa}.s`), compileToAssembly(source, { file, isa })));

  it('each listing assembles and links into the image compile() makes, which runs the same everywhere', () => {
    const objects = ISA_NAMES.map((isa) => {
      const listing = `${DIR}/${name}.${isa}.s`;
      return { file: listing, obj: assemble(readFileSync(listing, 'utf8'), { file: listing }) };
    });
    const image = link(objects, { entry: 'main' });
    expect(image.sections.map((s) => s.bytes)).toEqual(compile(source, { file }).sections.map((s) => s.bytes));
    const r = runImage(image, name, { cores: 'r32,s32,a32', on: 'all', sink: () => {}, diag: () => {} });
    expect(new Set(r.output).size).toBe(1);
  });
});
