// Shared/portable (AssemblyScript and TypeScript): imports only other files of shared/ (by
// their .ts name, which both compilers accept), and holds nothing but typed constants, small
// pure functions and a plain class; integer division only where it is exact.
//
// The lower half of layout.ts's map: where its regions fall on a machine of `ncores` cores
// with `frameBytes` of frames. Their sizes depend on the machine, so the host plans them once,
// at boot, and writes the bases into the machine block (host/memory.ts applies this plan);
// kernels read them there. In map order, each region page aligned:
//
//   core blocks ─ latency matrix ─ coherence directory ─ channels: monitor mesh, per-core
//   pools of program channels, broadcast lines ─ frames
//
// The directory covers everything from the channels to the end of the frames: one DIR_ENTRY
// per 64-byte line.
import { PAGE_SIZE } from "./addrspace.ts";
import { MONITOR_SLOTS, USER_SLOTS, channelSize } from "./channel.ts";
import { CORES_BASE, CORE_SIZE, DIR_ENTRY, LINE_SIZE, MAX_MEMORY_PAGES, WASM_PAGE } from "./layout.ts";

export const MONITOR_CHANNEL_BYTES: u32 = channelSize(MONITOR_SLOTS);
export const USER_CHANNEL_BYTES: u32 = channelSize(USER_SLOTS);

/** The bases of the machine-dependent regions (addresses in the shared memory). */
export class Layout {
  readonly ncores!: u32;
  readonly latBase!: u32;
  readonly dirBase!: u32;
  /** the monitor mesh first (one channel per pair of cores), then the pools */
  readonly channelsBase!: u32;
  /** the per-core pools of program channels */
  readonly poolsBase!: u32;
  /** channels in each core's pool */
  readonly poolSize!: u32;
  /** one cache line per core that its monitor writes once for every other to read */
  readonly broadcastBase!: u32;
  readonly framesBase!: u32;
  readonly framesEnd!: u32;
  /** the memory's size in Wasm pages */
  readonly pages!: u32;
}

function alignUp(x: u32, a: u32): u32 {
  const r = x % a;
  return r == 0 ? x : x + (a - r);
}

/** Program channels in each core's pool (its monitor hands them out): fewer on big machines. */
export function channelsPerCore(ncores: u32): u32 {
  const n = (2048 - 2048 % ncores) / ncores;
  return n < 8 ? 8 : n > 64 ? 64 : n;
}

/** Where each region goes for a machine of `ncores` cores with `frameBytes` of frames. */
export function planLayout(ncores: u32, frameBytes: u32): Layout {
  const n = ncores;
  const latBase = alignUp(CORES_BASE + n * CORE_SIZE, PAGE_SIZE);
  const meshBytes = alignUp((n * (n - 1)) / 2 * MONITOR_CHANNEL_BYTES, PAGE_SIZE);
  const poolSize = channelsPerCore(n);
  const poolBytes = alignUp(n * poolSize * USER_CHANNEL_BYTES, PAGE_SIZE);
  const frames = alignUp(frameBytes, PAGE_SIZE);
  const broadcastBytes = alignUp(n * LINE_SIZE, PAGE_SIZE);
  const tracked = meshBytes + poolBytes + broadcastBytes + frames;
  const dirBase = alignUp(latBase + n * n * 2, PAGE_SIZE);
  const channelsBase = alignUp(dirBase + (tracked / LINE_SIZE) * DIR_ENTRY, PAGE_SIZE);
  const broadcastBase = channelsBase + meshBytes + poolBytes;
  const framesBase = broadcastBase + broadcastBytes;
  const framesEnd = alignUp(framesBase + frames, WASM_PAGE);
  const pages = framesEnd / WASM_PAGE;
  if (pages > MAX_MEMORY_PAGES) {
    throw new RangeError(`a machine of ${n} cores with ${frames >> 20} MiB of frames needs more than 2 GiB`);
  }
  return {
    ncores: n, latBase, dirBase, channelsBase, poolsBase: channelsBase + meshBytes, poolSize, broadcastBase,
    framesBase, framesEnd, pages,
  };
}

/** The channel between the monitors of cores a and b (a ≠ b); its side A is the lower core. */
export function monitorChannel(l: Layout, a: u32, b: u32): u32 {
  const lo = a < b ? a : b, hi = a < b ? b : a;
  const index = lo * l.ncores - (lo * (lo + 1)) / 2 + (hi - lo - 1);
  return l.channelsBase + index * MONITOR_CHANNEL_BYTES;
}

/** Program channel `i` of core `core`'s pool. */
export function poolChannel(l: Layout, core: u32, i: u32): u32 {
  return l.poolsBase + (core * l.poolSize + i) * USER_CHANNEL_BYTES;
}

/** The broadcast line of core `core`'s monitor (its format: shared/channel.ts). */
export function broadcastLine(l: Layout, core: u32): u32 {
  return l.broadcastBase + core * LINE_SIZE;
}

/** Frames of each core's share; the last core's share also takes the rest. */
function sharePages(l: Layout): u32 {
  const pages = (l.framesEnd - l.framesBase) / PAGE_SIZE;
  return (pages - pages % l.ncores) / l.ncores;
}

/** The first frame of core `core`'s share of the frames, which its monitor owns. */
export function frameShareStart(l: Layout, core: u32): u32 {
  return l.framesBase + core * sharePages(l) * PAGE_SIZE;
}

/** The end of core `core`'s share (exclusive). */
export function frameShareEnd(l: Layout, core: u32): u32 {
  return core == l.ncores - 1 ? l.framesEnd : frameShareStart(l, core) + sharePages(l) * PAGE_SIZE;
}
