// Reading a stopped machine for the debugger: dispatchers from each core's control blocks,
// their registers by ISA, open channel endpoints with how far each ring has got, and memory
// through a dispatcher's page table — all from the shared memory, laid out as
// kernel/shared/layout.ts and kernel/shared/channel.ts draw it.
import { isaByName, type IsaName } from '../../../isa/index.js';
import {
  CH_H_SLOTS, CH_PRIVATE, EPS_OPEN, EP_CHANNEL, EP_OWNER, EP_OWNER_ID, EP_PEER, EP_SIDE, EP_SIZE,
  EP_STATE, MAX_ENDPOINTS, NO_OWNER, P_RX_SEQ, P_TX_SEQ,
} from '../../../kernel/shared/channel.js';
import {
  C_CURRENT, C_ENDPOINTS, C_RQ_COUNT, C_RQ_HEAD, C_RUNQ, DS_BLOCKED, DS_EXITED,
  DS_FAULTED, DS_FREE, DS_RUNNABLE, D_ASID, D_CYCLES, D_ID, D_INSTRET, D_PC, D_PTROOT,
  D_REGS, D_RESULT, D_RESULT_PENDING, D_STATE, D_SYS_NUM, MAX_DISPATCHERS, NO_SLOT, coreBlock, dcbAddress,
} from '../../../kernel/shared/layout.js';
import { readUser } from '../../os/address-space.js';
import type { MachineMemory } from '../../hardware/memory.js';
import { syscallName } from '../../os/syscall-names.js';

export interface DispatcherView {
  readonly core: number;
  readonly slot: number;
  readonly id: number;
  readonly state: 'runnable' | 'running' | 'blocked' | 'exited' | 'faulted';
  /** what a blocked dispatcher waits in (a system call) */
  readonly waits?: string;
  readonly pc: number;
  readonly asid: number;
  /** its page directory */
  readonly root: number;
  readonly cycles: number;
  readonly instructions: number;
  /** a system call result not yet delivered to its register (it is, when it next runs) */
  readonly pendingResult?: number;
}

const STATES: Record<number, DispatcherView['state']> = {
  [DS_RUNNABLE]: 'runnable', [DS_BLOCKED]: 'blocked', [DS_EXITED]: 'exited', [DS_FAULTED]: 'faulted',
};

/** The slot of the dispatcher running on `core`, or undefined. */
export function currentSlot(mem: MachineMemory, core: number): number | undefined {
  const s = mem.u32(coreBlock(core) + C_CURRENT);
  return s === NO_SLOT ? undefined : s;
}

/** The dispatcher `core` runs now, or else the next in its run queue. */
export function nextSlot(mem: MachineMemory, core: number): number | undefined {
  const cur = currentSlot(mem, core);
  if (cur !== undefined) return cur;
  const b = coreBlock(core);
  if (mem.u32(b + C_RQ_COUNT) === 0) return undefined;
  return mem.u32(b + C_RUNQ + 4 * mem.u32(b + C_RQ_HEAD));
}

export function dispatcher(mem: MachineMemory, core: number, slot: number): DispatcherView | undefined {
  const d = dcbAddress(core, slot);
  const state = mem.u32(d + D_STATE);
  if (state === DS_FREE) return undefined;
  const blocked = state === DS_BLOCKED;
  const running = currentSlot(mem, core) === slot;
  return {
    core, slot, id: mem.u32(d + D_ID), state: running ? 'running' : STATES[state] ?? 'runnable',
    waits: blocked ? syscallName(mem.u32(d + D_SYS_NUM)) : undefined,
    pc: mem.u32(d + D_PC), asid: mem.u32(d + D_ASID), root: mem.u32(d + D_PTROOT),
    cycles: mem.u64(d + D_CYCLES), instructions: mem.u64(d + D_INSTRET),
    pendingResult: mem.u32(d + D_RESULT_PENDING) ? mem.view.getInt32(d + D_RESULT, true) : undefined,
  };
}

/** Every dispatcher that exists on `core`. */
export function dispatchers(mem: MachineMemory, core: number): DispatcherView[] {
  const out: DispatcherView[] = [];
  for (let slot = 0; slot < MAX_DISPATCHERS; slot++) {
    const v = dispatcher(mem, core, slot);
    if (v) out.push(v);
  }
  return out;
}

/** The registers of a dispatcher as its ISA names them (r32 with their ABI names). */
export function registers(mem: MachineMemory, isa: IsaName, core: number, slot: number): { name: string; value: number }[] {
  const base = dcbAddress(core, slot) + D_REGS;
  const reg = (i: number) => mem.u32(base + 4 * i);
  switch (isa) {
    case 'r32': {
      const spec = isaByName('r32')!;
      const abi = new Map<number, string>();
      for (const [name, n] of Object.entries(spec.registerAliases)) if (!abi.has(n)) abi.set(n, name);
      return spec.registers.map((r, i) => ({ name: abi.has(i) ? `${r} (${abi.get(i)})` : r, value: reg(i) }));
    }
    case 's32': return [{ name: 'sp', value: reg(0) }, { name: 'fp', value: reg(1) }];
    case 'a32': return [
      { name: 'A', value: reg(0) }, { name: 'X', value: reg(1) }, { name: 'SP', value: reg(2) },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `r${i}`, value: reg(3 + i) })),
    ];
  }
}

export interface EndpointView {
  readonly core: number;
  readonly handle: number;
  readonly channel: number;
  readonly side: number;
  readonly peer: number;
  /** owning dispatcher's id, or undefined for the monitor's */
  readonly owner?: number;
  readonly sent: number;
  readonly received: number;
  /** slots the other side has published that this side has not taken yet */
  readonly waiting: number;
  readonly slots: number;
}

/** The open endpoints of `core`: its dispatchers' channels and its monitor's. */
export function endpoints(mem: MachineMemory, core: number): EndpointView[] {
  const out: EndpointView[] = [];
  for (let h = 0; h < MAX_ENDPOINTS; h++) {
    const e = coreBlock(core) + C_ENDPOINTS + h * EP_SIZE;
    if (mem.u32(e + EP_STATE) !== EPS_OPEN) continue;
    const c = mem.u32(e + EP_CHANNEL), side = mem.u32(e + EP_SIDE);
    const mine = c + CH_PRIVATE + side * 64, theirs = c + CH_PRIVATE + (side ^ 1) * 64;
    const received = mem.u32(mine + P_RX_SEQ);
    out.push({
      core, handle: h, channel: c, side, peer: mem.u32(e + EP_PEER),
      owner: mem.u32(e + EP_OWNER) === NO_OWNER ? undefined : mem.u32(e + EP_OWNER_ID),
      sent: mem.u32(mine + P_TX_SEQ), received, waiting: (mem.u32(theirs + P_TX_SEQ) - received) >>> 0,
      slots: mem.u32(c + CH_H_SLOTS),
    });
  }
  return out;
}

/** `n` bytes of a dispatcher's memory at `va`, or null if any is unmapped. */
export function readMemory(mem: MachineMemory, root: number, va: number, n: number): Uint8Array | null {
  return readUser(mem.view, root, va >>> 0, n);
}
