// A domain: one running program — its address space (page table, text slices, data, heap,
// stacks) shared by all of its dispatchers on any core (Barrelfish's "domain"). The loader
// builds it from a linked image; the frames it uses are returned when it ends.
import type { IsaName } from '../isa/index.js';
import {
  HEAP_LIMIT, PAGE_MASK, PAGE_SIZE, STACK_PAGES, STACK_SLOTS, stackTop,
} from '../kernel/shared/addrspace.js';
import { PTE_EXEC, PTE_WRITE } from '../kernel/shared/layout.js';
import type { WfxFile } from '../toolchain/image/format.js';
import { UserError } from '../toolchain/errors.js';
import type { FrameAllocator } from './frames.js';
import { type FrameSource, mapPage, mapRegion } from './pagetable.js';

const pageDown = (a: number) => a & ~PAGE_MASK;
const pageUp = (a: number) => (a + PAGE_MASK) & ~PAGE_MASK;

/** Frames taken for one domain, so they can all be given back. */
class DomainFrames implements FrameSource {
  readonly frames: number[] = [];
  constructor(private readonly alloc: FrameAllocator) {}
  allocFrame(): number {
    const f = this.alloc.allocFrame();
    this.frames.push(f);
    return f;
  }
}

export class Domain {
  /** the page directory */
  readonly root: number;
  /** current end of the heap (grows with memgrow) */
  brk: number;
  /** stack slots in use, and those whose pages are mapped (a freed slot keeps its pages) */
  private readonly stackSlots = new Set<number>();
  private readonly stackMapped = new Set<number>();
  private readonly frames: DomainFrames;
  /** live dispatchers: machine-wide id -> core */
  readonly dispatchers = new Map<number, number>();

  constructor(
    readonly id: number,
    readonly name: string,
    readonly image: WfxFile,
    private readonly view: DataView,
    alloc: FrameAllocator,
  ) {
    this.frames = new DomainFrames(alloc);
    this.root = this.frames.allocFrame();
    this.brk = this.load();
  }

  /** Maps every section of the image; returns the start of the heap. */
  private load(): number {
    let rwStart = Infinity, rwEnd = 0;
    for (const s of this.image.sections) {
      if (s.kind === 'text') {
        mapRegion(this.view, this.frames, this.root, pageDown(s.addr), pageUp(s.addr + s.size) - pageDown(s.addr), PTE_EXEC, padTo(s.bytes, s.addr & PAGE_MASK));
      } else {
        rwStart = Math.min(rwStart, s.addr);
        rwEnd = Math.max(rwEnd, s.addr + s.size);
      }
    }
    if (rwEnd === 0) return 0x01000000;
    const base = pageDown(rwStart);
    const frames = mapRegion(this.view, this.frames, this.root, base, pageUp(rwEnd) - base, PTE_WRITE);
    // copy initialised data into its frames, page by page (bss stays zero)
    const mem = new Uint8Array(this.view.buffer);
    for (const s of this.image.sections) {
      if (s.kind !== 'data') continue;
      for (let i = 0; i < s.bytes.length; i++) {
        const va = s.addr + i;
        mem[frames[(va - base) >>> 12] + (va & PAGE_MASK)] = s.bytes[i];
      }
    }
    return pageUp(rwEnd);
  }

  /** Entry point of the slice for `isa`, or a clear error if the image has none. */
  entryFor(isa: IsaName, core: number): number {
    const text = this.image.sections.find((s) => s.kind === 'text' && s.isa === isa);
    if (!text || text.entry === undefined) {
      const have = this.image.sections.filter((s) => s.kind === 'text').map((s) => s.isa).join(', ') || 'none';
      throw new UserError(`${this.name} has no ${isa} code (its slices: ${have}), so it cannot run on core ${core} (${isa})`);
    }
    return text.entry;
  }

  /** Takes a free stack slot and maps its stack pages; returns the slot. */
  allocStack(): number {
    let slot = 0;
    while (this.stackSlots.has(slot)) slot++;
    if (slot >= STACK_SLOTS) throw new UserError(`${this.name}: more than ${STACK_SLOTS} dispatchers`);
    this.stackSlots.add(slot);
    const top = stackTop(slot);
    if (!this.stackMapped.has(slot)) {
      mapRegion(this.view, this.frames, this.root, top - STACK_PAGES * PAGE_SIZE, STACK_PAGES * PAGE_SIZE, PTE_WRITE);
      this.stackMapped.add(slot);
    }
    return slot;
  }

  freeStack(slot: number): void {
    this.stackSlots.delete(slot);
  }

  /**
   * Grows the heap by `bytes` (sys memgrow): maps fresh zeroed pages and returns the old end,
   * or -1 if it would pass HEAP_LIMIT or memory is exhausted.
   */
  grow(bytes: number): number {
    const old = this.brk;
    if (bytes < 0 || old + bytes > HEAP_LIMIT) return -1;
    try {
      for (let va = pageUp(old); va < pageUp(old + bytes); va += PAGE_SIZE) {
        mapPage(this.view, this.frames, this.root, va, this.frames.allocFrame(), PTE_WRITE);
      }
    } catch (e) {
      if (e instanceof UserError) return -1;
      throw e;
    }
    this.brk = old + bytes;
    return old;
  }

  /** Returns every frame of this domain (it has no dispatchers left). */
  release(alloc: FrameAllocator): void {
    for (const f of this.frames.frames) alloc.freeFrame(f);
    this.frames.frames.length = 0;
  }
}

/** `bytes` shifted right by `lead` zero bytes (a section that starts inside a page). */
function padTo(bytes: Uint8Array, lead: number): Uint8Array {
  if (lead === 0) return bytes;
  const out = new Uint8Array(lead + bytes.length);
  out.set(bytes, lead);
  return out;
}
