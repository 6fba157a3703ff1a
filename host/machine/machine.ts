// The emulated machine: boots the cores of a topology over one shared memory — a kernel
// instance and a monitor per core, the monitor mesh between them — and keeps, for the
// harness, the record of every dispatcher that ran. The OS state itself lives in the
// monitors and kernels; this file is the board they sit on.
// Layers (README "Project layout"): host/machine/ assembles host/os/ on host/hardware/ and
// imports nothing of host/tools/.
import type { IsaName } from '../../isa/index.js';
import { C_DOORBELL, coreBlock } from '../../kernel/shared/layout.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { Console, type ConsoleOptions } from '../hardware/console.js';
import { ImageStore } from '../hardware/images.js';
import { type KernelExports, instantiateKernel, kernelModule } from '../hardware/kernel.js';
import { type CoreStats, MachineMemory } from '../hardware/memory.js';
import { initMesh } from '../os/mesh.js';
import type { MonitorEvents } from '../os/events.js';
import { Monitor } from '../os/monitor.js';
import { type DispatcherRecord, DispatcherLedger } from './dispatchers.js';
import { type Topology, lineLatency } from '../hardware/topology.js';

export interface MachineOptions {
  readonly topology: Topology;
  /** MiB of physical frames for programs and page tables (default 64) */
  readonly memoryMiB?: number;
  /** dispatcher time slice in cycles */
  readonly timeslice?: number;
  /** cycles any one dispatcher may run before it is killed (default: no limit) */
  readonly budget?: number;
  readonly console?: ConsoleOptions;
  /** where fault reports and machine messages go (default: process.stderr) */
  readonly diag?: (text: string) => void;
}

export interface Core {
  readonly id: number;
  readonly isa: IsaName;
  readonly kernel: KernelExports;
  readonly monitor: Monitor;
  /** nothing to do: the scheduler skips it until something wakes it */
  idle: boolean;
}

/** A program image stored on the machine, ready to be started on any core. */
export interface Program {
  readonly image: number;
  readonly name: string;
}

export class Machine {
  readonly topology: Topology;
  readonly mem: MachineMemory;
  readonly images = new ImageStore();
  readonly console: Console;
  readonly cores: Core[] = [];
  readonly dispatchers: DispatcherLedger;
  private nextImage = 1;

  constructor(opts: MachineOptions) {
    const t = (this.topology = opts.topology);
    // 1. size the shared memory and lay it out (kernel/shared/layout.ts), with the topology's
    //    cache-line latencies for the cost model
    this.mem = new MachineMemory({
      ncores: t.cores.length,
      frameBytes: (opts.memoryMiB ?? 64) * 1024 * 1024,
      timeslice: opts.timeslice,
      budget: opts.budget,
      latency: (a, b) => lineLatency(t, a, b),
    });
    // 2. devices
    this.console = new Console(t, opts.console);
    const isas = t.cores.map((c) => c.isa);
    this.dispatchers = new DispatcherLedger(this.console, isas, (id) => this.images.get(id).image, opts.diag ?? ((s) => process.stderr.write(s)));
    const events: MonitorEvents = {
      output: (core, dispatcher, bytes) => this.console.write(core, dispatcher, bytes),
      started: (d) => this.dispatchers.started(d),
      ended: (d) => this.dispatchers.ended(d),
    };
    // 3. one kernel instance per core, all importing the same memory, each with its monitor
    t.cores.forEach((spec, id) => {
      const monitor = new Monitor({ core: id, isas, mem: this.mem, images: this.images, events });
      const kernel = instantiateKernel(kernelModule(spec.isa), this.mem.memory, monitor.imports((c) => this.wake(c)));
      kernel.init(id, coreBlock(id), Math.round(1e6 / spec.mhz));
      this.cores.push({ id, isa: spec.isa, kernel, monitor, idle: true });
    });
    // 4. the monitor mesh: a channel between every pair of monitors
    initMesh(this.cores[0].kernel, this.mem.layout);
    for (const c of this.cores) c.monitor.attach(c.kernel);
  }

  /** A core rang another's doorbell: the scheduler must give that core a turn. */
  wake(core: number): void {
    const c = this.cores[core];
    if (c) c.idle = false;
  }

  /** Stores a linked image on the machine (the monitors read it like a file). */
  load(image: WfxFile, name: string): Program {
    if (image.kind !== 'image') throw new Error(`${name} is an object file, not a linked image`);
    const id = this.nextImage++;
    this.images.put(id, image, name);
    return { image: id, name };
  }

  /** Starts `program` on `core` as a new domain, through that core's monitor. */
  spawn(program: Program, core: number, arg = 0): DispatcherRecord {
    const c = this.cores[core];
    if (!c) throw new Error(`core ${core} does not exist (this machine has cores 0..${this.cores.length - 1})`);
    const id = c.monitor.domains.startProgram(program.image, arg);
    c.idle = false;
    return this.dispatchers.get(id)!;
  }

  /** Nothing left to do on core `c` for now. */
  quiet(c: Core): boolean {
    return c.kernel.runnable() === 0 && !c.monitor.busy && this.mem.u32(coreBlock(c.id) + C_DOORBELL) === 0;
  }

  stats(core: number): CoreStats {
    return this.mem.coreStats(core);
  }

  /** Dispatchers that have not ended. */
  live(): DispatcherRecord[] {
    return this.dispatchers.live();
  }
}
