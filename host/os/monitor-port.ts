// The monitor as its services see it (domains, names, shootdown, agreement): what a service
// may ask of the monitor of its core. Services depend on this, never on monitor.ts, so the
// monitor owns its services without an import circle. Everything here is of one core: its
// facts and resources, its kernel, and its channels to the other monitors.
import type { IsaName } from '../../isa/index.js';
import type { ImageStore } from '../hardware/images.js';
import type { KernelExports } from '../hardware/kernel.js';
import type { MachineMemory } from '../hardware/memory.js';
import type { MonitorEvents, MonitorStep } from './events.js';
import type { FrameShare } from './frames.js';
import type { Kind, Message } from './protocol.js';

/** A system call result the monitor gives later: the dispatcher stays blocked until then. */
export const LATER = Symbol('later');

export interface MonitorPort {
  readonly core: number;
  readonly isa: IsaName;
  /** the ISA of every core (topology facts, known to every monitor) */
  readonly isas: readonly IsaName[];
  readonly ncores: number;
  readonly mem: MachineMemory;
  readonly images: ImageStore;
  /** this core's kernel instance */
  readonly kernel: KernelExports;
  /** this monitor's share of the physical frames */
  readonly frames: FrameShare;
  readonly events: MonitorEvents;
  /** where protocol steps go while the run is traced */
  readonly trace?: (step: MonitorStep) => void;
  /** where this core's kernel and monitor exchange message words */
  readonly messageBuffer: number;

  // ── talking to other monitors ──
  /** Sends a message to the monitor of `core` (full rings are retried by the monitor). */
  send<K extends Kind>(core: number, m: Message<K>): void;
  /** Sends a request with a fresh token; `onReply` runs when the reply with that token comes. */
  request<K extends Kind>(core: number, kind: K, fields: Omit<Message<K>['fields'], 'token'>, onReply: (m: Message) => void, text?: string, extra?: readonly number[]): void;
  /** A fresh token whose next `times` replies go to `onReply` (a request sent another way). */
  expect(onReply: (m: Message) => void, times: number, kind?: Kind, from?: readonly number[]): number;
  /** Replies to a request from `core`. */
  reply<K extends Kind>(core: number, to: Message, kind: K, fields: Omit<Message<K>['fields'], 'token'>, extra?: number[]): void;
  /** Makes sure `n` frames can be taken from this monitor's share (borrowing), then `then`. */
  withFrames(n: number, then: (enough: boolean) => void): void;
  /** Runs `fire` at or after cycle `at` of this core; returns a cancel function. */
  setTimer(at: number, fire: () => void): () => void;

  // ── this core's dispatchers ──
  dispatcherId(slot: number): number;
  /** Gives dispatcher `slot` its system call result (waking it if it waits). */
  complete(slot: number, result: number): void;
  /** Kills dispatcher `slot` for a bad system call argument at `addr`. */
  badArgument(slot: number, addr: number): void;
}
