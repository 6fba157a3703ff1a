// A domain's address space — one running program's page table, text slices, data, heap and
// stacks, shared by all of its dispatchers on any core — as the monitors build it. Every
// function here works on the page tables in shared memory and takes its frames from the
// calling monitor's own ledger.
import type { IsaName } from '../../isa/index.js';
import {
  DATA_BASE, HEAP_LIMIT, PAGE_MASK, PAGE_SIZE, STACK_PAGES, stackTop,
} from '../../kernel/shared/addrspace.js';
import { PTE_EXEC, PTE_SHARED, PTE_WRITE } from '../../kernel/shared/layout.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { type FrameSource, mapPage, mapRegion, setPageFlags, walk } from '../../isa/pagetable.js';

const pageDown = (a: number) => a & ~PAGE_MASK;
const pageUp = (a: number) => (a + PAGE_MASK) & ~PAGE_MASK;

/** Builds a domain's page table from an image; returns its root and the start of its heap. */
export function loadImage(view: DataView, frames: FrameSource, image: WfxFile): { root: number; brk: number } {
  const root = frames.allocFrame();
  let rwStart = Infinity, rwEnd = 0;
  for (const s of image.sections) {
    if (s.kind === 'text') {
      const lead = s.addr & PAGE_MASK;
      const bytes = new Uint8Array(lead + s.bytes.length);
      bytes.set(s.bytes, lead);
      mapRegion(view, frames, root, pageDown(s.addr), pageUp(s.addr + s.size) - pageDown(s.addr), PTE_EXEC, bytes);
    } else {
      rwStart = Math.min(rwStart, s.addr);
      rwEnd = Math.max(rwEnd, s.addr + s.size);
    }
  }
  if (rwEnd === 0) return { root, brk: DATA_BASE };
  // data laid out from the first read-write page; bss stays as the fresh frames are: zero
  const base = pageDown(rwStart);
  const data = image.sections.filter((s) => s.kind === 'data');
  const bytes = new Uint8Array(Math.max(0, ...data.map((s) => s.addr + s.bytes.length - base)));
  for (const s of data) bytes.set(s.bytes, s.addr - base);
  mapRegion(view, frames, root, base, pageUp(rwEnd) - base, PTE_WRITE, bytes);
  return { root, brk: pageUp(rwEnd) };
}

/** Maps the stack pages of stack slot `slot` (unless they are mapped already). */
export function mapStack(view: DataView, frames: FrameSource, root: number, slot: number): void {
  const top = stackTop(slot);
  if (walk(view, root, top - PAGE_SIZE)) return;
  mapRegion(view, frames, root, top - STACK_PAGES * PAGE_SIZE, STACK_PAGES * PAGE_SIZE, PTE_WRITE);
}

/**
 * Grows a heap from `brk` by `bytes`: maps fresh pages (shared ones for a domain running on
 * several cores) and returns the new end, or -1 past HEAP_LIMIT.
 */
export function growHeap(view: DataView, frames: FrameSource, root: number, brk: number, bytes: number, shared: boolean): number {
  if (bytes < 0 || brk + bytes > HEAP_LIMIT) return -1;
  for (let va = pageUp(brk); va < pageUp(brk + bytes); va += PAGE_SIZE) {
    mapPage(view, frames, root, va, frames.allocFrame(), PTE_WRITE | (shared ? PTE_SHARED : 0));
  }
  return brk + bytes;
}

/** Frames a heap growth needs at most (pages plus page tables). */
export function framesForGrowth(brk: number, bytes: number): number {
  const pages = (pageUp(brk + Math.max(0, bytes)) - pageUp(brk)) / PAGE_SIZE;
  return pages + Math.ceil(pages / 1024) + 1;
}

/**
 * Marks the data, bss and heap pages shared: from now on the cost model sees every access
 * to them (the domain runs on more than one core). The caller flushes the TLBs.
 */
export function markShared(view: DataView, root: number, brk: number): void {
  for (let va = DATA_BASE; va < pageUp(brk); va += PAGE_SIZE) setPageFlags(view, root, va, PTE_SHARED);
}

/** The entry point of the image's slice for `isa`, or undefined if it has none. */
export function entryOf(image: WfxFile, isa: IsaName): number | undefined {
  return image.sections.find((s) => s.kind === 'text' && s.isa === isa)?.entry;
}

/**
 * The same function in another ISA's slice: the global symbol at `addr` in the `from` slice,
 * looked up by name in the `to` slice. 'no-code' if the image has no slice for `to`,
 * 'not-a-function' if no global symbol starts at `addr` or the other slice lacks it.
 */
export function translateEntry(image: WfxFile, from: IsaName, addr: number, to: IsaName): number | 'no-code' | 'not-a-function' {
  const sec = (isa: IsaName) => image.sections.findIndex((s) => s.kind === 'text' && s.isa === isa);
  const src = sec(from), dst = sec(to);
  if (dst < 0) return 'no-code';
  if (from === to) return addr;
  const sym = image.symbols.find((s) => s.section === src && s.value === addr && s.global);
  const there = sym && image.symbols.find((s) => s.section === dst && s.name === sym.name && s.global);
  return there ? there.value : 'not-a-function';
}

/** `len` bytes of a domain's memory at `va`, or null if any of them is unmapped. */
export function readUser(view: DataView, root: number, va: number, len: number): Uint8Array | null {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const m = walk(view, root, (va + i) >>> 0);
    if (!m) return null;
    out[i] = view.getUint8(m.frame + ((va + i) & PAGE_MASK));
  }
  return out;
}
