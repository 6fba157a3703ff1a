// The physical memory one monitor owns: a share of the frames region (host/memory.ts
// frameShare), handed out frame by frame, plus frames other monitors gave it. When the share
// runs low the monitor asks the others (monitor.ts requests 'frames').
import { PAGE_SIZE } from '../../kernel/shared/addrspace.js';
import type { FrameSource } from '../pagetable.js';

export class FrameShare {
  private next: number;
  private readonly free: number[] = [];

  constructor(private readonly bytes: Uint8Array, private readonly start: number, private readonly end: number) {
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

  /** Up to `n` frames for another monitor (it owns them from now on). */
  lend(n: number): number[] {
    const out: number[] = [];
    while (out.length < n) {
      const f = this.take();
      if (f === undefined) break;
      out.push(f);
    }
    return out;
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
