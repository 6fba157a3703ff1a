// The interconnect cost model (lockstep mode): a directory entry per 64-byte line of the
// shared regions (shared/layout.ts) remembers which core wrote the line last, when, and which
// cores hold copies. Reading a line another core wrote, or writing a line others hold, costs
// the topology's transfer latency between those cores — and cannot happen before the write
// it observes, so simulated time stays causal however far apart the cores' clocks are.
// Nothing here is specific to an experiment: the costs of shared memory and of messages
// emerge from the lines the code touches.
import { CONTENTION_WINDOW } from "./shared/costs";
import { clock, coreBase, coreId } from "./core";
import {
  C_PERIOD, DIR_ENTRY, DIR_SHARERS, DIR_TIME, DIR_WRITER, DIR_WRITERS, MACHINE_BASE, MF_COHERENCE,
  M_CHANNELS_BASE, M_DIR_BASE, M_FLAGS, M_FRAMES_END, M_LAT_BASE, M_NCORES,
} from "./shared/layout";

/** charge cache-line transfers (lockstep) or not (parallel mode: real hardware does) */
export let coherent: bool = false;
let dirBase: usize = 0;
let dirOrigin: usize = 0;
let dirEnd: usize = 0;
let latBase: usize = 0;
let cores: u32 = 0;
/** picoseconds per cycle of this core */
let period: u64 = 1;

export function initCoherence(): void {
  coherent = (load<u32>(MACHINE_BASE + M_FLAGS) & MF_COHERENCE) != 0;
  dirBase = load<u32>(MACHINE_BASE + M_DIR_BASE);
  dirOrigin = load<u32>(MACHINE_BASE + M_CHANNELS_BASE);
  dirEnd = load<u32>(MACHINE_BASE + M_FRAMES_END);
  latBase = load<u32>(MACHINE_BASE + M_LAT_BASE);
  cores = load<u32>(MACHINE_BASE + M_NCORES);
  period = <u64>max<u32>(1, load<u32>(coreBase + C_PERIOD));
}

/** Cycles to move a line from core `from` to core `to` (the topology's latency matrix). */
@inline function latency(from: u32, to: u32): u64 {
  return <u64>load<u16>(latBase + ((<usize>from * cores + to) << 1));
}

/** What an access is: a load, a store (posted: the core goes on), an atomic read-modify-write. */
export const TOUCH_READ: u32 = 0;
export const TOUCH_STORE: u32 = 1;
export const TOUCH_RMW: u32 = 2;

/**
 * This core accesses the line holding physical address `phys` now. Returns the cycles it
 * stalls: a load waits for the last write to the line to have happened and for the line's
 * transfer; an atomic read-modify-write waits for the line's ownership (the invalidation of
 * every other copy); a store is posted — the core goes on while the line travels, as with a
 * store buffer — but nobody sees it before it arrives. All slower when other cores contend
 * for the same line.
 *
 * Contention: a line moves to one core at a time, and arbitration among the cores that want
 * it is not first come, first served, so a core waits on average behind half of the others:
 * a read miss behind half of the cores that read the line since it was last written (a
 * broadcast line read by many), a write miss behind half of the cores that wrote it within
 * CONTENTION_WINDOW cycles (a counter updated by many). The expected wait, not a simulated
 * queue, so the result does not depend on how lockstep interleaves the cores.
 */
export function touch(phys: usize, kind: u32): u64 {
  if (!coherent || phys < dirOrigin || phys >= dirEnd) return 0;
  const write = kind != TOUCH_READ;
  const e = dirBase + ((phys - dirOrigin) >> 6) * DIR_ENTRY;
  const me = coreId;
  const bit: u32 = 1 << (me & 31);
  const writer = <u32>load<u16>(e + DIR_WRITER); // core + 1, or 0 if never written
  const sharers = load<u32>(e + DIR_SHARERS);
  const now = clock();
  // the last write's time in this core's cycles: nothing can observe the line before it
  const written = (load<u64>(e + DIR_TIME) + period - 1) / period;
  const foreign = writer != 0 && writer != me + 1;
  let transfer: u64 = 0;
  let queue: u32 = 0; // the other cores contending for the line
  if (!write) {
    if (writer == me + 1 || (sharers & bit) != 0) return 0;
    if (writer != 0) transfer = latency(writer - 1, me);
    queue = popcnt(sharers & ~bit & ~(writer != 0 ? <u32>1 << ((writer - 1) & 31) : 0));
    store<u32>(e + DIR_SHARERS, sharers | bit);
  } else {
    if (foreign) transfer = latency(writer - 1, me);
    // invalidate every other copy; the farthest one decides
    let others = sharers & ~bit;
    while (others != 0) {
      const b = <u32>ctz(others);
      others &= others - 1;
      if (b < cores) transfer = max(transfer, latency(b, me));
    }
    const recent = written + CONTENTION_WINDOW >= now ? load<u32>(e + DIR_WRITERS) : 0;
    queue = popcnt(recent & ~bit);
    store<u32>(e + DIR_WRITERS, recent | bit);
  }
  // a read cannot see the line before the write it observes; a write to a contended line is
  // ordered by the contention charge instead (chaining writes would count the queue twice)
  const start = !write && foreign && written > now ? written : now;
  const ready = start + transfer + ((transfer * <u64>queue) >> 1);
  if (write) {
    store<u64>(e + DIR_TIME, ready * period);
    store<u16>(e + DIR_WRITER, <u16>(me + 1));
    store<u32>(e + DIR_SHARERS, bit);
  }
  return kind == TOUCH_STORE ? 0 : ready - now;
}
