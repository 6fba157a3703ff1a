// A monitor: the user-level OS server of one core (Barrelfish's usr/monitor). It serves the
// system calls its kernel forwards (host_syscall), learns of dispatchers ending (host_event),
// and talks to the other monitors only through URPC channels — by calling its own kernel's
// channel exports, the same fast path programs use. It holds only its own core's state: the
// replica of the name service, its view of the domains it hosts, its share of the frames.
// It never sees another monitor's objects (test/monitor/isolation.test.ts checks).
// Layers (README "Project layout"): host/os/ runs on host/hardware/ and knows nothing of the
// board that boots it (host/machine/) nor of the tools.
import type { IsaName } from '../../isa/index.js';
import { EV_FAULT, HS_BLOCKED, HS_DONE } from '../../kernel/shared/kabi.js';
import {
  C_CONSOLE, C_MSGBUF, D_EXIT_CODE, D_FAULT, D_FAULT_ADDR, D_FAULT_INSN, D_FAULT_PC, D_ID,
  D_SYS_ARGS, DB_BROADCAST, DB_MONITOR, NO_SLOT, coreBlock, dcbAddress,
} from '../../kernel/shared/layout.js';
import { MONITOR_CALL_CYCLES, MONITOR_MESSAGE_CYCLES, MONITOR_SEND_CYCLES } from '../../kernel/shared/costs.js';
import { FAULT_BAD_ARG } from '../../kernel/shared/faults.js';
import { E_CLOSED } from '../../kernel/shared/channel.js';
import {
  SYS_ACCEPT, SYS_CONNECT, SYS_JOIN, SYS_MEMGROW, SYS_SERVE, SYS_SPAWN, SYS_UNMAP,
} from '../../kernel/shared/syscalls.js';
import type { ImageStore } from '../hardware/images.js';
import type { KernelExports, KernelImports } from '../hardware/kernel.js';
import { type MachineMemory, frameShare, monitorChannel } from '../hardware/memory.js';
import { faultInfo } from './fault-report.js';
import { Domains } from './domains.js';
import { FrameShare } from './frames.js';
import { NameService } from './names.js';
import { Shootdown } from './shootdown.js';
import { Agreement } from './agreement.js';
import { type Kind, type Message, decode, encode, failedReply, fieldsOf, REPLY_KINDS } from './protocol.js';
import type { MonitorEvents, MonitorStep } from './events.js';
import { LATER, type MonitorPort } from './monitor-port.js';
import { syscallName } from './syscall-names.js';

/** What a monitor is given at boot: facts about the machine, and its own resources. */
export interface MonitorConfig {
  readonly core: number;
  /** the ISA of every core (topology facts, known to every monitor) */
  readonly isas: readonly IsaName[];
  readonly mem: MachineMemory;
  readonly images: ImageStore;
  readonly events: MonitorEvents;
}

export class Monitor implements MonitorPort {
  readonly core: number;
  readonly isa: IsaName;
  readonly isas: readonly IsaName[];
  readonly ncores: number;
  readonly mem: MachineMemory;
  readonly images: ImageStore;
  readonly events: MonitorEvents;
  readonly frames: FrameShare;
  readonly names: NameService;
  readonly domains: Domains;
  readonly shootdown: Shootdown;
  readonly agreement: Agreement;
  kernel!: KernelExports;
  /** monitor endpoint handle for each other core (-1 for this one) */
  private readonly peers: number[] = [];
  /** messages waiting for room in the ring to each core: sent in order, retried every turn */
  private readonly outbox: { type: number; words: number[] }[][] = [];
  private readonly replies = new Map<number, (m: Message) => void>();
  /** requests still owed a reply, by token: their kind and the cores that owe it */
  private readonly owed = new Map<number, { kind: Kind; cores: Set<number> }>();
  /** cores whose monitor has died (parallel mode: their worker crashed) */
  private readonly dead = new Set<number>();
  private nextToken = 1;
  /** where this monitor's protocol steps go while the run is traced (host/machine/trace/recorder.ts) */
  trace?: (step: MonitorStep) => void;
  /** the dispatcher whose system call is being served now, and whether it got its result */
  private inCall = -1;
  private doneInCall = false;

