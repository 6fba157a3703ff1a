// What the main thread and the core workers of parallel mode tell each other (the harness,
// not the OS: the cores themselves talk only through the shared memory). The control block
// is a small SharedArrayBuffer of its own.
import type { FaultInfo } from './report.js';
import type { TraceEvent } from './trace/event.js';

/** control words: stop flag, live dispatcher count, go flag, then one CoreState per core */
export const CTL_STOP = 0;
export const CTL_LIVE = 1;
/** set once every core has booted: no core runs before all can receive messages */
export const CTL_GO = 2;
export const CTL_STATE = 4;

export enum CoreState { Running = 0, Asleep = 1, Parked = 2, Done = 3 }

interface Dispatcher { id: number; domain: number; core: number; program: string }

export type WorkerMessage =
  | { kind: 'booted'; core: number }
  | { kind: 'ready'; core: number }
  | { kind: 'output'; core: number; dispatcher: number; bytes: Uint8Array }
  | ({ kind: 'started' } & Dispatcher)
  | ({ kind: 'ended'; code?: number; fault?: FaultInfo } & Dispatcher)
  | { kind: 'error'; core: number; message: string }
  /** trace events of the core (in batches), and how many records its kernel dropped so far */
  | { kind: 'trace'; core: number; events: TraceEvent[]; dropped: number }
  | { kind: 'done'; core: number };
