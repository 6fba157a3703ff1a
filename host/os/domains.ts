// Domains as one monitor sees them: the programs with dispatchers on its core. The monitor
// of a domain's home core (where it was loaded) owns its heap and counts its dispatchers on
// every core — every spawn passes through it — and the others know only what they host.
// Remote spawn, join, memgrow and the end of a domain are messages between monitors.
import { HEAP_LIMIT, PAGE_MASK, PAGE_SIZE, STACK_PAGES, STACK_SLOTS } from '../../kernel/shared/addrspace.js';
import { E_NOT_FOUND, E_NO_CODE, E_NO_MEMORY } from '../../kernel/shared/channel.js';
import { MONITOR_MAP_PAGE_CYCLES, MONITOR_SPAWN_CYCLES } from '../../kernel/shared/costs.js';
import { MAX_DISPATCHERS } from '../../kernel/shared/layout.js';
import {
  entryOf, framesForGrowth, growHeap, loadImage, mapStack, markShared, translateEntry,
} from './address-space.js';
import type { FaultInfo } from './fault-report.js';
import { walk, unmapPage } from '../../isa/pagetable.js';
import { FrameLedger, OutOfFrames } from './frames.js';
import { asidOf, coreOfId, domainId, machineId } from './ids.js';
import { LATER, type MonitorPort } from './monitor-port.js';
import { FAULTED_EXIT, type Message } from './protocol.js';
import type { Shootdown } from './shootdown.js';

/**
 * The most dispatchers one domain may have on one core: a program that spawns without end
 * (a spawn bomb) gets E_NO_MEMORY there and leaves a quarter of the core's slots to others.
 */
export const DOMAIN_SLOTS_PER_CORE = (MAX_DISPATCHERS * 3) / 4;

/**
 * A program the monitor cannot start: it has no code for this core's ISA, or it does not fit
 * in the core's share of memory or dispatcher slots. The message says which, in the user's
 * terms (the CLI prints it as it is).
 */
export class ProgramRefused extends Error {
  override readonly name = 'ProgramRefused';
}

interface DomainView {
  readonly id: number;
  readonly home: number;
  readonly image: number;
  readonly root: number;
  /** frames this monitor took for the domain: given back when the domain ends */
  readonly ledger: FrameLedger;
  /** stack slots of the domain in use on this core */
  readonly stacks: Set<number>;
  // the home monitor's part
  brk: number;
  live: number;
  /** dispatchers of the domain per core */
  readonly hosts: Map<number, number>;
  shared: boolean;
}

type SpawnFields = Message<'spawn'>['fields'] extends infer F ? Omit<F, 'token'> : never;

interface Hosted {
  readonly id: number;
  readonly domain: number;
  readonly stack: number;
}

export class Domains {
  private readonly views = new Map<number, DomainView>();
  private readonly bySlot = new Map<number, Hosted>();
  private readonly slotOf = new Map<number, number>();
  /** the exit codes of dispatchers that ran here, and their domains */
  private readonly exits = new Map<number, { code: number; domain: number }>();
  private readonly joiners = new Map<number, ((code: number) => void)[]>();
  private nextDomain = 1;
  private nextDispatcher = 1;

  constructor(private readonly m: MonitorPort, private readonly shootdown: Shootdown) {}

  private view(id: number, home: number, image: number, root: number, brk = 0): DomainView {
    let v = this.views.get(id);
    if (!v) {
      v = { id, home, image, root, ledger: new FrameLedger(this.m.frames), stacks: new Set(), brk, live: 0, hosts: new Map(), shared: false };
      this.views.set(id, v);
    }
    return v;
  }

  private program(v: DomainView): string {
    return this.m.images.get(v.image).name;
  }

