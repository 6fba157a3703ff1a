// Golden listings: the examples assembled, linked and dumped by objdump, compared with the
// checked-in files under test/golden/asm/. After a deliberate change, regenerate them with
//   UPDATE_GOLDEN=1 npx vitest run test/toolchain/golden.test.ts
// and review the diff before committing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../toolchain/as/index.js';
import { disassemble } from '../../toolchain/disasm/disassemble.js';
import { objdump } from '../../toolchain/disasm/objdump.js';
import { link } from '../../toolchain/link/link.js';
import { golden as goldenFile } from '../support/golden.js';

const GOLDEN_DIR = 'test/golden/asm';
const ISAS = ['r32', 's32', 'a32'] as const;

const golden = (name: string, actual: string) => goldenFile(join(GOLDEN_DIR, name), actual);

const objects = ISAS.map((isa) => {
  const file = `examples/asm/hello-${isa}.s`;
  return { isa, file, obj: assemble(readFileSync(file, 'utf8'), { file }) };
});

describe.each(objects)('examples/asm/hello-$isa.s', ({ isa, file, obj }) => {
  it('object listing', () => golden(`hello-${isa}.o.txt`, objdump(obj, `hello-${isa}.o`)));

  it('image listing', () => golden(`hello-${isa}.wfx.txt`, objdump(link([{ file, obj }]), `hello-${isa}.wfx`)));
});

describe('the three examples linked into one fat image', () => {
  const fat = link(objects);

  it('listing', () => golden('hello-fat.wfx.txt', objdump(fat, 'hello-fat.wfx')));

  it('each slice disassembles to source that reassembles to the same bytes', () => {
    fat.sections.forEach((s, i) => {
      if (s.kind !== 'text') return;
      const labels = fat.symbols.filter((x) => x.section === i).map((x) => ({ name: x.name, addr: x.value }));
      const source = disassemble(s.isa!, s.bytes, s.addr, labels);
      expect(assemble(source, { file: 'dis.s' }).sections[0].bytes).toEqual(s.bytes);
    });
  });
});
