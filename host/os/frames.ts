// The physical memory one monitor owns: a share of the frames region (host/hardware/memory.ts
// frameShare), handed out frame by frame, plus frames other monitors gave it. When the share
// runs low the monitor asks the others (monitor.ts requests 'frames').
import { PAGE_SIZE } from '../../kernel/shared/addrspace.js';
import type { FrameSource } from '../../isa/pagetable.js';

export class FrameShare {
  private next: number;
  private readonly free: number[] = [];

  constructor(private readonly bytes: Uint8Array, start: number, private readonly end: number) {
    this.next = start;
  }

  /** Frames that can be handed out without asking anyone. */
  get available(): number {
    return this.free.length + (this.end - this.next) / PAGE_SIZE;
  }

  /** A zeroed frame, or undefined if this share is empty. */
  take(): number | undefined {
    let f = this.free.pop();
    if (f === undefined) {
      if (this.next >= this.end) return undefined;
      f = this.next;
      this.next += PAGE_SIZE;
    }
    this.bytes.fill(0, f, f + PAGE_SIZE);
    return f;
  }

  give(frame: number): void {
    this.free.push(frame);
  }

  /**
   * Up to `n` frames for another monitor (it owns them from now on), as at most `maxRanges`
   * runs of contiguous frames: [start, count, start, count, …].
   */
  lend(n: number, maxRanges: number): number[] {
    const out: number[] = [];
    const bump = Math.min(n, (this.end - this.next) / PAGE_SIZE);
    if (bump > 0) {
      out.push(this.next, bump);
      this.next += bump * PAGE_SIZE;
    }
    let left = n - bump;
    while (left > 0 && out.length / 2 < maxRanges && this.free.length > 0) {
      out.push(this.free.pop()!, 1);
      left--;
    }
    return out;
  }

  /** Takes frames lent by another monitor (ranges as lend() gives them). */
  receive(ranges: readonly number[]): void {
    for (let i = 0; i + 1 < ranges.length; i += 2) {
      for (let k = 0; k < ranges[i + 1]; k++) this.free.push(ranges[i] + k * PAGE_SIZE);
    }
  }
}

/** Frames taken for one purpose (a domain), remembered so they can all be given back. */
export class FrameLedger implements FrameSource {
  readonly frames: number[] = [];
  constructor(private readonly share: FrameShare) {}
  allocFrame(): number {
    const f = this.share.take();
    if (f === undefined) throw new OutOfFrames();
    this.frames.push(f);
    return f;
  }
  /** Takes `frame` out of the ledger (it is being freed by itself); false if it was not in it. */
  give(frame: number): boolean {
    const i = this.frames.indexOf(frame);
    if (i < 0) return false;
    this.frames.splice(i, 1);
    return true;
  }

  releaseAll(): void {
    for (const f of this.frames) this.share.give(f);
    this.frames.length = 0;
  }
}

export class OutOfFrames extends Error {
  constructor() {
    super('out of physical frames');
  }
}
