// An arena for isolation tests: a lockstep machine with well-behaved victims on every core —
// self-checking loops over their data and heap (test/hostile/victim-*.s) and a stream of
// checked messages between cores 0 and 3 (test/programs/urpc/stream.s) — into which hostile
// programs are released. It fingerprints everything the victims own that must not change —
// their text, data and heap pages, found through their page tables, and the page tables
// themselves — and knows the physical addresses worth attacking.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runLockstep } from '../../host/machine/lockstep.js';
import type { DispatcherRecord } from '../../host/machine/dispatchers.js';
import { Machine, type Program } from '../../host/machine/machine.js';
import { monitorChannel, poolChannel } from '../../host/hardware/memory.js';
import { walk } from '../../isa/pagetable.js';
import { resolveTopology } from '../../host/hardware/topology.js';
import { ISA_NAMES } from '../../isa/index.js';
import { DATA_BASE, PAGE_MASK, PAGE_SIZE, STACKS_BASE, STACKS_END, stackTop } from '../../kernel/shared/addrspace.js';
import { CH_PUBLIC, CH_RINGS, EPS_OPEN, EP_SIZE, EP_STATE, MAX_ENDPOINTS } from '../../kernel/shared/channel.js';
import {
  C_CLOCK, C_CONSOLE, C_CURRENT, C_DOORBELL, C_ENDPOINTS, C_MSGBUF, C_RUNQ, C_TLB_READ, DS_FREE,
  D_ID, D_PC, D_PTROOT, D_STACK_SLOT, D_STATE, KWIN_SIZE, MACHINE_BASE, MAX_DISPATCHERS, M_NCORES,
  PTE_FLAGS, PTE_PRESENT, coreBlock, dcbAddress, kernelWindow,
} from '../../kernel/shared/layout.js';
import { buildImage } from '../../toolchain/build.js';
import type { WfxFile } from '../../toolchain/image/format.js';

const HERE = join(import.meta.dirname, '..');
export const fat = (dir: string, stem: string) => ISA_NAMES.map((isa) => join(HERE, dir, `${stem}-${isa}.s`));
/** test/programs/<isa>/sieve.s for every ISA: prints 1229 on any core */
export const sieveImage = () => buildImage(ISA_NAMES.map((isa) => join(HERE, 'programs', isa, 'sieve.s')));

/** r32, s32, a32 and one more r32 core: the stream runs between the two r32 cores. */
export const ARENA_CORES = 'r32,s32,a32,r32';
/** what every victim prints: the sum of its pattern (victim-r32.s) */
export const VICTIM_SUM = (() => {
  let x = 0, s = 0;
  for (let i = 0; i < 256 + 1024; i++) { x = (x + 0x9e3779b9) >>> 0; s = (s + x) >>> 0; }
  return s | 0;
})();

export interface ArenaOptions {
  /** rounds of each victim's check loop (default 60) */
  readonly rounds?: number;
  /** messages of the stream (default 8000) */
  readonly messages?: number;
  readonly memoryMiB?: number;
  readonly budget?: number;
}

/** A physical address worth attacking, and what it is. */
export interface Target { readonly what: string; readonly addr: number }

export class Arena {
  readonly m: Machine;
  diag = '';
  /** the victims, one per core (core order), then the stream's main */
  readonly victims: DispatcherRecord[];
  readonly messages: number;
  /** what each dispatcher printed, by id */
  readonly printed = new Map<number, string>();
  private readonly loaded = new Map<WfxFile, Program>();

  constructor(opts: ArenaOptions = {}) {
    this.m = new Machine({
      topology: resolveTopology('default', ARENA_CORES), memoryMiB: opts.memoryMiB ?? 16, budget: opts.budget,
      console: { sink: () => {} }, diag: (t) => { this.diag += t; },
    });
    const write = this.m.console.write.bind(this.m.console);
    this.m.console.write = (core, d, bytes) => {
      this.printed.set(d, (this.printed.get(d) ?? '') + new TextDecoder().decode(bytes));
      write(core, d, bytes);
    };
    const victim = this.m.load(buildImage(fat('hostile', 'victim')), 'victim');
    this.victims = this.m.topology.cores.map((_, core) => this.m.spawn(victim, core, opts.rounds ?? 60));
    this.messages = opts.messages ?? 8000;
    const stream = this.m.load(buildImage([join(HERE, 'programs', 'urpc', 'stream.s')]), 'stream');
    this.victims.push(this.m.spawn(stream, 0, this.messages));
  }