  /** Loads a stored image as a new domain homed here and starts its main dispatcher. */
  startProgram(image: number, arg: number): number {
    const { image: file, name } = this.m.images.get(image);
    const entry = entryOf(file, this.m.isa);
    if (entry === undefined) {
      const have = file.sections.filter((s) => s.kind === 'text').map((s) => s.isa).join(', ') || 'none';
      throw new ProgramRefused(`${name} has no ${this.m.isa} code (its slices: ${have}), so it cannot run on core ${this.m.core} (${this.m.isa})`);
    }
    const id = domainId(this.nextDomain++, this.m.core, this.m.ncores);
    const ledger = new FrameLedger(this.m.frames);
    let space: { root: number; brk: number };
    try {
      space = loadImage(this.m.mem.view, ledger, file);
    } catch (e) {
      if (!(e instanceof OutOfFrames)) throw e;
      ledger.releaseAll();
      throw new ProgramRefused(`${name} does not fit in core ${this.m.core}'s share of memory: run with more --memory`);
    }
    const v = this.view(id, this.m.core, image, space.root, space.brk);
    v.ledger.frames.push(...ledger.frames);
    const d = this.startDispatcher(v, entry, arg);
    if (d < 0) throw new ProgramRefused(`core ${this.m.core}: cannot start ${name} (out of memory or dispatcher slots)`);
    this.homeStarted(v, this.m.core);
    return d;
  }

  /** Creates a dispatcher of v here: a stack slot from this core's part, its pages, the DCB. */
  private startDispatcher(v: DomainView, entry: number, arg: number): number {
    let stack = this.m.core;
    while (v.stacks.has(stack)) stack += this.m.ncores;
    if (stack >= STACK_SLOTS) return E_NO_MEMORY;
    try {
      mapStack(this.m.mem.view, v.ledger, v.root, stack);
    } catch (e) {
      if (e instanceof OutOfFrames) return E_NO_MEMORY;
      throw e;
    }
    const id = machineId(this.nextDispatcher++, this.m.core);
    const slot = this.m.kernel.dispatcher_create(id, asidOf(v.id), v.root, entry, arg >>> 0, stack);
    if (slot < 0) return E_NO_MEMORY;
    this.m.kernel.charge(MONITOR_SPAWN_CYCLES);
    v.stacks.add(stack);
    this.bySlot.set(slot, { id, domain: v.id, stack });
    this.slotOf.set(id, slot);
    this.m.events.started({ id, domain: v.id, core: this.m.core, image: v.image, program: this.program(v) });
    return id;
  }

  // ── system calls ────────────────────────────────────────────────────────────────
  /** spawn(core, fn, arg): fn is in the caller's ISA; the target core runs its own slice. */
  spawn(slot: number, core: number, fn: number, arg: number): number | typeof LATER {
    if (core >= this.m.ncores) return E_NOT_FOUND;
    const v = this.views.get(this.bySlot.get(slot)!.domain)!;
    const entry = translateEntry(this.m.images.get(v.image).image, this.m.isa, fn, this.m.isas[core]);
    if (entry === 'no-code') return E_NO_CODE;
    if (entry === 'not-a-function') return E_NOT_FOUND;
    const fields: SpawnFields = { domain: v.id, home: v.home, image: v.image, root: v.root, entry, arg, target: core };
    const done = (r: number) => this.m.complete(slot, r);
    if (v.home === this.m.core) this.spawnAtHome(v, fields, done);
    else this.m.request(v.home, 'spawn', fields, (r) => done((r as Message<'spawnReply'>).fields.dispatcher));
    return LATER;
  }

  /** At the domain's home: count the new dispatcher, then start it here or on its target. */
  private spawnAtHome(v: DomainView, f: SpawnFields, done: (r: number) => void): void {
    if ((v.hosts.get(f.target) ?? 0) >= DOMAIN_SLOTS_PER_CORE) return done(E_NO_MEMORY);
    if (f.target === this.m.core) {
      this.spawnHere(f, (r) => {
        if (r >= 0) this.homeStarted(v, this.m.core);
        done(r);
      });
      return;
    }
    this.homeStarted(v, f.target); // counted before it exists: it cannot end before this
    this.m.request(f.target, 'spawn', f, (r) => {
      const id = (r as Message<'spawnReply'>).fields.dispatcher;
      if (id < 0) this.homeEnded(v, f.target);
      done(id);
    });
  }

  private spawnHere(f: SpawnFields, done: (r: number) => void): void {
    const v = this.view(f.domain, f.home, f.image, f.root);
    this.m.withFrames(STACK_PAGES + 2, (enough) => done(enough ? this.startDispatcher(v, f.entry, f.arg) : E_NO_MEMORY));
  }

