// A monitor: the user-level OS server of one core (Barrelfish's usr/monitor). It serves the
// system calls its core's kernel forwards (host_syscall), learns of dispatchers ending
// (host_event) and drives its core's console output. It only ever calls its own core's
// kernel exports.
import type { IsaName } from '../../isa/index.js';
import { EV_FAULT, HS_DONE } from '../../kernel/shared/kabi.js';
import {
  C_CONSOLE, D_EXIT_CODE, D_FAULT, D_FAULT_ADDR, D_FAULT_INSN, D_FAULT_PC, D_ID, D_SYS_ARGS,
  coreBlock, dcbAddress,
} from '../../kernel/shared/layout.js';
import { SYS_MEMGROW } from '../../kernel/shared/syscalls.js';
import type { Console } from '../devices/console.js';
import type { KernelExports, KernelImports } from '../kernel.js';
import type { MachineMemory } from '../memory.js';
import { type FaultInfo, faultInfo } from '../report.js';

/** What a monitor may ask of the machine it runs in (the dispatcher and domain registry). */
export interface MonitorHost {
  readonly mem: MachineMemory;
  readonly console: Console;
  /** dispatcher `id` ended: exit code, or fault */
  dispatcherEnded(id: number, core: number, exit: { code: number } | { fault: FaultInfo }): void;
  /** memgrow for the domain of dispatcher `id` */
  growHeap(id: number, bytes: number): number;
}

export class Monitor {
  kernel!: KernelExports;
  private readonly block: number;

  constructor(readonly core: number, readonly isa: IsaName, private readonly host: MonitorHost) {
    this.block = coreBlock(core);
  }

  /** The functions this core's kernel instance imports. */
  imports(): KernelImports {
    return {
      host_console: (slot, len) => this.console(slot, len),
      host_event: (kind, slot) => this.event(kind, slot),
      host_syscall: (slot, num) => this.syscall(slot, num),
    };
  }

  private dcb(slot: number): number {
    return dcbAddress(this.core, slot);
  }

  private dispatcherId(slot: number): number {
    return this.host.mem.u32(this.dcb(slot) + D_ID);
  }

  private console(slot: number, len: number): void {
    const at = this.block + C_CONSOLE;
    this.host.console.write(this.core, this.dispatcherId(slot), this.host.mem.bytes.slice(at, at + len));
  }

  private event(kind: number, slot: number): void {
    const d = this.dcb(slot);
    const mem = this.host.mem;
    const id = mem.u32(d + D_ID);
    if (kind === EV_FAULT) {
      const insn = mem.bytes.slice(d + D_FAULT_INSN, d + D_FAULT_INSN + 8);
      const info = faultInfo(this.isa, mem.u32(d + D_FAULT), mem.u32(d + D_FAULT_ADDR), mem.u32(d + D_FAULT_PC), insn);
      this.host.dispatcherEnded(id, this.core, { fault: info });
    } else {
      this.host.dispatcherEnded(id, this.core, { code: mem.view.getInt32(d + D_EXIT_CODE, true) });
    }
  }

  private arg(slot: number, i: number): number {
    return this.host.mem.u32(this.dcb(slot) + D_SYS_ARGS + 4 * i);
  }

  private syscall(slot: number, num: number): number {
    let result: number;
    switch (num) {
      case SYS_MEMGROW:
        result = this.host.growHeap(this.dispatcherId(slot), this.arg(slot, 0) | 0);
        break;
      default:
        result = -1; // not (yet) a system call this machine provides
    }
    this.kernel.complete(slot, result >>> 0);
    return HS_DONE;
  }
}