  /** Runs until `done()` holds (checked every 20000 cycles) or the cores reach `limit` cycles. */
  runUntil(done: () => boolean, limit: number): void {
    let t = Math.max(...this.m.cores.map((c) => c.kernel.now()));
    while (!done() && t < limit) {
      t += 20_000;
      if (runLockstep(this.m, { maxCycles: t }) === 'done') break;
    }
  }

  /** Runs until nothing is left to run. */
  finish(): void {
    runLockstep(this.m);
  }

  /** Starts `image` as a new program on `core` (the image is stored once). */
  release(image: WfxFile, core: number, arg: number): DispatcherRecord {
    let p = this.loaded.get(image);
    if (!p) {
      p = this.m.load(image, `hostile-${this.loaded.size}`);
      this.loaded.set(image, p);
    }
    return this.m.spawn(p, core, arg);
  }

  /** The control block of a live dispatcher, found by its id on its core. */
  dcb(d: DispatcherRecord): number {
    for (let slot = 0; slot < MAX_DISPATCHERS; slot++) {
      const at = dcbAddress(d.core, slot);
      if (this.m.mem.u32(at + D_STATE) !== DS_FREE && this.m.mem.u32(at + D_ID) === d.id) return at;
    }
    throw new Error(`dispatcher ${d.id} is not live on core ${d.core}`);
  }

  /** The page directory of a live dispatcher's domain. */
  root(d: DispatcherRecord): number {
    return this.m.mem.u32(this.dcb(d) + D_PTROOT);
  }

