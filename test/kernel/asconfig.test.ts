// asconfig.json holds the kernel's compiler flags, but the numbers in it belong to the memory
// map: each kernel's --memoryBase window, the pages its static data needs, the maximum every
// module declares. JSON cannot import them from kernel/shared/layout.ts, so this test keeps
// the two in step: change one without the other and it fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISAS } from '../../isa/index.js';
import { KWIN_SIZE, MAX_MEMORY_PAGES, WASM_PAGE, kernelWindow } from '../../kernel/shared/layout.js';

const config = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'asconfig.json'), 'utf8'));

describe('asconfig.json', () => {
  it('declares the maximum memory of layout.ts and shared, imported memory', () => {
    expect(config.options).toMatchObject({ maximumMemory: MAX_MEMORY_PAGES, importMemory: true, sharedMemory: true, runtime: 'stub' });
  });

  it('has no targets but one per ISA', () => {
    expect(Object.keys(config.targets).sort()).toEqual(ISAS.map((i) => i.name).sort());
  });

  for (const isa of ISAS) {
    it(`${isa.name}: data in kernelWindow(${isa.index}), memory up to the window's end, output where the host loads it`, () => {
      expect(config.targets[isa.name]).toEqual({
        outFile: `dist/wasm/kernel-${isa.name}.wasm`,
        textFile: `dist/wasm/kernel-${isa.name}.wat`,
        memoryBase: kernelWindow(isa.index),
        initialMemory: Math.ceil((kernelWindow(isa.index) + KWIN_SIZE) / WASM_PAGE),
      });
    });
  }
});
