// `wasmfish topo` as text: a machine's packages and their cores (ISA, clock, cache groups),
// how many hops apart the packages are, and what a cache line costs between cores — the
// latency class of every pair, and the matrix itself when it fits on a screen.
import { type PairClass, type Topology, lineLatency, pairClass } from '../../hardware/topology.js';

/** The cores of each package, grouped by cache group. */
export function packages(t: Topology): { pkg: number; groups: { group: number; cores: number[] }[] }[] {
  const byPkg = new Map<number, Map<number, number[]>>();
  t.cores.forEach((c, i) => {
    const groups = byPkg.get(c.package) ?? new Map<number, number[]>();
    byPkg.set(c.package, groups);
    groups.set(c.cacheGroup, [...(groups.get(c.cacheGroup) ?? []), i]);
  });
  return [...byPkg.entries()].sort((a, b) => a[0] - b[0]).map(([pkg, groups]) => ({
    pkg, groups: [...groups.entries()].map(([group, cores]) => ({ group, cores })),
  }));
}

const CLASS_ORDER: PairClass[] = ['shared-cache', 'same-die', 'one-hop', 'two-hops', 'far'];

const ghz = (mhz: number) => (mhz >= 1000 ? `${+(mhz / 1000).toFixed(2)} GHz` : `${mhz} MHz`);

/** Numbers as a right-aligned matrix with row and column headers. */
function matrix(names: string[], cell: (a: number, b: number) => string): string {
  const w = Math.max(...names.map((n) => n.length), ...names.flatMap((_, a) => names.map((__, b) => cell(a, b).length))) + 1;
  const head = ' '.repeat(w) + names.map((n) => n.padStart(w)).join('');
  return [head, ...names.map((n, a) => n.padStart(w) + names.map((_, b) => cell(a, b).padStart(w)).join(''))].join('\n');
}

/** `cores 0-3 r32 2.5 GHz, core 4 a32 2 GHz`: runs of consecutive alike cores. */
function runs(t: Topology, cores: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < cores.length;) {
    let j = i;
    const same = (k: number) => t.cores[k].isa === t.cores[cores[i]].isa && t.cores[k].mhz === t.cores[cores[i]].mhz;
    while (j + 1 < cores.length && cores[j + 1] === cores[j] + 1 && same(cores[j + 1])) j++;
    const spec = t.cores[cores[i]];
    out.push(`${j > i ? `cores ${cores[i]}-${cores[j]}` : `core ${cores[i]}`} ${spec.isa} ${ghz(spec.mhz)}`);
    i = j + 1;
  }
  return out.join(', ');
}

export function describeTopology(t: Topology): string {
  const out: string[] = [];
  const pk = packages(t);
  const isas = [...new Set(t.cores.map((c) => c.isa))];
  out.push(`${t.name}: ${t.description}`);
  out.push(`${t.cores.length} core${t.cores.length === 1 ? '' : 's'} (${isas.map((i) => `${t.cores.filter((c) => c.isa === i).length} ${i}`).join(', ')}) in ${pk.length} package${pk.length === 1 ? '' : 's'}`);
  out.push('');
  for (const p of pk) {
    const cores = p.groups.flatMap((g) => g.cores).sort((a, b) => a - b);
    out.push(`package ${p.pkg}: ${runs(t, cores)}`);
    const shared = p.groups.filter((g) => g.cores.length > 1);
    if (shared.length > 0) out.push(`  sharing a cache: ${shared.map((g) => `cores ${g.cores.join(',')}`).join(' · ')}`);
  }
  if (pk.length > 1) {
    out.push('', 'hops between packages:');
    out.push(matrix(pk.map((p) => `p${p.pkg}`), (a, b) => String(t.packageHops[pk[a].pkg][pk[b].pkg])));
  }
  // latency classes: how many pairs fall in each, and their cost
  const counts = new Map<PairClass, { n: number; cycles: Set<number> }>();
  for (let a = 0; a < t.cores.length; a++) {
    for (let b = 0; b < t.cores.length; b++) {
      if (a === b) continue;
      const k = pairClass(t, a, b);
      const c = counts.get(k) ?? { n: 0, cycles: new Set<number>() };
      c.n++;
      c.cycles.add(lineLatency(t, a, b));
      counts.set(k, c);
    }
  }
  out.push('', 'cache-line transfer between two cores (cycles), by how far apart they are:');
  for (const k of CLASS_ORDER) {
    const c = counts.get(k);
    if (!c) continue;
    out.push(`  ${k.padEnd(13)} ${[...c.cycles].sort((x, y) => x - y).join(', ').padStart(7)}   ${c.n / 2} pair${c.n === 2 ? '' : 's'} of cores`);
  }
  if (counts.size === 0) out.push('  (one core: nothing to transfer)');
  if (t.cores.length > 1 && t.cores.length <= 16) {
    out.push('', 'core-to-core latency (cycles):');
    out.push(matrix(t.cores.map((_, i) => `c${i}`), (a, b) => (a === b ? '-' : String(lineLatency(t, a, b)))));
  }
  return out.join('\n') + '\n';
}
