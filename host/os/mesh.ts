// The monitor mesh, laid down by the board at boot: a channel between every pair of
// monitors (host/hardware/memory.ts monitorChannel), initialised before any monitor runs so
// that no message can arrive in a channel that is still being set up.
import { MONITOR_SLOTS } from '../../kernel/shared/channel.js';
import type { KernelExports } from '../hardware/kernel.js';
import { type Layout, monitorChannel } from '../hardware/memory.js';

/** Initialises every mesh channel through `kernel` (any core's kernel: it only writes memory). */
export function initMesh(kernel: Pick<KernelExports, 'chan_init'>, layout: Layout): void {
  for (let a = 0; a < layout.ncores; a++) {
    for (let b = a + 1; b < layout.ncores; b++) kernel.chan_init(monitorChannel(layout, a, b), MONITOR_SLOTS, a, b);
  }
}
