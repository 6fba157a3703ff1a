// The record of every dispatcher a run started, kept by the board from the monitors' news of
// dispatchers starting and ending (directly in lockstep mode, through worker messages in
// parallel mode): what exit codes, fault reports and the deadlock message are made from.
import type { IsaName } from '../../isa/index.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import type { Console } from '../hardware/console.js';
import type { DispatcherEvent } from '../os/events.js';
import { type FaultInfo, formatFault } from '../os/fault-report.js';

export interface DispatcherRecord {
  readonly id: number;
  readonly domain: number;
  readonly core: number;
  readonly program: string;
  state: 'live' | 'exited' | 'faulted';
  exitCode?: number;
  fault?: FaultInfo;
}

export class DispatcherLedger extends Map<number, DispatcherRecord> {
  constructor(
    private readonly console: Console,
    private readonly isas: readonly IsaName[],
    /** the image a domain runs (its fault reports show its code and lines) */
    private readonly imageOf: (image: number) => WfxFile,
    private readonly diag: (text: string) => void,
  ) {
    super();
  }

  started(e: DispatcherEvent): DispatcherRecord {
    const rec: DispatcherRecord = { id: e.id, domain: e.domain, core: e.core, program: e.program, state: 'live' };
    this.set(e.id, rec);
    return rec;
  }

  /** A dispatcher ended: its output is flushed, its record closed, a fault reported. */
  ended(e: DispatcherEvent & { code?: number; fault?: FaultInfo }): void {
    this.console.flushDispatcher(e.core, e.id);
    const rec = this.get(e.id);
    if (rec) {
      rec.state = e.fault ? 'faulted' : 'exited';
      rec.exitCode = e.code;
      rec.fault = e.fault;
    }
    if (e.fault) this.diag(formatFault(e.fault, e.core, this.isas[e.core], `dispatcher ${e.id} of ${e.program}`, this.imageOf(e.image)));
  }

  /** Dispatchers that have not ended. */
  live(): DispatcherRecord[] {
    return [...this.values()].filter((d) => d.state === 'live');
  }
}

/** The message for dispatchers left blocked with nothing to wake them. */
export function deadlockText(stuck: readonly DispatcherRecord[]): string {
  return `deadlock: ${stuck.map((d) => `dispatcher ${d.id} (core ${d.core})`).join(', ')} blocked with nothing left to wake ${stuck.length > 1 ? 'them' : 'it'}`;
}
