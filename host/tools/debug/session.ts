// A debugging session: a lockstep machine running one program, stopped between
// instructions. Stepping runs one core's kernel with run(now + 1) — one instruction of its
// current dispatcher, system calls served, the monitor given its turns as in lockstep mode —
// while the other cores stay where they are; continuing runs the lockstep scheduler, one
// instruction per turn when there are breakpoints so none is overshot.
import { RUN_IDLE } from '../../../kernel/shared/kabi.js';
import type { WfxFile } from '../../../toolchain/image/format.js';
import { UserError } from '../../../toolchain/errors.js';
import { disassembleLines } from '../../../toolchain/disasm/disassemble.js';
import { runLockstep } from '../../machine/lockstep.js';
import type { DispatcherRecord } from '../../machine/dispatchers.js';
import type { Machine } from '../../machine/machine.js';
import { type RunOptions, bootMachine, startProgram } from '../../machine/run.js';
import { type Breakpoint, describeAddress, resolveBreakpoint } from './breakpoints.js';
import { type DispatcherView, dispatcher, nextSlot } from './inspect.js';

export type StepResult =
  /** the core executed the instructions asked for */
  | 'stepped'
  /** it has nothing to run: its dispatchers are blocked or gone */
  | 'idle'
  | 'breakpoint'
  /** every dispatcher has ended */
  | 'ended'
  /** nothing can run but dispatchers remain */
  | 'deadlock'
  | 'max-cycles';

export class DebugSession {
  readonly machine: Machine;
  /** the core `step` steps and the views show */
  core: number;
  readonly main: readonly DispatcherRecord[];
  private readonly bps = new Map<number, Breakpoint>();
  private nextBp = 1;
  /** the breakpoint each core stopped at (so that continuing steps past it first) */
  private readonly stoppedAt = new Map<number, number>();
  private readonly maxCycles: number;

  constructor(readonly image: WfxFile, readonly name: string, opts: RunOptions = {}) {
    const { machine, on } = bootMachine(opts);
    this.machine = machine;
    this.main = startProgram(machine, image, name, on, opts.arg);
    this.core = on[0];
    this.maxCycles = opts.maxCycles ?? Number.MAX_SAFE_INTEGER;
  }

  get ncores(): number {
    return this.machine.cores.length;
  }

  isaOf(core: number) {
    return this.machine.cores[core].isa;
  }

  /** Every dispatcher has ended. */
  get ended(): boolean {
    return this.machine.live().length === 0;
  }

  /** The dispatcher `core` runs now or runs next. */
  dispatcherOn(core = this.core): DispatcherView | undefined {
    const slot = nextSlot(this.machine.mem, core);
    return slot === undefined ? undefined : dispatcher(this.machine.mem, core, slot);
  }

  private instructions(core: number): number {
    return this.machine.stats(core).instructions;
  }

  /** One turn of `core`: the monitor, one instruction's worth of cycles, the monitor again. */
  private turn(core: number): number {
    const c = this.machine.cores[core];
    c.monitor.turn();
    const r = c.kernel.run(c.kernel.now() + 1);
    c.monitor.turn();
    // the lockstep scheduler decides afresh whether the core has work
    c.idle = r === RUN_IDLE && this.machine.quiet(c);
    return r;
  }

  /** Executes `n` instructions on the selected core (fewer if it runs out of work). */
  step(n = 1): StepResult {
    if (this.ended) return 'ended';
    const core = this.core;
    this.stoppedAt.delete(core);
    for (let i = 0; i < n; i++) {
      const before = this.instructions(core);
      // a context switch or a finished dispatcher takes a turn without an instruction
      let r = 0;
      for (let tries = 0; tries < 8 && this.instructions(core) === before; tries++) {
        if (this.machine.cores[core].kernel.now() >= this.maxCycles) return 'max-cycles';
        r = this.turn(core);
        if (r === RUN_IDLE) break;
      }
      if (this.ended) return 'ended';
      if (this.instructions(core) === before) return 'idle';
    }
    return 'stepped';
  }

  /** Runs every core (lockstep) until a breakpoint, the end, or the cycle limit. */
  cont(): StepResult {
    if (this.ended) return 'ended';
    // cores sitting on a breakpoint go past it first
    for (const core of [...this.stoppedAt.keys()]) {
      const saved = this.core;
      this.core = core;
      this.step(1);
      this.core = saved;
    }
    this.stoppedAt.clear();
    const addrs = new Set([...this.bps.values()].flatMap((b) => b.addrs));
    const reason = runLockstep(this.machine, {
      maxCycles: this.maxCycles,
      quantum: addrs.size > 0 ? 1 : undefined,
      afterRun: addrs.size === 0 ? undefined : (c) => {
        const d = this.dispatcherOn(c.id);
        if (!d || d.state !== 'running' || !addrs.has(d.pc)) return false;
        this.stoppedAt.set(c.id, d.pc);
        this.core = c.id;
        return true;
      },
    });
    this.machine.console.flush();
    if (reason === 'stopped') return 'breakpoint';
    if (reason === 'max-cycles') return 'max-cycles';
    return this.ended ? 'ended' : 'deadlock';
  }

  // ── breakpoints ────────────────────────────────────────────────────────────────
  addBreakpoint(spec: string): Breakpoint {
    const bp = { id: this.nextBp++, spec, addrs: resolveBreakpoint(this.image, spec) };
    this.bps.set(bp.id, bp);
    return bp;
  }

  deleteBreakpoint(id: number): void {
    if (!this.bps.delete(id)) throw new UserError(`no breakpoint ${id}${this.bps.size ? ` (there are: ${[...this.bps.keys()].join(', ')})` : ''}`);
  }

  get breakpoints(): Breakpoint[] {
    return [...this.bps.values()];
  }

  /** The breakpoint at `addr`, if any. */
  breakpointAt(addr: number): Breakpoint | undefined {
    return this.breakpoints.find((b) => b.addrs.includes(addr));
  }

  // ── code ───────────────────────────────────────────────────────────────────────
  describe(addr: number): string {
    return describeAddress(this.image, addr);
  }

  /** Disassembly of `core`'s ISA slice around `addr`: `before` instructions before it, `after` from it. */
  disassemble(core: number, addr: number, before = 4, after = 6): { addr: number; text: string; label?: string }[] {
    const isa = this.isaOf(core);
    const sec = this.image.sections.find((s) => s.kind === 'text' && s.isa === isa && addr >= s.addr && addr < s.addr + s.size) ??
      this.image.sections.find((s) => s.kind === 'text' && s.isa === isa);
    if (!sec) return [];
    const symbols = this.image.symbols.filter((s) => this.image.sections[s.section] === sec).map((s) => ({ name: s.name, addr: s.value }));
    const lines = disassembleLines(isa, sec.bytes, sec.addr, symbols);
    let at = lines.findIndex((l) => l.addr >= addr);
    if (at < 0) at = lines.length - 1;
    const labels = new Map(symbols.map((s) => [s.addr, s.name]));
    return lines.slice(Math.max(0, at - before), at + after).map((l) => ({ addr: l.addr, text: l.text, label: labels.get(l.addr) }));
  }
}
