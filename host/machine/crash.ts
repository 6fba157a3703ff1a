// What the board does when a core dies (in parallel mode: its worker thread threw or was
// terminated). Nothing of the dead core runs any more, so nothing of it will ever close its
// channels or answer its peers: the board closes, on the dead core's behalf, its side of every
// channel — the monitor mesh and every program channel whose header names the core — and
// rings the peers. Each peer then reads what the dead core had already sent (nothing
// delivered is lost) and after that gets E_CLOSED, or a failed reply from its monitor,
// instead of waiting for ever.
import { CH_H_CORE_A, CH_H_CORE_B, CH_H_MAGIC, CH_MAGIC } from '../../kernel/shared/channel.js';
import { DB_CHANNEL, DB_MONITOR } from '../../kernel/shared/layout.js';
import type { KernelExports } from '../hardware/kernel.js';
import { type MachineMemory, monitorChannel, poolChannel } from '../hardware/memory.js';

/** The channels touching `dead`, with the dead core's side of each. */
function channelsOf(mem: MachineMemory, dead: number): { mesh: [number, number][]; programs: [number, number][] } {
  const l = mem.layout;
  const mesh: [number, number][] = [];
  for (let c = 0; c < l.ncores; c++) if (c !== dead) mesh.push([monitorChannel(l, dead, c), dead < c ? 0 : 1]);
  const programs: [number, number][] = [];
  for (let core = 0; core < l.ncores; core++) {
    for (let i = 0; i < l.poolSize; i++) {
      const ch = poolChannel(l, core, i);
      if (mem.u32(ch + CH_H_MAGIC) !== CH_MAGIC) continue; // never used
      if (mem.u32(ch + CH_H_CORE_A) === dead) programs.push([ch, 0]);
      if (mem.u32(ch + CH_H_CORE_B) === dead) programs.push([ch, 1]);
    }
  }
  return { mesh, programs };
}

/**
 * Closes core `dead`'s side of every channel through `board` (a kernel instance of the
 * board's own, on the machine memory) and rings every other core: the monitors for the
 * mesh, the dispatchers waiting on program channels.
 */
export function abandonCore(board: Pick<KernelExports, 'chan_close' | 'doorbell_ring'>, mem: MachineMemory, dead: number): void {
  const { mesh, programs } = channelsOf(mem, dead);
  for (const [ch, side] of [...mesh, ...programs]) board.chan_close(ch, side);
  for (let c = 0; c < mem.layout.ncores; c++) if (c !== dead) board.doorbell_ring(c, DB_MONITOR | DB_CHANNEL);
}
