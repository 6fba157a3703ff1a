// A bare core for kernel tests: one kernel instance of an ISA on a machine memory, with
// test-controlled imports and address spaces built by the same helper the reference
// interpreter uses, so a dispatcher can be run instruction-exactly against the oracle.
import { walk } from '../../isa/pagetable.js';
import { BumpFrames } from '../../isa/pagetable.js';
import { type KernelExports, type KernelImports, instantiateKernel, kernelModule } from '../../host/hardware/kernel.js';
import { MachineMemory } from '../../host/hardware/memory.js';
import { type IsaName, isaByName } from '../../isa/index.js';
import { buildAddressSpace, type ProgramImage } from '../../isa/reference/index.js';
import { PAGE_MASK } from '../../kernel/shared/addrspace.js';
import { FAULT_KILLED } from '../../kernel/shared/faults.js';
import { HS_DONE } from '../../kernel/shared/kabi.js';
import {
  D_CYCLES, D_EXIT_CODE, D_FAULT, D_FAULT_ADDR, D_INSTRET, D_PC, D_REGS, D_STATE, DS_FREE,
  coreBlock, dcbAddress,
} from '../../kernel/shared/layout.js';

export class BareCore {
  readonly mem: MachineMemory;
  readonly kernel: KernelExports;
  /** the space the next program is built in: reset for every program */
  private frames!: BumpFrames;
  readonly printed: string[] = [];

  constructor(readonly isa: IsaName, imports: Partial<KernelImports> = {}, memory?: WebAssembly.Memory, core = 0, ncores = 1) {
    this.mem = new MachineMemory({ ncores, frameBytes: 4 << 20 }, memory);
    this.kernel = instantiateKernel(kernelModule(isa), this.mem.memory, {
      host_console: imports.host_console ?? ((slot, len) => {
        const at = coreBlock(core) + 0x7000;
        this.printed.push(new TextDecoder().decode(this.mem.bytes.slice(at, at + len)));
      }),
      host_event: imports.host_event ?? (() => {}),
      host_syscall: imports.host_syscall ?? (() => HS_DONE),
      host_wake: imports.host_wake ?? (() => {}),
    });
    this.kernel.init(core, coreBlock(core), 500);
    this.core = core;
  }

  readonly core: number;

  /** Builds a fresh address space for `image`; returns its page directory. */
  space(image: ProgramImage): number {
    const l = this.mem.layout;
    this.frames = new BumpFrames(this.mem.view, l.framesBase, l.framesEnd);
    return buildAddressSpace(this.mem.view, this.frames, isaByName(this.isa)!, image).root;
  }

  dcb(slot: number): number {
    return dcbAddress(this.core, slot);
  }

  reg(slot: number, i: number): number {
    return this.mem.u32(this.dcb(slot) + D_REGS + 4 * i);
  }

  setReg(slot: number, i: number, v: number): void {
    this.mem.view.setUint32(this.dcb(slot) + D_REGS + 4 * i, v >>> 0, true);
  }

  pc(slot: number): number { return this.mem.u32(this.dcb(slot) + D_PC); }
  cycles(slot: number): number { return this.mem.u64(this.dcb(slot) + D_CYCLES); }
  instret(slot: number): number { return this.mem.u64(this.dcb(slot) + D_INSTRET); }
  exitCode(slot: number): number { return this.mem.u32(this.dcb(slot) + D_EXIT_CODE); }
  fault(slot: number): { code: number; addr: number } {
    return { code: this.mem.u32(this.dcb(slot) + D_FAULT), addr: this.mem.u32(this.dcb(slot) + D_FAULT_ADDR) };
  }

  /** Frees a slot after a debug run (debug_run never ends a dispatcher by itself). */
  release(slot: number): void {
    if (this.mem.u32(this.dcb(slot) + D_STATE) !== DS_FREE) this.kernel.fault(slot, FAULT_KILLED, 0);
  }

  /** `n` bytes of virtual memory at va in address space `root` (unmapped bytes: undefined). */
  read(root: number, va: number, n: number): (number | undefined)[] {
    const out: (number | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      const m = walk(this.mem.view, root, (va + i) >>> 0);
      out.push(m ? this.mem.bytes[m.frame + ((va + i) & PAGE_MASK)] : undefined);
    }
    return out;
  }
}
