// Regression test for the shared-memory hazard in DESIGN.md: instantiating a kernel module
// re-applies its data segments and must never disturb the live state of running cores —
// whether the new instance is made in the main thread or in a worker.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ISA_NAMES } from '../../isa/index.js';
import { instantiateKernel, kernelModule } from '../../host/hardware/kernel.js';
import { runLockstep } from '../../host/machine/lockstep.js';
import { Machine } from '../../host/machine/machine.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import { buildImage } from '../../toolchain/build.js';

const DIR = join(import.meta.dirname, '..', 'programs');

function runningMachine(): Machine {
  const m = new Machine({ topology: resolveTopology('default', 'r32,s32,a32'), console: { sink: () => {} }, diag: () => {} });
  const image = buildImage(ISA_NAMES.map((isa) => join(DIR, isa, 'memwalk.s')));
  for (let core = 0; core < 3; core++) m.spawn(m.load(image, 'memwalk'), core, 3);
  // part way: the cores have live registers, TLBs, run queues and half-walked arrays
  expect(runLockstep(m, { maxCycles: 60_000 })).toBe('max-cycles');
  return m;
}

function finish(m: Machine): void {
  expect(runLockstep(m)).toBe('done');
  // three passes: element i ends as 1i, 2i, 3i, so the sum is (1 + 2 + 3) * (0 + 1 + … + 4095)
  expect(m.console.perCore).toEqual(['50319360\n', '50319360\n', '50319360\n']);
}

describe('instantiating a core on a live machine', () => {
  it('in the main thread leaves every byte of memory as it was', () => {
    const m = runningMachine();
    const before = m.mem.bytes.slice();
    for (const isa of ISA_NAMES) {
      instantiateKernel(kernelModule(isa), m.mem.memory, { host_console: () => {}, host_event: () => {}, host_syscall: () => 0, host_wake: () => {} });
    }
    expect(Buffer.compare(m.mem.bytes, before)).toBe(0);
    finish(m);
  });

  it('in a worker thread leaves every byte of memory as it was', async () => {
    const m = runningMachine();
    const before = m.mem.bytes.slice();
    const worker = new Worker(join(import.meta.dirname, '..', 'support', 'instantiate-worker.mjs'), {
      workerData: { memory: m.mem.memory, modules: ISA_NAMES.map((isa) => kernelModule(isa)) },
    });
    const reply = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      setTimeout(() => reject(new Error('worker did not answer')), 20_000);
    });
    await worker.terminate();
    expect(reply).toBe('instantiated');
    expect(Buffer.compare(m.mem.bytes, before)).toBe(0);
    finish(m);
  });
});