  /** join(id): the exit code of a dispatcher of the caller's own domain, once it has ended. */
  join(slot: number, id: number): number | typeof LATER {
    const core = coreOfId(id);
    if (core >= this.m.ncores) return E_NOT_FOUND;
    const domain = this.bySlot.get(slot)!.domain;
    const done = (code: number) => this.m.complete(slot, code);
    if (core === this.m.core) return this.joinHere(id, domain, done);
    this.m.request(core, 'join', { dispatcher: id, domain }, (r) => done((r as Message<'joinReply'>).fields.code));
    return LATER;
  }

  /** Another program's dispatchers are not there for a joiner: E_NOT_FOUND, as if unknown. */
  private joinHere(id: number, domain: number, done: (code: number) => void): number | typeof LATER {
    const ended = this.exits.get(id);
    if (ended) return ended.domain === domain ? ended.code : E_NOT_FOUND;
    const slot = this.slotOf.get(id);
    if (slot === undefined || this.bySlot.get(slot)!.domain !== domain) return E_NOT_FOUND;
    this.joiners.set(id, [...(this.joiners.get(id) ?? []), done]);
    return LATER;
  }

  /** memgrow(bytes): the home monitor grows the heap; returns the old end or -1. */
  memgrow(slot: number, bytes: number): number | typeof LATER {
    const v = this.views.get(this.bySlot.get(slot)!.domain)!;
    const done = (r: number) => this.m.complete(slot, r);
    if (v.home === this.m.core) this.growHere(v, bytes, done);
    else this.m.request(v.home, 'memgrow', { domain: v.id, bytes }, (r) => done((r as Message<'memgrowReply'>).fields.result));
    return LATER;
  }

  private growHere(v: DomainView, bytes: number, done: (r: number) => void): void {
    // a growth that cannot be must not first gather frames from every other monitor
    if (bytes < 0 || v.brk + bytes > HEAP_LIMIT) return done(-1);
    const need = framesForGrowth(v.brk, bytes);
    this.m.withFrames(need, (enough) => {
      if (!enough) return done(-1);
      const old = v.brk;
      try {
        const end = growHeap(this.m.mem.view, v.ledger, v.root, old, bytes, v.shared);
        if (end < 0) return done(-1);
        v.brk = end;
        this.m.kernel.charge(MONITOR_MAP_PAGE_CYCLES * Math.ceil(bytes / PAGE_SIZE));
        done(old);
      } catch (e) {
        if (!(e instanceof OutOfFrames)) throw e;
        done(-1);
      }
    });
  }

  /**
   * unmap(addr, len): the home monitor removes the mappings and shoots down the TLB entries
   * on every core the domain runs on (shootdown.ts); the frames are free once all answered.
   */
  unmap(slot: number, addr: number, len: number): number | typeof LATER {
    const v = this.views.get(this.bySlot.get(slot)!.domain)!;
    if ((addr & PAGE_MASK) !== 0 || len <= 0) return -1;
    const pages = Math.ceil(len / PAGE_SIZE);
    const done = (r: number) => this.m.complete(slot, r);
    if (v.home === this.m.core) this.unmapHere(v, addr, pages, done);
    else this.m.request(v.home, 'unmap', { domain: v.id, va: addr, pages }, (r) => done((r as Message<'unmapReply'>).fields.result));
    return LATER;
  }

  private unmapHere(v: DomainView, va: number, pages: number, done: (r: number) => void): void {
    const view = this.m.mem.view;
    for (let i = 0; i < pages; i++) if (!walk(view, v.root, va + i * PAGE_SIZE)) return done(-1);
    const frames = Array.from({ length: pages }, (_, i) => unmapPage(view, v.root, va + i * PAGE_SIZE)!);
    this.m.kernel.charge(MONITOR_MAP_PAGE_CYCLES * pages);
    const targets = [...v.hosts].filter(([, n]) => n > 0).map(([c]) => c);
    this.shootdown.start({ domain: v.id, va, pages }, targets, () => {
      // no core can translate them now: the frames (this monitor's) can be reused
      for (const f of frames) if (v.ledger.give(f)) this.m.frames.give(f);
      done(0);
    });
  }

