// Machine topologies: which cores exist, their ISAs and clocks, how they are grouped into
// packages (sockets) and cache-sharing groups, and how far packages are from each other.
// Presets for the default machine and the four machines of the multikernel paper; custom
// machines come from a JSON file, validated with errors that name the file and the field.
import { readFileSync } from 'node:fs';
import { ISA_NAMES, type IsaName } from '../../isa/index.js';
import { UserError } from '../../toolchain/errors.js';

/** The most cores a machine may have (machine-wide ids keep a core number in 10 bits: os/ids.ts). */
export const MAX_CORES = 1024;

export interface CoreSpec {
  readonly isa: IsaName;
  /** package (socket) number */
  readonly package: number;
  /** cores with the same cache group share a cache (e.g. the L2 of a Core 2 die) */
  readonly cacheGroup: number;
  /** clock in MHz (simulated cycles of this core are at this rate) */
  readonly mhz: number;
}

/** Cycles to move a cache line between two cores, per how far apart they are. */
export interface Latencies {
  readonly sharedCache: number;
  readonly sameDie: number;
  readonly oneHop: number;
  readonly twoHops: number;
  /** each hop beyond two adds this */
  readonly extraHop: number;
}

export interface Topology {
  readonly name: string;
  readonly description: string;
  readonly cores: readonly CoreSpec[];
  /** hops between packages: packageHops[a][b] */
  readonly packageHops: readonly (readonly number[])[];
  readonly latency: Latencies;
}

export type PairClass = 'self' | 'shared-cache' | 'same-die' | 'one-hop' | 'two-hops' | 'far';

/** How two cores are related (the paper's latency classes). */
export function pairClass(t: Topology, a: number, b: number): PairClass {
  if (a === b) return 'self';
  const ca = t.cores[a], cb = t.cores[b];
  if (ca.package === cb.package) return ca.cacheGroup === cb.cacheGroup ? 'shared-cache' : 'same-die';
  const hops = t.packageHops[ca.package][cb.package];
  return hops <= 1 ? 'one-hop' : hops === 2 ? 'two-hops' : 'far';
}

/** Cycles for a cache line to move from core a to core b. */
export function lineLatency(t: Topology, a: number, b: number): number {
  const l = t.latency;
  switch (pairClass(t, a, b)) {
    case 'self': return 0;
    case 'shared-cache': return l.sharedCache;
    case 'same-die': return l.sameDie;
    case 'one-hop': return l.oneHop;
    case 'two-hops': return l.twoHops;
    default: return l.twoHops + (t.packageHops[t.cores[a].package][t.cores[b].package] - 2) * l.extraHop;
  }
}

// ── presets ──────────────────────────────────────────────────────────────────────
/** Hop counts between packages from an undirected link list (breadth-first search). */
function hopsFromLinks(npackages: number, links: readonly [number, number][]): number[][] {
  const adj: number[][] = Array.from({ length: npackages }, () => []);
  for (const [a, b] of links) { adj[a].push(b); adj[b].push(a); }
  return adj.map((_, from) => {
    const dist = new Array<number>(npackages).fill(Infinity);
    dist[from] = 0;
    const queue = [from];
    while (queue.length) {
      const p = queue.shift()!;
      for (const q of adj[p]) if (dist[q] === Infinity) { dist[q] = dist[p] + 1; queue.push(q); }
    }
    return dist;
  });
}

function cores(npackages: number, perPackage: number, isa: IsaName, mhz: number, perCache = 1): CoreSpec[] {
  const out: CoreSpec[] = [];
  for (let p = 0; p < npackages; p++) {
    for (let c = 0; c < perPackage; c++) {
      out.push({ isa, package: p, cacheGroup: p * perPackage + Math.floor(c / perCache), mhz });
    }
  }
  return out;
}

