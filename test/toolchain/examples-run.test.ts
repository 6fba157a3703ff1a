// The assembly examples, assembled and linked by the toolchain, run on the reference
// interpreter (isa/reference) with a minimal system-call handler, and print what they should.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isaByName } from '../../isa/index.js';
import { buildAddressSpace, completeSys, GuestMemory, startState, step } from '../../isa/reference/index.js';
import { BumpFrames } from '../../isa/pagetable.js';
import { stackTop } from '../../kernel/shared/addrspace.js';
import { SYS_EXIT, SYS_PRINT_INT, SYS_PRINT_STR } from '../../kernel/shared/syscalls.js';
import { assemble } from '../../toolchain/as/index.js';
import { link } from '../../toolchain/link/link.js';

/** Runs a one-slice image until exit; returns its console output. */
function runImage(isaName: string, file: string): string {
  const image = link([{ file, obj: assemble(readFileSync(file, 'utf8'), { file }) }]);
  const [text, data] = image.sections;
  const isa = isaByName(isaName)!;
  const phys = new DataView(new ArrayBuffer(1 << 20));
  const space = buildAddressSpace(phys, new BumpFrames(phys, 0x1000, 1 << 20), isa, { text: text.bytes, data: data.bytes });
  const mem = new GuestMemory(space.mem, space.root);
  const state = startState(isa, mem, text.entry!, 0, stackTop(0));
  let out = '';
  for (let i = 0; i < 10_000; i++) {
    const r = step(state, mem);
    if (r === 'ok') continue;
    if (!('sys' in r)) return `${out}[stopped: ${JSON.stringify(r)}]`;
    const [a, b] = r.args;
    if (r.sys === SYS_EXIT) return `${out}[exit ${a}]`;
    if (r.sys === SYS_PRINT_STR) out += new TextDecoder().decode(data.bytes.subarray(a - data.addr, a - data.addr + b));
    if (r.sys === SYS_PRINT_INT) out += `${a | 0}\n`;
    completeSys(state, mem, 0);
  }
  return `${out}[still running]`;
}

describe.each(['r32', 's32', 'a32'])('examples/asm/hello-%s.s', (isa) => {
  it('greets three times, counting down, and exits with 0', () => {
    const greeting = 'Hello, multikernel!\n';
    expect(runImage(isa, `examples/asm/hello-${isa}.s`)).toBe(`${greeting}3\n${greeting}2\n${greeting}1\n[exit 0]`);
  });
});
