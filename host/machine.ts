// The emulated machine: boots the cores of a topology over one shared memory and keeps the
// table of programs (domains) and their dispatchers.
import type { IsaName } from '../isa/index.js';
import { coreBlock } from '../kernel/shared/layout.js';
import type { WfxFile } from '../toolchain/image/format.js';
import { UserError } from '../toolchain/errors.js';
import { Console, type ConsoleOptions } from './devices/console.js';
import { Domain } from './domain.js';
import { FrameAllocator } from './frames.js';
import { type KernelExports, instantiateKernel, kernelModule } from './kernel.js';
import { type CoreStats, MachineMemory } from './memory.js';
import { Monitor, type MonitorHost } from './monitor/monitor.js';
import { type FaultInfo, formatFault } from './report.js';
import type { Topology } from './topology.js';

export interface MachineOptions {
  readonly topology: Topology;
  /** MiB of physical frames for programs and page tables (default 64) */
  readonly memoryMiB?: number;
  /** dispatcher time slice in cycles */
  readonly timeslice?: number;
  readonly console?: ConsoleOptions;
  /** where fault reports and machine messages go (default: process.stderr) */
  readonly diag?: (text: string) => void;
}

export interface Core {
  readonly id: number;
  readonly isa: IsaName;
  readonly kernel: KernelExports;
  readonly monitor: Monitor;
  /** nothing runnable: the scheduler skips it until something wakes it */
  idle: boolean;
}

export interface DispatcherRecord {
  readonly id: number;
  readonly domain: Domain;
  readonly core: number;
  readonly slot: number;
  readonly stackSlot: number;
  state: 'live' | 'exited' | 'faulted';
  exitCode?: number;
  fault?: FaultInfo;
}

export class Machine implements MonitorHost {
  readonly topology: Topology;
  readonly mem: MachineMemory;
  readonly frames: FrameAllocator;
  readonly console: Console;
  readonly cores: Core[] = [];
  readonly domains = new Map<number, Domain>();
  readonly dispatchers = new Map<number, DispatcherRecord>();
  private readonly diag: (text: string) => void;
  private nextDomain = 1;
  private nextDispatcher = 1;

  constructor(opts: MachineOptions) {
    this.topology = opts.topology;
    this.diag = opts.diag ?? ((t) => process.stderr.write(t));
    const ncores = opts.topology.cores.length;
    // 1. size the shared memory and lay it out (kernel/shared/layout.ts)
    this.mem = new MachineMemory({
      ncores, frameBytes: (opts.memoryMiB ?? 64) * 1024 * 1024, timeslice: opts.timeslice,
    });
    // 2. the frames that programs and page tables are made of
    this.frames = new FrameAllocator(this.mem.bytes, this.mem.layout.framesBase, this.mem.layout.framesEnd);
    // 3. devices
    this.console = new Console(opts.topology, opts.console);
    // 4. one kernel instance per core, all importing the same memory, each with its monitor
    opts.topology.cores.forEach((spec, id) => {
      const monitor = new Monitor(id, spec.isa, this);
      const kernel = instantiateKernel(kernelModule(spec.isa), this.mem.memory, monitor.imports());
      monitor.kernel = kernel;
      kernel.init(id, coreBlock(id));
      this.cores.push({ id, isa: spec.isa, kernel, monitor, idle: true });
    });
  }

  /** Loads a linked image as a new program (domain). */
  load(image: WfxFile, name: string): Domain {
    if (image.kind !== 'image') throw new UserError(`${name} is an object file, not a linked image: link it first (wasmfish link)`);
    const d = new Domain(this.nextDomain++, name, image, this.mem.view, this.frames);
    this.domains.set(d.id, d);
    return d;
  }

  /** Starts a dispatcher of `domain` on `core` at the entry of that core's ISA slice. */
  spawn(domain: Domain, core: number, arg = 0, entry?: number): DispatcherRecord {
    const c = this.cores[core];
    if (!c) throw new UserError(`core ${core} does not exist (this machine has cores 0..${this.cores.length - 1})`);
    const pc = entry ?? domain.entryFor(c.isa, core);
    const stackSlot = domain.allocStack();
    const id = this.nextDispatcher++;
    const slot = c.kernel.dispatcher_create(id, domain.id, domain.root, pc, arg >>> 0, stackSlot);
    if (slot < 0) {
      domain.freeStack(stackSlot);
      throw new UserError(slot === -1 ? `core ${core} has no free dispatcher slot` : `core ${core}: the new dispatcher's stack is not writable`);
    }
    const rec: DispatcherRecord = { id, domain, core, slot, stackSlot, state: 'live' };
    this.dispatchers.set(id, rec);
    domain.dispatchers.set(id, core);
    c.idle = false;
    return rec;
  }

  // ── MonitorHost ──
  dispatcherEnded(id: number, core: number, end: { code: number } | { fault: FaultInfo }): void {
    const rec = this.dispatchers.get(id);
    if (!rec) return;
    this.console.flushDispatcher(core, id);
    if ('fault' in end) {
      rec.state = 'faulted';
      rec.fault = end.fault;
      this.diag(formatFault(end.fault, core, this.cores[core].isa, `dispatcher ${id} of ${rec.domain.name}`, rec.domain.image));
    } else {
      rec.state = 'exited';
      rec.exitCode = end.code;
    }
    rec.domain.freeStack(rec.stackSlot);
    rec.domain.dispatchers.delete(id);
    if (rec.domain.dispatchers.size === 0) {
      rec.domain.release(this.frames);
      this.domains.delete(rec.domain.id);
    }
  }

  growHeap(id: number, bytes: number): number {
    const rec = this.dispatchers.get(id);
    return rec ? rec.domain.grow(bytes) : -1;
  }

  stats(core: number): CoreStats {
    return this.mem.coreStats(core);
  }

  /** Dispatchers that have not ended. */
  live(): DispatcherRecord[] {
    return [...this.dispatchers.values()].filter((d) => d.state === 'live');
  }
}
