// The system knowledge base (Barrelfish's SKB), reduced to what the monitors need: the
// round-trip times between every pair of monitors — measured by pinging over the monitor
// mesh, not read off the topology (host/tools/experiments/tlb-shootdown.ts) — and what
// follows from them: which cores form a package (close to each other), a leader per
// package, and multicast trees for protocols that must reach many cores (TLB shootdown),
// optionally NUMA-aware (farthest packages first).
export interface Skb {
  /** measured round trip between the monitors of cores i and j, in cycles of core i */
  readonly rtt: readonly (readonly number[])[];
  /** groups of cores close to each other (packages) */
  readonly packages: readonly (readonly number[])[];
  /** the package of each core */
  readonly packageOf: readonly number[];
}

/**
 * Packages from round trips: core i's nearest round-trip level (within 10%) is its package,
 * as long as the next level is clearly farther; cores i and j share a package when j is at
 * i's nearest level. (The union of the pairs, so it is symmetric.)
 */
export function skbFromRtt(rtt: readonly (readonly number[])[]): Skb {
  const n = rtt.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let i = 0; i < n; i++) {
    const nearest = Math.min(...rtt[i].filter((_, j) => j !== i));
    for (let j = 0; j < n; j++) if (j !== i && rtt[i][j] <= nearest * 1.1) parent[find(j)] = find(i);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) groups.set(find(i), [...(groups.get(find(i)) ?? []), i]);
  const packages = [...groups.values()].sort((a, b) => a[0] - b[0]);
  const packageOf = new Array<number>(n);
  packages.forEach((p, k) => p.forEach((c) => { packageOf[c] = k; }));
  return { rtt, packages, packageOf };
}

export interface MulticastPlan {
  /** the cores the initiator sends to itself, in order */
  readonly first: readonly number[];
  /** for each of them, the cores it passes the message on to */
  readonly forward: ReadonlyMap<number, readonly number[]>;
}

/**
 * How the initiator reaches `targets`: the cores of its own package directly; one leader per
 * other package (the first target in it), which forwards to the rest of its package. With
 * `numaAware`, the farthest leaders (by measured round trip) are sent to first, so their
 * longer trips overlap with the nearer ones.
 */
export function multicastPlan(skb: Skb, initiator: number, targets: readonly number[], numaAware: boolean): MulticastPlan {
  const mine = skb.packageOf[initiator];
  const first: number[] = [];
  const forward = new Map<number, number[]>();
  const leaders = new Map<number, number>();
  for (const t of targets) {
    if (t === initiator) continue;
    const p = skb.packageOf[t];
    if (p === mine) { first.push(t); forward.set(t, []); continue; }
    const leader = leaders.get(p);
    if (leader === undefined) { leaders.set(p, t); first.push(t); forward.set(t, []); }
    else forward.get(leader)!.push(t);
  }
  if (numaAware) first.sort((a, b) => skb.rtt[initiator][b] - skb.rtt[initiator][a]);
  return { first, forward };
}
