// Agreement over replicated state (the paper's third principle): every monitor holds a
// replica of a piece of global OS state — here the machine-wide memory reservation, the kind
// of state a capability retype changes — and changes it only by two-phase commit. The
// coordinator asks every participant to prepare (each checks the change against its replica
// and locks it), and commits only if all vote yes; otherwise, or if a vote does not come in
// time (a stalled monitor), it aborts. No replica is left holding a different value.
import { AGREEMENT_TIMEOUT_CYCLES } from '../../kernel/shared/costs.js';
import { machineId } from './ids.js';
import type { MonitorPort } from './monitor-port.js';
import type { Message } from './protocol.js';

/** The most memory the replicas agree can be reserved in all (bytes). */
export const RESERVATION_LIMIT = 0x40000000;

export interface Outcome {
  readonly committed: boolean;
  /** why it aborted */
  readonly reason?: 'refused' | 'timeout';
  /** cycles on the coordinator's clock, from the first prepare to the last answer */
  readonly cycles: number;
}

export class Agreement {
  /** this monitor's replica */
  reserved = 0;
  /** a change prepared and locked, waiting for the decision */
  pending?: { txn: number; delta: number };
  private nextTxn = 1;

  constructor(private readonly m: MonitorPort) {}

  /** Coordinates a change of `delta` bytes to the reservation among `participants`. */
  propose(delta: number, participants: readonly number[], done: (o: Outcome) => void): void {
    const t0 = this.m.kernel.now();
    const txn = machineId(this.nextTxn++, this.m.core);
    const others = participants.filter((c) => c !== this.m.core);
    const finish = (committed: boolean, reason?: Outcome['reason']) => {
      if (committed) this.reserved += delta;
      this.pending = undefined;
      done({ committed, reason, cycles: this.m.kernel.now() - t0 });
    };
    if (!this.prepare(txn, delta)) return finish(false, 'refused');
    // phase 1: votes, within the timeout
    let votes = others.length, yes = true, decided = false;
    const decide = (commit: boolean, reason?: Outcome['reason']) => {
      if (decided) return;
      decided = true;
      cancel();
      // phase 2: the decision to everyone. A commit is done when all have applied it; an abort
      // at once — a participant that never answered (stalled) drops its lock when it reads it
      let left = others.length;
      if (left === 0 || !commit) {
        for (const c of others) this.m.request(c, 'decide', { txn, commit: 0 }, () => {});
        return finish(commit, reason);
      }
      for (const c of others) this.m.request(c, 'decide', { txn, commit: 1 }, () => { if (--left === 0) finish(commit, reason); });
    };
    const cancel = this.m.setTimer(this.m.kernel.now() + AGREEMENT_TIMEOUT_CYCLES, () => decide(false, 'timeout'));
    if (votes === 0) return decide(true);
    for (const c of others) {
      this.m.request(c, 'prepare', { txn, delta }, (r) => {
        yes &&= (r as Message<'vote'>).fields.yes === 1;
        if (--votes === 0) decide(yes, yes ? undefined : 'refused');
      });
    }
  }

  /** Can this replica take the change? If so it is locked until the decision. */
  private prepare(txn: number, delta: number): boolean {
    if (this.pending || this.reserved + delta > RESERVATION_LIMIT || this.reserved + delta < 0) return false;
    this.pending = { txn, delta };
    return true;
  }

  onMessage(from: number, msg: Message): void {
    if (msg.kind === 'prepare') {
      const f = (msg as Message<'prepare'>).fields;
      this.m.reply(from, msg, 'vote', { yes: this.prepare(f.txn, f.delta) ? 1 : 0 });
    } else if (msg.kind === 'decide') {
      const f = (msg as Message<'decide'>).fields;
      if (this.pending?.txn === f.txn) {
        if (f.commit) this.reserved += this.pending.delta;
        this.pending = undefined;
      }
      this.m.reply(from, msg, 'decided', {});
    }
  }
}