  // ── ends ────────────────────────────────────────────────────────────────────────
  /** Dispatcher `slot` here exited or faulted. */
  ended(slot: number, end: { code: number } | { fault: FaultInfo }): void {
    const h = this.bySlot.get(slot);
    if (!h) return;
    const v = this.views.get(h.domain)!;
    const code = 'code' in end ? end.code : FAULTED_EXIT;
    this.exits.set(h.id, { code, domain: h.domain });
    this.bySlot.delete(slot);
    this.slotOf.delete(h.id);
    v.stacks.delete(h.stack);
    this.m.events.ended({ id: h.id, domain: v.id, core: this.m.core, image: v.image, program: this.program(v), ...end });
    for (const j of this.joiners.get(h.id) ?? []) j(code);
    this.joiners.delete(h.id);
    if (v.home === this.m.core) this.homeEnded(v, this.m.core);
    else this.m.send(v.home, { kind: 'dispatcherEnded', fields: { domain: v.id } });
  }

  private homeStarted(v: DomainView, core: number): void {
    v.live++;
    v.hosts.set(core, (v.hosts.get(core) ?? 0) + 1);
    if (v.hosts.size > 1 && !v.shared) {
      // the domain now spans cores: its data is shared memory, seen by the cost model
      v.shared = true;
      markShared(this.m.mem.view, v.root, v.brk);
      for (const c of v.hosts.keys()) this.m.send(c, { kind: 'tlbFlush', fields: { domain: v.id } });
    }
  }

  private homeEnded(v: DomainView, core: number): void {
    v.live--;
    v.hosts.set(core, (v.hosts.get(core) ?? 1) - 1);
    if (v.live > 0) return;
    for (const c of v.hosts.keys()) this.m.send(c, { kind: 'domainEnded', fields: { domain: v.id } });
  }

  onMessage(from: number, m: Message): void {
    switch (m.kind) {
      case 'spawn': {
        const f = (m as Message<'spawn'>).fields;
        const reply = (r: number) => this.m.reply(from, m, 'spawnReply', { dispatcher: r });
        const home = f.home === this.m.core ? this.views.get(f.domain) : undefined;
        if (home) this.spawnAtHome(home, f, reply);
        else this.spawnHere(f, reply);
        return;
      }
      case 'join': {
        const reply = (code: number) => this.m.reply(from, m, 'joinReply', { code });
        const f = (m as Message<'join'>).fields;
        const r = this.joinHere(f.dispatcher, f.domain, reply);
        if (r !== LATER) reply(r);
        return;
      }
      case 'memgrow': {
        const f = (m as Message<'memgrow'>).fields;
        const v = this.views.get(f.domain);
        if (!v) this.m.reply(from, m, 'memgrowReply', { result: -1 });
        else this.growHere(v, f.bytes, (r) => this.m.reply(from, m, 'memgrowReply', { result: r }));
        return;
      }
      case 'dispatcherEnded': { const v = this.views.get((m as Message<'dispatcherEnded'>).fields.domain); if (v) this.homeEnded(v, from); return; }
      case 'tlbFlush': this.m.kernel.tlb_flush(asidOf((m as Message<'tlbFlush'>).fields.domain)); return;
      case 'unmap': {
        const f = (m as Message<'unmap'>).fields;
        const v = this.views.get(f.domain);
        if (!v) this.m.reply(from, m, 'unmapReply', { result: -1 });
        else this.unmapHere(v, f.va, f.pages, (r) => this.m.reply(from, m, 'unmapReply', { result: r }));
        return;
      }
      case 'domainEnded': {
        const id = (m as Message<'domainEnded'>).fields.domain;
        const v = this.views.get(id);
        if (!v) return;
        v.ledger.releaseAll();
        this.m.kernel.tlb_flush(asidOf(id));
        this.views.delete(id);
        return;
      }
    }
  }

  /**
   * Core `core` died, and its dispatchers with it: a domain homed here no longer counts them,
   * and may end now. (A domain homed there never ends: what this monitor holds of it stays
   * held — its dispatchers elsewhere may still use those pages.)
   */
  peerDied(core: number): void {
    for (const v of [...this.views.values()]) {
      if (v.home !== this.m.core) continue;
      for (let n = v.hosts.get(core) ?? 0; n > 0; n--) this.homeEnded(v, core);
      v.hosts.delete(core);
    }
  }
}