  constructor(readonly config: MonitorConfig) {
    this.core = config.core;
    this.isa = config.isas[config.core];
    this.isas = config.isas;
    this.ncores = config.isas.length;
    this.mem = config.mem;
    this.images = config.images;
    this.events = config.events;
    const [start, end] = frameShare(config.mem.layout, config.core);
    this.frames = new FrameShare(config.mem.bytes, start, end);
    this.names = new NameService(this);
    this.shootdown = new Shootdown(this);
    this.domains = new Domains(this, this.shootdown);
    this.agreement = new Agreement(this);
  }

  /** The functions this core's kernel instance imports. `wake` is the board's doorbell wire. */
  imports(wake: (core: number) => void): KernelImports {
    return {
      host_console: (slot, len) => this.console(slot, len),
      host_event: (kind, slot) => this.dispatcherEnded(kind, slot),
      host_syscall: (slot, num) => this.syscall(slot, num),
      host_wake: wake,
    };
  }

  /** Boot: binds the kernel and opens this core's side of every mesh channel (host/os/mesh.ts). */
  attach(kernel: KernelExports): void {
    this.kernel = kernel;
    for (let c = 0; c < this.ncores; c++) {
      this.outbox.push([]);
      if (c === this.core) { this.peers.push(-1); continue; }
      const ch = monitorChannel(this.mem.layout, this.core, c);
      this.peers.push(kernel.ep_open(ch, this.core < c ? 0 : 1, c, NO_SLOT, 0));
    }
  }

  // ── talking to other monitors ──────────────────────────────────────────────────
  /** Sends a message to the monitor of `core` (through the outbox: full rings are retried). */
  send<K extends Kind>(core: number, m: Message<K>): void {
    if (core === this.core) {
      this.handle(core, m as unknown as Message);
      return;
    }
    if (this.dead.has(core)) return;
    this.trace?.({ ev: 'msend', to: core, msg: m.kind, fields: fieldsOf(m) });
    this.outbox[core].push(encode(m));
    this.flush(core);
  }

  /** Sends a request with a fresh token; `onReply` runs when the reply with that token comes. */
  request<K extends Kind>(core: number, kind: K, fields: Omit<Message<K>['fields'], 'token'>, onReply: (m: Message) => void, text?: string, extra?: readonly number[]): void {
    const token = this.expect(onReply, 1, kind, [core]);
    this.send(core, { kind, fields: { ...fields, token } as Message<K>['fields'], text, extra });
    if (this.dead.has(core)) this.failOwed(core);
  }

  /**
   * A fresh token whose next `times` replies go to `onReply` (a request sent another way).
   * Naming the request's kind and the cores that will reply lets a core that dies fail its
   * part (FAILED_REPLIES) instead of leaving the requester waiting for ever.
   */
  expect(onReply: (m: Message) => void, times: number, kind?: Kind, from?: readonly number[]): number {
    const token = this.nextToken++;
    let left = times;
    this.replies.set(token, (m) => {
      if (--left === 0) this.replies.delete(token);
      onReply(m);
    });
    if (kind && from) this.owed.set(token, { kind, cores: new Set(from) });
    return token;
  }

  /**
   * The monitor of `core` is gone with its core (parallel mode: the board closed the dead
   * core's side of every channel). Messages for it are dropped, every reply it owed is given
   * as failed, and the domains and services here stop counting on it.
   */
  private peerDied(core: number): void {
    if (this.dead.has(core) || core === this.core) return;
    this.dead.add(core);
    this.outbox[core].length = 0;
    this.failOwed(core);
    this.domains.peerDied(core);
  }

  /** Has the monitor of `core` closed its side of the mesh channel between us? */
  private peerClosed(core: number): boolean {
    const side = core < this.core ? 1 : 2; // side A of a mesh channel is the lower core (bit 0)
    return (this.kernel.chan_closed(monitorChannel(this.mem.layout, this.core, core)) & side) !== 0;
  }

  /** Gives every request `core` owes a reply its failed reply. */
  private failOwed(core: number): void {
    for (const [token, o] of [...this.owed]) {
      if (!o.cores.delete(core)) continue;
      if (o.cores.size === 0) this.owed.delete(token);
      const r = failedReply(o.kind, token);
      if (r) this.replies.get(token)?.(r);
    }
  }

  /** Where this core's kernel and monitor exchange message words (kernel/shared/layout.ts). */
  get messageBuffer(): number {
    return coreBlock(this.core) + C_MSGBUF;
  }

