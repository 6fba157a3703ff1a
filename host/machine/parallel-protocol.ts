// What the main thread and the core workers of parallel mode tell each other (the harness,
// not the OS: the cores themselves talk only through the shared memory). The control block
// is a small SharedArrayBuffer of its own.
import type { DispatcherEvent } from '../os/events.js';
import type { FaultInfo } from '../os/fault-report.js';
import type { TraceEvent } from './trace/event.js';

/**
 * control words: stop flag, go flag, one CoreState per core, then each core's count of live
 * dispatchers (per core, so the dispatchers of a core that dies can be written off at once)
 */
export const CTL_STOP = 0;
/** set once every core has booted: no core runs before all can receive messages */
export const CTL_GO = 2;
export const CTL_STATE = 4;
export const ctlLive = (ncores: number, core: number) => CTL_STATE + ncores + core;
export const ctlWords = (ncores: number) => CTL_STATE + 2 * ncores;

export enum CoreState { Running = 0, Asleep = 1, Parked = 2, Done = 3 }

export type WorkerMessage =
  | { kind: 'booted'; core: number }
  /** the core has started its programs: their main dispatchers, in the order asked for */
  | { kind: 'ready'; core: number; mains: number[] }
  | { kind: 'output'; core: number; dispatcher: number; bytes: Uint8Array }
  | ({ kind: 'started' } & DispatcherEvent)
  | ({ kind: 'ended'; code?: number; fault?: FaultInfo } & DispatcherEvent)
  | { kind: 'error'; core: number; message: string }
  /** fault injection: the core reached the point where the board is to terminate its worker */
  | { kind: 'doomed'; core: number }
  /** trace events of the core (in batches), and how many records its kernel dropped so far */
  | { kind: 'trace'; core: number; events: TraceEvent[]; dropped: number }
  | { kind: 'done'; core: number };