  /** The page tables of the address space at `root`: [directory index, physical address]. */
  tables(root: number): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < 1024; i++) {
      const pde = this.m.mem.u32(root + 4 * i);
      if (pde & PTE_PRESENT) out.push([i, (pde & ~PTE_FLAGS) >>> 0]);
    }
    return out;
  }

  /** Every mapped page of the address space at `root`: [va, pte]. */
  pages(root: number): [number, number][] {
    const out: [number, number][] = [];
    for (const [i, table] of this.tables(root)) {
      for (let j = 0; j < 1024; j++) {
        const pte = this.m.mem.u32(table + 4 * j);
        if (pte & PTE_PRESENT) out.push([((i << 22) | (j << 12)) >>> 0, pte]);
      }
    }
    return out;
  }

  /**
   * A hash of what the victims own that nothing may change: their page tables, every byte,
   * and the contents of every page they map outside the stacks region.
   */
  fingerprint(): string {
    const h = createHash('sha256');
    const page = (at: number) => this.m.mem.bytes.subarray(at, at + PAGE_SIZE);
    const roots = new Set(this.victims.filter((v) => v.state === 'live').map((v) => this.root(v)));
    for (const root of roots) {
      h.update(page(root));
      for (const [, table] of this.tables(root)) h.update(page(table));
      for (const [va, pte] of this.pages(root)) {
        if (va < STACKS_BASE || va >= STACKS_END) h.update(page((pte & ~PTE_FLAGS) >>> 0));
      }
    }
    return h.digest('hex');
  }

  /** The handles open on `core` (whoever owns them). */
  openHandles(core: number): number[] {
    const out: number[] = [];
    for (let h = 0; h < MAX_ENDPOINTS; h++) {
      if (this.m.mem.u32(coreBlock(core) + C_ENDPOINTS + h * EP_SIZE + EP_STATE) === EPS_OPEN) out.push(h);
    }
    return out;
  }

  /**
   * Physical addresses a program on `core` has no business reaching: kernel, monitor and
   * channel state, the victims' frames and page tables, the ends of memory. Each is bumped
   * past the pages a program of `image` maps itself, so that the address — taken as a
   * virtual address — names nothing of the attacker's own.
   */
  targets(core: number, image: WfxFile): Target[] {
    const l = this.m.mem.layout;
    const n = this.m.cores.length;
    const other = (core + 1) % 3;
    const victim = this.victims[core];
    const root = this.root(victim);
    const frame = (va: number) => walk(this.m.mem.view, root, va)!.frame;
    const data = DATA_BASE;
    const heap = Math.max(...this.pages(root).filter(([va]) => va < STACKS_BASE).map(([va]) => va));
    const slot = this.m.mem.u32(this.dcb(victim) + D_STACK_SLOT);
    const stream = poolChannel(l, 3, 0);
    const list: Target[] = [
      { what: 'the null page', addr: 0x100 },
      ...[0, 1, 2].map((i) => ({ what: `the ${ISA_NAMES[i]} kernel's static data`, addr: kernelWindow(i) + 0x40 })),
      { what: 'the last line of a kernel window', addr: kernelWindow(2) + KWIN_SIZE - 64 },
      { what: 'the machine block', addr: MACHINE_BASE + M_NCORES },
      { what: "this core's block: its current dispatcher", addr: coreBlock(core) + C_CURRENT },
      { what: "the victim's control block (its pc)", addr: this.dcb(victim) + D_PC },
      { what: "this core's TLB", addr: coreBlock(core) + C_TLB_READ },
      { what: "this core's run queue", addr: coreBlock(core) + C_RUNQ },
      { what: "this core's console buffer", addr: coreBlock(core) + C_CONSOLE },
      { what: "this core's channel endpoints", addr: coreBlock(core) + C_ENDPOINTS },
      { what: "this core's monitor message buffer", addr: coreBlock(core) + C_MSGBUF },
      { what: "another core's doorbell", addr: coreBlock(other) + C_DOORBELL },
      { what: "another core's clock", addr: coreBlock(n - 1) + C_CLOCK },
      { what: 'the latency matrix', addr: l.latBase },
      { what: 'the coherence directory', addr: l.dirBase + 64 },
      { what: 'a monitor mesh ring', addr: monitorChannel(l, core, other) + CH_RINGS },
      { what: "the stream's ring", addr: stream + CH_RINGS + 64 },
      { what: "the stream's credits", addr: stream + CH_PUBLIC },
      { what: "the victim's page directory", addr: root + 0x10 },
      { what: "the victim's page table", addr: (this.m.mem.u32(root + 4 * (data >>> 22)) & ~PTE_FLAGS) + 0x10 },
      { what: "the victim's text", addr: frame(this.pages(root)[0][0]) + 8 },
      { what: "the victim's data", addr: frame(data) + 8 },
      { what: "the victim's heap", addr: frame(heap) + 8 },
      { what: "the victim's stack", addr: frame(stackTop(slot) - 4) + PAGE_SIZE - 16 },
      { what: "another core's victim's data", addr: walk(this.m.mem.view, this.root(this.victims[other]), DATA_BASE)!.frame + 8 },
      { what: 'the last frame', addr: l.framesEnd - 64 },
      { what: 'beyond the end of memory', addr: l.framesEnd + 16 * PAGE_SIZE },
      { what: 'the top of the address space', addr: 0xfffffffc },
      { what: 'just below the exit address', addr: 0xffffeffc },
    ];
    const own = image.sections.map((s) => [s.addr & ~PAGE_MASK, (s.addr + s.size + PAGE_MASK) & ~PAGE_MASK]);
    const mine = (a: number) => own.some(([lo, hi]) => a >= lo && a < hi) || (a >= STACKS_BASE && a < STACKS_END);
    return list.map((t) => {
      let addr = t.addr >>> 0;
      while (mine(addr)) addr += PAGE_SIZE;
      return { what: t.what, addr };
    });
  }
}