// Cache-line transfer latencies (cycles) per class, calibrated so that a URPC message — which
// moves its slot's line to the receiver and the header poll line back — costs what the paper
// measured (MULTIKERNEL.md): see docs/cost-model.md.
const PRESETS: Record<string, () => Topology> = {
  default: () => ({
    name: 'default',
    description: '4 heterogeneous cores on one die: r32, r32, s32, a32',
    cores: (['r32', 'r32', 's32', 'a32'] as IsaName[]).map((isa, i) => ({ isa, package: 0, cacheGroup: i, mhz: 2000 })),
    packageHops: [[0]],
    latency: { sharedCache: 40, sameDie: 75, oneHop: 200, twoHops: 300, extraHop: 100 },
  }),
  'intel-2x4': () => ({
    name: 'intel-2x4',
    description: '2×4-core Intel at 2.66 GHz: pairs of cores share an L2, two packages',
    cores: cores(2, 4, 'r32', 2660, 2),
    packageHops: hopsFromLinks(2, [[0, 1]]),
    latency: { sharedCache: 40, sameDie: 90, oneHop: 220, twoHops: 320, extraHop: 100 },
  }),
  'amd-2x2': () => ({
    name: 'amd-2x2',
    description: '2×2-core AMD at 2.8 GHz, HyperTransport between the packages',
    cores: cores(2, 2, 'r32', 2800),
    packageHops: hopsFromLinks(2, [[0, 1]]),
    latency: { sharedCache: 60, sameDie: 100, oneHop: 210, twoHops: 300, extraHop: 100 },
  }),
  'amd-4x4': () => ({
    name: 'amd-4x4',
    description: '4×4-core AMD at 2.5 GHz, HyperTransport square: up to 2 hops',
    cores: cores(4, 4, 'r32', 2500),
    packageHops: hopsFromLinks(4, [[0, 1], [1, 3], [3, 2], [2, 0]]),
    latency: { sharedCache: 60, sameDie: 100, oneHop: 220, twoHops: 310, extraHop: 100 },
  }),
  'amd-8x4': () => ({
    name: 'amd-8x4',
    description: '8×4-core AMD at 2.0 GHz, HyperTransport ladder: up to 3 hops',
    cores: cores(8, 4, 'r32', 2000),
    packageHops: hopsFromLinks(8, [[0, 1], [0, 2], [1, 3], [2, 3], [2, 4], [3, 5], [4, 5], [4, 6], [5, 7], [6, 7]]),
    latency: { sharedCache: 60, sameDie: 100, oneHop: 220, twoHops: 300, extraHop: 90 },
  }),
  'big-little': () => ({
    name: 'big-little',
    description: 'heterogeneous: 4 big r32 cores at 3 GHz (pairs share a cache) and 4 little a32 cores at 1 GHz, one hop apart',
    cores: [
      ...cores(1, 4, 'r32', 3000, 2),
      ...cores(1, 4, 'a32', 1000, 2).map((c) => ({ ...c, package: 1, cacheGroup: c.cacheGroup + 4 })),
    ],
    packageHops: hopsFromLinks(2, [[0, 1]]),
    latency: { sharedCache: 40, sameDie: 80, oneHop: 200, twoHops: 300, extraHop: 100 },
  }),
};

export const PRESET_NAMES = Object.keys(PRESETS);

// ── --cores lists ─────────────────────────────────────────────────────────────────
/**
 * Parses a core list: ISA names separated by commas, each optionally repeated with `*N`,
 * e.g. `r32,r32,s32,a32` or `r32*30,a32*2`.
 */
export function parseCoreList(text: string, where = '--cores'): IsaName[] {
  const out: IsaName[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const m = /^([a-z0-9]+)(?:\*(\d+))?$/.exec(item);
    if (!m) throw new UserError(`${where}: '${item}' is not an ISA name or ISA*count (e.g. r32*4)`);
    const isa = m[1] as IsaName;
    if (!ISA_NAMES.includes(isa)) throw new UserError(`${where}: unknown ISA '${m[1]}' (expected ${isaList()})`);
    const n = m[2] === undefined ? 1 : Number(m[2]);
    if (n < 1 || n > MAX_CORES) throw new UserError(`${where}: count ${m[2]} out of range 1..${MAX_CORES}`);
    for (let i = 0; i < n; i++) out.push(isa);
  }
  if (out.length > MAX_CORES) throw new UserError(`${where}: ${out.length} cores; at most ${MAX_CORES}`);
  return out;
}

const isaList = () => ISA_NAMES.slice(0, -1).join(', ') + ' or ' + ISA_NAMES[ISA_NAMES.length - 1];

/**
 * The machine to boot: a preset name or a JSON machine file, with `--cores` applied. For the
 * default machine the core list replaces its cores (one package); for other machines it
 * assigns ISAs and must name one ISA for every core, or a single ISA for all.
 */
export function resolveTopology(machine = 'default', coreList?: string): Topology {
  let t: Topology;
  if (PRESETS[machine]) t = PRESETS[machine]();
  else if (machine.endsWith('.json')) t = loadMachineFile(machine);
  else throw new UserError(`unknown machine '${machine}' (presets: ${PRESET_NAMES.join(', ')}; or a .json machine file)`);
  if (coreList === undefined) return t;
  const isas = parseCoreList(coreList);
  if (t.name === 'default') {
    return {
      ...t,
      description: `${isas.length} cores on one die: ${coreList}`,
      cores: isas.map((isa, i) => ({ isa, package: 0, cacheGroup: i, mhz: 2000 })),
    };
  }
  if (isas.length !== 1 && isas.length !== t.cores.length) {
    throw new UserError(`--cores: machine ${t.name} has ${t.cores.length} cores but the list names ${isas.length}`);
  }
  return { ...t, cores: t.cores.map((c, i) => ({ ...c, isa: isas.length === 1 ? isas[0] : isas[i] })) };
}

