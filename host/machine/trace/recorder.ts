// Recording one core's trace: turns tracing on in its kernel, empties the kernel's trace
// buffer (kernel/shared/trace.ts) into events after every run(), and takes the monitor's
// protocol steps. It lives on the thread that runs the core (the main thread in lockstep
// mode, the core's worker in parallel mode), so draining needs no synchronisation: the
// kernel is not running while the host reads its buffer.
import { C_TRACE, TRACE_SIZE, coreBlock } from '../../../kernel/shared/layout.js';
import { TRACE_RECORD, TR_COUNT, TR_DROPPED, TR_RECORDS, traceCapacity } from '../../../kernel/shared/trace.js';
import type { KernelExports } from '../../hardware/kernel.js';
import type { Machine } from '../machine.js';
import type { MonitorStep } from '../../os/events.js';
import { type TraceEvent, decodeRecord } from './event.js';
import { type TraceLog, buildLog } from './log.js';

export const TRACE_CAPACITY = traceCapacity(TRACE_SIZE);

export interface RecorderOptions {
  readonly core: number;
  readonly kernel: Pick<KernelExports, 'trace_start' | 'now'>;
  readonly view: DataView;
  /**
   * the time of host-side steps: the host's wall clock in nanoseconds since the run began
   * (parallel mode; the kernel then stamps its records with the same clock), or undefined:
   * the core's cycles
   */
  readonly wallClock?: () => number;
}

export class CoreRecorder {
  readonly core: number;
  /** events drained so far (take() hands them over) */
  private events: TraceEvent[] = [];
  /** records the kernel could not write because its buffer was full */
  dropped = 0;
  private readonly buf: number;

  constructor(private readonly o: RecorderOptions) {
    this.core = o.core;
    this.buf = coreBlock(o.core) + C_TRACE;
    o.kernel.trace_start(o.wallClock ? 1 : 0);
  }

  /** Moves the records in the kernel's buffer to the events, and empties the buffer. */
  drain(): void {
    const v = this.o.view;
    const n = v.getUint32(this.buf + TR_COUNT, true);
    for (let i = 0; i < n; i++) {
      const e = decodeRecord(v, this.buf + TR_RECORDS + i * TRACE_RECORD, this.core, this.o.wallClock !== undefined);
      if (e) this.events.push(e);
    }
    this.dropped += v.getUint32(this.buf + TR_DROPPED, true);
    v.setUint32(this.buf + TR_COUNT, 0, true);
    v.setUint32(this.buf + TR_DROPPED, 0, true);
  }

  /** A monitor's protocol step, now: after what the kernel has recorded so far. */
  step(s: MonitorStep): void {
    this.drain();
    const t = this.o.wallClock ? this.o.wallClock() : this.o.kernel.now();
    this.events.push({ t, core: this.core, ...s } as TraceEvent);
  }

  /** Everything recorded since the last take(), drained first. */
  take(): TraceEvent[] {
    this.drain();
    const out = this.events;
    this.events = [];
    return out;
  }
}

/** Recording a lockstep machine: a recorder per core, the monitors' steps included. */
export class MachineRecorder {
  private readonly cores: CoreRecorder[];
  private readonly events: TraceEvent[][];

  constructor(private readonly m: Machine) {
    this.cores = m.cores.map((c) => new CoreRecorder({ core: c.id, kernel: c.kernel, view: m.mem.view }));
    this.events = m.cores.map(() => []);
    m.cores.forEach((c, i) => { c.monitor.trace = (s) => this.cores[i].step(s); });
  }

  /** After a core's quantum (runLockstep's afterRun): empties its buffer before it fills. */
  drain(core: number): void {
    for (const e of this.cores[core].take()) this.events[core].push(e);
  }

  /** The trace of the run so far; `symbol` names code addresses. */
  log(program: string, symbol?: (pc: number) => string): TraceLog {
    this.m.cores.forEach((c) => this.drain(c.id));
    return buildLog({
      mode: 'lockstep', program, topology: this.m.topology, layout: this.m.mem.layout,
      perCore: this.events, dropped: this.cores.map((r) => r.dropped), symbol,
    });
  }
}
