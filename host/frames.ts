// Physical frame allocation: a free list over a range of the machine memory. Frames are
// zeroed when handed out, so no program ever sees another's old data.
import { PAGE_SIZE } from '../kernel/shared/addrspace.js';
import type { FrameSource } from './pagetable.js';
import { UserError } from '../toolchain/errors.js';

export class FrameAllocator implements FrameSource {
  private next: number;
  private readonly free: number[] = [];
  private inUse = 0;

  constructor(private readonly bytes: Uint8Array, readonly base: number, readonly end: number) {
    this.next = base;
  }

  allocFrame(): number {
    let f = this.free.pop();
    if (f === undefined) {
      if (this.next + PAGE_SIZE > this.end) {
        throw new UserError(`out of physical memory: all ${this.total} frames (${(this.total * PAGE_SIZE) >> 20} MiB) are in use`);
      }
      f = this.next;
      this.next += PAGE_SIZE;
    }
    this.bytes.fill(0, f, f + PAGE_SIZE);
    this.inUse++;
    return f;
  }

  freeFrame(frame: number): void {
    this.free.push(frame);
    this.inUse--;
  }

  get total(): number {
    return (this.end - this.base) / PAGE_SIZE;
  }

  get used(): number {
    return this.inUse;
  }
}