  /** Replies to a request from `core`. */
  reply<K extends Kind>(core: number, to: Message, kind: K, fields: Omit<Message<K>['fields'], 'token'>, extra?: number[]): void {
    this.send(core, { kind, fields: { ...fields, token: (to.fields as { token: number }).token } as Message<K>['fields'], extra });
  }

  /** The one place that deals with full rings: what does not fit waits for the next turn. */
  private flush(core: number): void {
    const q = this.outbox[core];
    const buf = coreBlock(this.core) + C_MSGBUF;
    while (q.length > 0) {
      const { type, words } = q[0];
      words.forEach((w, i) => this.mem.view.setUint32(buf + 4 * i, w, true));
      const r = this.kernel.mon_send(this.peers[core], words.length, type);
      if (r === -1) return; // no room now
      if (r === E_CLOSED) return this.peerDied(core); // monitors never close: that core died
      if (r < -1) throw new Error(`monitor ${this.core}: message to core ${core} failed (${r})`);
      this.kernel.charge(MONITOR_SEND_CYCLES);
      q.shift();
    }
  }

  /** Messages still waiting for room in a ring. */
  get busy(): boolean {
    return this.outbox.some((q) => q.length > 0);
  }

  // ── timers, on this core's simulated clock ─────────────────────────────────────
  private readonly timers: { at: number; fire: () => void }[] = [];

