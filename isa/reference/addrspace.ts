// A minimal program address space for tests of an interpreter: text, data and one stack, laid
// out as kernel/shared/addrspace.ts draws it. The physical memory and the frame source are
// parameters, so the kernel's differential test can build the very same space inside the
// Wasm machine's memory that the reference interpreter walks over a plain DataView.
import { type FrameSource, PTE_EXEC, PTE_WRITE, mapRegion } from '../pagetable.js';
import { DATA_BASE, PAGE_SIZE, STACK_PAGES, stackTop, textBase } from '../../kernel/shared/addrspace.js';
import type { Isa } from '../types.js';

export interface ProgramImage {
  /** instruction bytes, mapped at textBase(isa): present, executable, read-only */
  readonly text: Uint8Array;
  /** initial contents of the data region at DATA_BASE (default: none, zeroes) */
  readonly data?: Uint8Array;
  /** size of the data region in bytes (default: `data` rounded up to pages, at least one page) */
  readonly dataSize?: number;
}

export interface AddressSpace {
  /** the physical memory passed in */
  readonly mem: DataView;
  /** physical address of the page directory */
  readonly root: number;
}

const pages = (bytes: number) => Math.max(1, Math.ceil(bytes / PAGE_SIZE)) * PAGE_SIZE;

/**
 * Lays out `image` for `isa` in fresh frames from `frames` (which must hand out zeroed
 * frames): a page directory, the text (at least one page), the data region (read-write) and
 * the STACK_PAGES read-write pages at the top of stack slot 0, i.e. just below stackTop(0);
 * the rest of slot 0 stays unmapped, its guard pages. Nothing else is mapped.
 */
export function buildAddressSpace(phys: DataView, frames: FrameSource, isa: Isa, image: ProgramImage): AddressSpace {
  const root = frames.allocFrame();
  mapRegion(phys, frames, root, textBase(isa.index), pages(image.text.length), PTE_EXEC, image.text);
  const data = image.data ?? new Uint8Array(0);
  mapRegion(phys, frames, root, DATA_BASE, pages(image.dataSize ?? data.length), PTE_WRITE, data);
  const stackSize = STACK_PAGES * PAGE_SIZE;
  mapRegion(phys, frames, root, stackTop(0) - stackSize, stackSize, PTE_WRITE);
  return { mem: phys, root };
}
