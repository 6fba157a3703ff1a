// The name service, replicated: every monitor holds a replica of the table of exported
// services. serve() returns only when every replica has the new name, so a connect on any
// core sees it from then on; a connect to a name not (yet) exported waits for it. Binding
// asks the service's core for a channel from that core's pool; a channel goes back to the
// pool once both its sides have closed, so programs that come and go never drain it.
import { E_EXISTS, E_NOT_FOUND, E_NO_MEMORY, USER_SLOTS } from '../../kernel/shared/channel.js';
import { MONITOR_BIND_CYCLES } from '../../kernel/shared/costs.js';
import { D_PTROOT, dcbAddress } from '../../kernel/shared/layout.js';
import { readUser } from './address-space.js';
import { poolChannel } from '../hardware/memory.js';
import { machineId } from './ids.js';
import { LATER, type MonitorPort } from './monitor-port.js';
import type { Message } from './protocol.js';

/** Longest service name, in bytes. */
export const MAX_NAME = 200;

interface Entry { readonly service: number; readonly core: number }

interface LocalService {
  readonly name: string;
  readonly ownerId: number;
  /** channels bound by clients, waiting for accept(): address and client core */
  readonly ready: { channel: number; client: number }[];
  /** dispatchers blocked in accept() */
  readonly acceptors: number[];
}

export class NameService {
  private readonly replica = new Map<string, Entry>();
  private readonly services = new Map<number, LocalService>();
  private readonly waiting = new Map<string, { slot: number; id: number }[]>();
  private nextService = 1;
  /** pool channels handed out so far (the rest of the pool has never been used) */
  private usedChannels = 0;

  constructor(private readonly m: MonitorPort) {}

  /** Reads a name argument; undefined (and the caller faulted) if it is bad. */
  private name(slot: number, ptr: number, len: number): string | undefined {
    const bytes = len <= MAX_NAME ? readUser(this.m.mem.view, this.m.mem.u32(dcbAddress(this.m.core, slot) + D_PTROOT), ptr, len) : null;
    if (!bytes) {
      this.m.badArgument(slot, ptr);
      return undefined;
    }
    return new TextDecoder().decode(bytes);
  }

  /** serve(name, len): exports a service; returns once every replica knows it. */
  serve(slot: number, ptr: number, len: number): number | typeof LATER {
    const name = this.name(slot, ptr, len);
    if (name === undefined) return LATER;
    if (this.replica.has(name)) return E_EXISTS;
    const service = machineId(this.nextService++, this.m.core);
    const entry = { service, core: this.m.core };
    this.replica.set(name, entry);
    this.services.set(service, { name, ownerId: this.m.dispatcherId(slot), ready: [], acceptors: [] });
    this.resumeWaiting(name);
    let acks = this.m.ncores - 1;
    if (acks === 0) return service;
    for (let c = 0; c < this.m.ncores; c++) {
      if (c === this.m.core) continue;
      this.m.request(c, 'register', { service, core: this.m.core, dispatcher: this.m.dispatcherId(slot) }, () => {
        if (--acks === 0) this.m.complete(slot, service);
      }, name);
    }
    return LATER;
  }

  /** accept(service): the next channel a client bound to it (waits for one). */
  accept(slot: number, service: number): number | typeof LATER {
    const s = this.services.get(service);
    if (!s || s.ownerId !== this.m.dispatcherId(slot)) {
      this.m.badArgument(slot, service);
      return LATER;
    }
    const next = s.ready.shift();
    if (next) return this.open(slot, next.channel, 0, next.client);
    s.acceptors.push(slot);
    return LATER;
  }

  /** connect(name, len): a channel to the service (waits until the name is exported). */
  connect(slot: number, ptr: number, len: number): number | typeof LATER {
    const name = this.name(slot, ptr, len);
    if (name === undefined) return LATER;
    const id = this.m.dispatcherId(slot);
    const entry = this.replica.get(name);
    if (entry) this.bind(slot, id, entry);
    else this.waiting.set(name, [...(this.waiting.get(name) ?? []), { slot, id }]);
    return LATER;
  }