  /** Runs `fire` in this monitor's first turn at or after cycle `at` of its core. */
  setTimer(at: number, fire: () => void): () => void {
    const t = { at, fire };
    this.timers.push(t);
    this.timers.sort((a, b) => a.at - b.at);
    return () => {
      const i = this.timers.indexOf(t);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** When the earliest timer is due (Infinity if none). */
  get nextTimer(): number {
    return this.timers[0]?.at ?? Infinity;
  }

  /**
   * A stalled monitor (to test agreement protocols) leaves its messages unread; resume()
   * catches up with them.
   */
  stalled = false;

  resume(): void {
    this.stalled = false;
    this.kernel.doorbell_ring(this.core, DB_MONITOR | DB_BROADCAST);
  }

  /**
   * The monitor's turn on its core (lockstep: after each quantum; parallel: in its loop):
   * read every message the doorbell announced, handle it, and retry the outbox.
   */
  turn(): void {
    while (this.timers.length > 0 && this.timers[0].at <= this.kernel.now()) this.timers.shift()!.fire();
    if (this.stalled) {
      this.kernel.doorbell_take(DB_MONITOR | DB_BROADCAST); // (resume() rings again)
      return;
    }
    if (this.kernel.doorbell_take(DB_BROADCAST) !== 0) this.shootdown.readBroadcasts();
    if (this.kernel.doorbell_take(DB_MONITOR) !== 0) {
      const buf = coreBlock(this.core) + C_MSGBUF;
      for (let c = 0; c < this.ncores; c++) {
        if (c === this.core) continue;
        for (let r = this.kernel.mon_recv(this.peers[c]); r >= 0; r = this.kernel.mon_recv(this.peers[c])) {
          const n = r & 0xffff;
          const words = Array.from({ length: n }, (_, i) => this.mem.view.getUint32(buf + 4 * i, true));
          const m = decode(r >>> 16, words);
          this.kernel.charge(MONITOR_MESSAGE_CYCLES);
          if (m) this.trace?.({ ev: 'mrecv', from: c, msg: m.kind, fields: fieldsOf(m) });
          if (m) this.handle(c, m);
        }
        // every message it sent has been read: a closed mesh channel now means its core died
        if (!this.dead.has(c) && this.peerClosed(c)) this.peerDied(c);
      }
    }
    for (let c = 0; c < this.ncores; c++) if (this.outbox[c].length) this.flush(c);
  }

  private handle(from: number, m: Message): void {
    if (REPLY_KINDS.has(m.kind)) {
      const token = (m.fields as { token: number }).token;
      const o = this.owed.get(token);
      if (o?.cores.delete(from) && o.cores.size === 0) this.owed.delete(token);
      this.replies.get(token)?.(m);
      return;
    }
    switch (m.kind) {
      case 'ping': this.reply(from, m, 'pong', {}); return;
      case 'frames': {
        const ranges = this.frames.lend((m as Message<'frames'>).fields.count, 50);
        this.reply(from, m, 'framesReply', { count: ranges.length / 2 }, ranges);
        return;
      }
      case 'register': case 'bind': this.names.onMessage(from, m); return;
      case 'invalidate': this.shootdown.onMessage(from, m); return;
      case 'prepare': case 'decide': this.agreement.onMessage(from, m); return;
      default: this.domains.onMessage(from, m);
    }
  }

  /**
   * Makes sure `n` frames can be taken from this monitor's share, borrowing from the other
   * monitors if needed, then calls `then(enough)`.
   */
  withFrames(n: number, then: (enough: boolean) => void, asked = 1): void {
    if (this.frames.available >= n || asked >= this.ncores) {
      then(this.frames.available >= n);
      return;
    }
    const donor = (this.core + asked) % this.ncores;
    this.request(donor, 'frames', { count: Math.max(n - this.frames.available, 32) }, (r) => {
      this.frames.receive(r.extra ?? []);
      this.withFrames(n, then, asked + 1);
    });
  }

  // ── this core's dispatchers ────────────────────────────────────────────────────
  /** Word i of the arguments of dispatcher `slot`'s current system call. */
  arg(slot: number, i: number): number {
    return this.mem.u32(dcbAddress(this.core, slot) + D_SYS_ARGS + 4 * i);
  }

  dispatcherId(slot: number): number {
    return this.mem.u32(dcbAddress(this.core, slot) + D_ID);
  }

  /** Gives dispatcher `slot` its system call result (waking it if it waits). */
  complete(slot: number, result: number): void {
    if (slot === this.inCall) this.doneInCall = true;
    this.kernel.complete(slot, result >>> 0);
  }

  /** Kills dispatcher `slot` for a bad system call argument at `addr`. */
  badArgument(slot: number, addr: number): void {
    this.kernel.fault(slot, FAULT_BAD_ARG, addr >>> 0);
  }

  private console(slot: number, len: number): void {
    const at = coreBlock(this.core) + C_CONSOLE;
    this.events.output(this.core, this.dispatcherId(slot), this.mem.bytes.slice(at, at + len));
  }

  private syscall(slot: number, num: number): number {
    this.kernel.charge(MONITOR_CALL_CYCLES);
    this.trace?.({ ev: 'call', id: this.dispatcherId(slot), call: syscallName(num) });
    this.inCall = slot;
    this.doneInCall = false;
    let r: number | typeof LATER;
    switch (num) {
      case SYS_MEMGROW: r = this.domains.memgrow(slot, this.arg(slot, 0) | 0); break;
      case SYS_SPAWN: r = this.domains.spawn(slot, this.arg(slot, 0), this.arg(slot, 1), this.arg(slot, 2)); break;
      case SYS_JOIN: r = this.domains.join(slot, this.arg(slot, 0)); break;
      case SYS_SERVE: r = this.names.serve(slot, this.arg(slot, 0), this.arg(slot, 1)); break;
      case SYS_ACCEPT: r = this.names.accept(slot, this.arg(slot, 0)); break;
      case SYS_CONNECT: r = this.names.connect(slot, this.arg(slot, 0), this.arg(slot, 1)); break;
      case SYS_UNMAP: r = this.domains.unmap(slot, this.arg(slot, 0), this.arg(slot, 1)); break;
      default: r = -1; // not a system call this machine provides
    }
    this.inCall = -1;
    if (r === LATER) return this.doneInCall ? HS_DONE : HS_BLOCKED;
    this.complete(slot, r);
    return HS_DONE;
  }

  private dispatcherEnded(kind: number, slot: number): void {
    const d = dcbAddress(this.core, slot);
    const mem = this.mem;
    this.names.ended(slot, this.dispatcherId(slot));
    if (kind === EV_FAULT) {
      const insn = mem.bytes.slice(d + D_FAULT_INSN, d + D_FAULT_INSN + 8);
      this.domains.ended(slot, { fault: faultInfo(this.isa, mem.u32(d + D_FAULT), mem.u32(d + D_FAULT_ADDR), mem.u32(d + D_FAULT_PC), insn) });
    } else {
      this.domains.ended(slot, { code: mem.view.getInt32(d + D_EXIT_CODE, true) });
    }
  }
}