// ── JSON machine files ────────────────────────────────────────────────────────────
/**
 * A machine file:
 * {
 *   "name": "big-little", "description": "...",
 *   "cores": [{"isa": "r32", "package": 0, "mhz": 3000}, ...]  or  "cores": "r32*4,a32*4",
 *   "packageLinks": [[0, 1]],            // optional, default: all packages one hop apart
 *   "latency": {"sharedCache": 40, ...}  // optional, per field, default as 'default'
 * }
 */
export function loadMachineFile(path: string): Topology {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`${path}: cannot read machine file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  return parseMachine(json, path);
}

export function parseMachine(json: unknown, file: string): Topology {
  const fail = (field: string, msg: string): never => {
    throw new UserError(`${file}: ${field}: ${msg}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('(top level)', 'expected an object');
  const o = json as Record<string, unknown>;
  const known = ['name', 'description', 'cores', 'packageLinks', 'latency'];
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(k, `unknown field (expected ${known.join(', ')})`);
  const base = PRESETS.default();
  const name = o.name === undefined ? file : typeof o.name === 'string' ? o.name : fail('name', 'expected a string');
  const description = o.description === undefined ? `machine from ${file}` :
    typeof o.description === 'string' ? o.description : fail('description', 'expected a string');

  let specs: CoreSpec[];
  if (typeof o.cores === 'string') {
    specs = parseCoreList(o.cores, `${file}: cores`).map((isa, i) => ({ isa, package: 0, cacheGroup: i, mhz: 2000 }));
  } else if (Array.isArray(o.cores)) {
    if (o.cores.length === 0) fail('cores', 'a machine needs at least one core');
    if (o.cores.length > MAX_CORES) fail('cores', `${o.cores.length} cores; at most ${MAX_CORES}`);
    specs = o.cores.map((c: unknown, i: number) => {
      const at = `cores[${i}]`;
      if (typeof c !== 'object' || c === null) return fail(at, 'expected an object like {"isa": "r32"}');
      const co = c as Record<string, unknown>;
      for (const k of Object.keys(co)) if (!['isa', 'package', 'cacheGroup', 'mhz'].includes(k)) fail(`${at}.${k}`, 'unknown field (expected isa, package, cacheGroup, mhz)');
      if (typeof co.isa !== 'string' || !ISA_NAMES.includes(co.isa as IsaName)) fail(`${at}.isa`, `expected ${isaList()}, got ${JSON.stringify(co.isa)}`);
      const int = (k: string, dflt: number, max: number): number => {
        const v = co[k];
        if (v === undefined) return dflt;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) return fail(`${at}.${k}`, `expected an integer 0..${max}, got ${JSON.stringify(v)}`);
        return v;
      };
      const pkg = int('package', 0, 1023);
      return { isa: co.isa as IsaName, package: pkg, cacheGroup: int('cacheGroup', i, 1 << 20), mhz: co.mhz === undefined ? 2000 : int('mhz', 2000, 100000) || fail(`${at}.mhz`, 'must be positive') };
    });
  } else {
    return fail('cores', 'expected a list of cores or a string like "r32*4,a32*2"');
  }

  const npackages = Math.max(...specs.map((s) => s.package)) + 1;
  let packageHops: number[][];
  if (o.packageLinks === undefined) {
    packageHops = Array.from({ length: npackages }, (_, a) => Array.from({ length: npackages }, (_, b) => (a === b ? 0 : 1)));
  } else {
    if (!Array.isArray(o.packageLinks)) fail('packageLinks', 'expected a list of [a, b] package pairs');
    const links = (o.packageLinks as unknown[]).map((l, i): [number, number] => {
      if (!Array.isArray(l) || l.length !== 2 || !l.every((x) => Number.isInteger(x) && x >= 0 && x < npackages)) {
        return fail(`packageLinks[${i}]`, `expected [a, b] with packages 0..${npackages - 1}`);
      }
      return [l[0], l[1]];
    });
    packageHops = hopsFromLinks(npackages, links);
    packageHops.forEach((row, a) => row.forEach((h, b) => {
      if (h === Infinity) fail('packageLinks', `package ${b} cannot be reached from package ${a}`);
    }));
  }

  let latency = base.latency;
  if (o.latency !== undefined) {
    if (typeof o.latency !== 'object' || o.latency === null) fail('latency', 'expected an object');
    const lo = o.latency as Record<string, unknown>;
    const l: Record<string, number> = { ...base.latency };
    for (const [k, v] of Object.entries(lo)) {
      if (!(k in l)) fail(`latency.${k}`, `unknown field (expected ${Object.keys(l).join(', ')})`);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1e6) fail(`latency.${k}`, `expected cycles 0..1000000, got ${JSON.stringify(v)}`);
      l[k] = v as number;
    }
    latency = l as unknown as Latencies;
  }
  return { name, description, cores: specs, packageHops, latency };
}
