// What a monitor tells the world outside the OS: the board's record of dispatchers
// (host/machine/dispatchers.ts) hears of them starting and ending and gets what they print; a
// traced run (host/machine/trace/) gets the monitor's protocol steps. The monitor calls these
// hooks and knows nothing of who listens.
import type { FaultInfo } from './fault-report.js';

export interface DispatcherEvent {
  readonly id: number;
  readonly domain: number;
  readonly core: number;
  /** the image the domain runs (ImageStore id) and its name */
  readonly image: number;
  readonly program: string;
}

/** What the harness around the machine (not the OS) observes of a monitor. */
export interface MonitorEvents {
  output(core: number, dispatcher: number, bytes: Uint8Array): void;
  started(d: DispatcherEvent): void;
  ended(d: DispatcherEvent & { code?: number; fault?: FaultInfo }): void;
}

// A monitor's protocol steps, as a trace shows them (the recorder adds their time and core).
/** A system call the kernel forwarded to this core's monitor. */
export interface CallStep { ev: 'call'; id: number; call: string }
/** The monitor sends protocol message `msg` (with its fields) to core `to`. */
export interface MonSendStep { ev: 'msend'; to: number; msg: string; fields: Record<string, number> }
/** The monitor handles protocol message `msg` from core `from`. */
export interface MonRecvStep { ev: 'mrecv'; from: number; msg: string; fields: Record<string, number> }
/** The service's monitor bound channel `ch` to `service` for a client on core `client`. */
export interface BindStep { ev: 'bind'; ch: number; service: string; client: number }

export type MonitorStep = CallStep | MonSendStep | MonRecvStep | BindStep;
