// Golden assembly: small programs (test/golden/cc/*.mn) compiled for each ISA and compared
// with the checked-in listings beside them. After a deliberate change to the code generators,
// regenerate them with
//   UPDATE_GOLDEN=1 npx vitest run test/cc/golden.test.ts
// and review the diff before committing. Each listing must also assemble, link and run, on
// every ISA printing what <name>.expected says (written by hand, not regenerated) and exiting
// with the code a `// exit: N` comment in the program gives (0 without one).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { runImage } from '../../host/machine/run.js';
import { assemble } from '../../toolchain/as/index.js';
import { compile, compileToAssembly } from '../../toolchain/cc/index.js';
import { link } from '../../toolchain/link/link.js';
import { golden } from '../support/golden.js';

const DIR = 'test/golden/cc';
const names = readdirSync(DIR).filter((f) => f.endsWith('.mn')).map((f) => f.slice(0, -3));

describe.each(names)('%s.mn', (name) => {
  const file = `${DIR}/${name}.mn`;
  const source = readFileSync(file, 'utf8');

  it.each(ISA_NAMES)('%s listing', (isa) => golden(join(DIR, `${name}.${isa}.s`), compileToAssembly(source, { file, isa })));

  it('each listing assembles and links into the image compile() makes, which prints and exits as expected on every ISA', () => {
    const objects = ISA_NAMES.map((isa) => {
      const listing = `${DIR}/${name}.${isa}.s`;
      return { file: listing, obj: assemble(readFileSync(listing, 'utf8'), { file: listing }) };
    });
    const image = link(objects, { entry: 'main' });
    expect(image.sections.map((s) => s.bytes)).toEqual(compile(source, { file }).sections.map((s) => s.bytes));
    const r = runImage(image, name, { cores: 'r32,s32,a32', on: 'all', sink: () => {}, diag: () => {} });
    expect(r.output).toEqual(ISA_NAMES.map(() => readFileSync(`${DIR}/${name}.expected`, 'utf8')));
    const exit = Number(/\/\/ exit: (\d+)/.exec(source)?.[1] ?? 0);
    expect(r.main.map((d) => [d.state, d.exitCode])).toEqual(ISA_NAMES.map(() => ['exited', exit]));
  });
});
