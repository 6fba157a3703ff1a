// TLB shootdown (the paper's Figures 6 and 7): after a domain's pages are unmapped, every
// core that runs one of its dispatchers must drop its TLB entries for them before the
// frames can be reused. One-phase agreement: the initiating monitor tells every such core
// and waits for all their acknowledgements. Four ways to tell them:
//  - broadcast: the request is written once, in the initiator's broadcast line, and every
//    core reads it (they contend for that one line); each acknowledges over its channel
//  - unicast:   one message to each core over the monitor mesh
//  - multicast: one message per package, to a leader that forwards it within its package
//               and acknowledges once its package has (the SKB's tree, host/os/skb.ts)
//  - numa:      multicast, the farthest packages first
import { PAGE_SIZE } from '../../kernel/shared/addrspace.js';
import { DB_BROADCAST } from '../../kernel/shared/layout.js';
import { broadcastLine } from '../hardware/memory.js';
import { type Skb, multicastPlan } from './skb.js';
import { asidOf } from './ids.js';
import type { MonitorPort } from './monitor-port.js';
import type { Message } from './protocol.js';

export type ShootdownProtocol = 'broadcast' | 'unicast' | 'multicast' | 'numa';
export const SHOOTDOWN_PROTOCOLS: readonly ShootdownProtocol[] = ['broadcast', 'unicast', 'multicast', 'numa'];

interface Request { domain: number; va: number; pages: number }

export class Shootdown {
  /** how this monitor shoots down, when it initiates */
  protocol: ShootdownProtocol = 'numa';
  /** the SKB's facts this monitor was given (none: unicast) */
  skb?: Skb;
  /** cycles the last shootdown this monitor initiated took, from start to the last ack */
  lastCycles = 0;
  private broadcastSeq = 0;
  /** the last broadcast seen from each core */
  private readonly seen: number[];

  constructor(private readonly m: MonitorPort) {
    this.seen = new Array(m.ncores).fill(0);
  }

  /** Drops this core's TLB entries for the pages. */
  private flush(r: Request): void {
    for (let i = 0; i < r.pages; i++) this.m.kernel.tlb_flush_page(asidOf(r.domain), r.va + i * PAGE_SIZE);
  }

  /** Makes every core of `targets` drop the pages from its TLB; then `done`. */
  start(r: Request, targets: readonly number[], done: () => void): void {
    const t0 = this.m.kernel.now();
    const finish = () => {
      this.lastCycles = this.m.kernel.now() - t0;
      done();
    };
    if (targets.includes(this.m.core)) this.flush(r);
    const others = targets.filter((c) => c !== this.m.core);
    if (others.length === 0) return finish();
    let waiting = 0;
    const acked = () => { if (--waiting === 0) finish(); };
    const protocol = this.skb || this.protocol === 'broadcast' || this.protocol === 'unicast' ? this.protocol : 'unicast';
    if (protocol === 'broadcast') {
      // written once; each target reads it and acknowledges to us
      waiting = others.length;
      const token = this.m.expect(acked, others.length, 'invalidate', others);
      const buf = this.m.messageBuffer;
      [token, r.domain, r.va, r.pages].forEach((w, i) => this.m.mem.view.setUint32(buf + 4 * i, w >>> 0, true));
      this.m.kernel.line_write(broadcastLine(this.m.mem.layout, this.m.core), 4, ++this.broadcastSeq);
      for (const c of others) this.m.kernel.doorbell_ring(c, DB_BROADCAST);
      return;
    }
    const plan = protocol === 'unicast'
      ? { first: others, forward: new Map<number, number[]>() }
      : multicastPlan(this.skb!, this.m.core, others, protocol === 'numa');
    waiting = plan.first.length;
    for (const c of plan.first) {
      this.m.request(c, 'invalidate', r, acked, undefined, plan.forward.get(c) ?? []);
    }
  }

  onMessage(from: number, msg: Message): void {
    if (msg.kind !== 'invalidate') return;
    const r = (msg as Message<'invalidate'>).fields;
    this.flush(r);
    const onward = msg.extra ?? [];
    if (onward.length === 0) return this.m.reply(from, msg, 'invalidateAck', {});
    // a package leader: pass it on, acknowledge when the whole package has
    let waiting = onward.length;
    for (const c of onward) {
      this.m.request(c, 'invalidate', { domain: r.domain, va: r.va, pages: r.pages }, () => {
        if (--waiting === 0) this.m.reply(from, msg, 'invalidateAck', {});
      });
    }
  }

  /** The doorbell said broadcast: read the broadcast lines that changed and answer them. */
  readBroadcasts(): void {
    for (let c = 0; c < this.m.ncores; c++) {
      if (c === this.m.core) continue;
      const seq = this.m.kernel.line_read(broadcastLine(this.m.mem.layout, c));
      if (seq === this.seen[c]) continue;
      this.seen[c] = seq;
      const buf = this.m.messageBuffer;
      const w = (i: number) => this.m.mem.view.getUint32(buf + 4 * i, true);
      this.flush({ domain: w(1), va: w(2), pages: w(3) });
      this.m.send(c, { kind: 'invalidateAck', fields: { token: w(0) } });
    }
  }
}