  private bind(slot: number, id: number, entry: Entry): void {
    const finish = (channel: number) => {
      if (this.m.dispatcherId(slot) !== id) {
        // it ended meanwhile: nobody will open the client side, so the server must see it closed
        if (channel >= 0) this.m.kernel.chan_close(channel, 1);
        return;
      }
      this.m.complete(slot, channel < 0 ? channel : this.open(slot, channel, 1, entry.core));
    };
    if (entry.core === this.m.core) finish(this.bound(entry.service, this.m.core));
    else this.m.request(entry.core, 'bind', { service: entry.service, core: this.m.core, dispatcher: id }, (r) => finish((r as Message<'bindReply'>).fields.channel));
  }

  /**
   * Opens this core's end of a channel for dispatcher `slot`; the handle, or E_NO_MEMORY if
   * this core's endpoint table is full — then the side is closed, so the other side is not
   * left waiting for it and the channel can go back to its pool.
   */
  private open(slot: number, channel: number, side: number, peer: number): number {
    const h = this.m.kernel.ep_open(channel, side, peer, slot, this.m.dispatcherId(slot));
    if (h >= 0) return h;
    this.m.kernel.chan_close(channel, side);
    return E_NO_MEMORY;
  }

  /**
   * A channel of this core's pool that is free: one both sides closed, or one never used.
   * When there is none, channels whose client has gone before a server accepted them are
   * taken back first.
   */
  private takeChannel(): number | undefined {
    return this.freeChannel() ?? (this.dropAbandoned() ? this.freeChannel() : undefined);
  }

  private freeChannel(): number | undefined {
    const layout = this.m.mem.layout;
    for (let i = 0; i < this.usedChannels; i++) {
      const c = poolChannel(layout, this.m.core, i);
      if (this.m.kernel.chan_closed(c) === 3) return c;
    }
    return this.usedChannels < layout.poolSize ? poolChannel(layout, this.m.core, this.usedChannels++) : undefined;
  }

  /** Closes the server side of bound channels no one accepted whose client closed; any? */
  private dropAbandoned(): boolean {
    let dropped = false;
    for (const s of this.services.values()) {
      for (let i = s.ready.length - 1; i >= 0; i--) {
        if ((this.m.kernel.chan_closed(s.ready[i].channel) & 2) === 0) continue;
        this.m.kernel.chan_close(s.ready[i].channel, 0);
        s.ready.splice(i, 1);
        dropped = true;
      }
    }
    return dropped;
  }

  /**
   * Dispatcher `id` (in `slot`) ended: its services end with it. Clients bound to them but
   * never accepted see their channels closed instead of waiting for ever; new binds get
   * E_NOT_FOUND.
   */
  ended(slot: number, id: number): void {
    for (const [service, s] of this.services) {
      const i = s.acceptors.indexOf(slot);
      if (i >= 0) s.acceptors.splice(i, 1);
      if (s.ownerId !== id) continue;
      for (const r of s.ready) this.m.kernel.chan_close(r.channel, 0);
      this.services.delete(service);
    }
  }

  /** A client on `client` binds to local `service`: a channel from this core's pool. */
  private bound(service: number, client: number): number {
    const s = this.services.get(service);
    if (!s) return E_NOT_FOUND;
    const channel = this.takeChannel();
    if (channel === undefined) return E_NO_MEMORY;
    this.m.kernel.chan_init(channel, USER_SLOTS, this.m.core, client);
    this.m.kernel.charge(MONITOR_BIND_CYCLES);
    this.m.trace?.({ ev: 'bind', ch: channel, service: s.name, client });
    const acceptor = s.acceptors.shift();
    if (acceptor !== undefined) this.m.complete(acceptor, this.open(acceptor, channel, 0, client));
    else s.ready.push({ channel, client });
    return channel;
  }

  /** Connects that waited for `name` go ahead now that this replica has it. */
  private resumeWaiting(name: string): void {
    const entry = this.replica.get(name)!;
    const waiters = this.waiting.get(name) ?? [];
    this.waiting.delete(name);
    for (const w of waiters) this.bind(w.slot, w.id, entry);
  }

  onMessage(from: number, m: Message): void {
    if (m.kind === 'register') {
      const f = (m as Message<'register'>).fields;
      const name = m.text ?? '';
      if (!this.replica.has(name)) this.replica.set(name, { service: f.service, core: f.core });
      this.m.reply(from, m, 'registerAck', {});
      this.resumeWaiting(name);
    } else if (m.kind === 'bind') {
      const f = (m as Message<'bind'>).fields;
      this.m.reply(from, m, 'bindReply', { channel: this.bound(f.service, f.core) });
    }
  }
}
