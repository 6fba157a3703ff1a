// The trace file `wasmfish run --trace out.json` writes: a header that says what ran on
// which machine and in which time unit, and the events of every core merged in time order,
// one per line (docs/tracing.md). `wasmfish view` reads it back, checking it as it goes.
import { readFileSync } from 'node:fs';
import { UserError } from '../../../toolchain/errors.js';
import type { Layout } from '../../hardware/memory.js';
import type { CoreSpec, Topology } from '../../hardware/topology.js';
import { EVENT_NAMES, type TraceEvent, badField } from './event.js';

export const TRACE_FORMAT = 'wasmfish-trace';
export const TRACE_VERSION = 1;

export interface TraceLog {
  readonly format: typeof TRACE_FORMAT;
  readonly version: number;
  readonly mode: 'lockstep' | 'parallel';
  /** what an event's `t` counts: its core's cycles (lockstep) or wall-clock nanoseconds */
  readonly clock: 'cycles' | 'ns';
  readonly program: string;
  readonly machine: { readonly name: string; readonly description: string; readonly cores: readonly CoreSpec[] };
  /** the monitor mesh's channels lie in [mesh[0], mesh[1]): their messages are the protocol's */
  readonly mesh: readonly [number, number];
  /** records each core's kernel could not write (its buffer was full) */
  readonly dropped: readonly number[];
  readonly events: readonly TraceEvent[];
}

export interface LogParts {
  readonly mode: TraceLog['mode'];
  readonly program: string;
  readonly topology: Topology;
  readonly layout: Layout;
  /** each core's events, in the order it recorded them */
  readonly perCore: readonly (readonly TraceEvent[])[];
  readonly dropped: readonly number[];
  /** the function an address is in (`main+0x8`), to name where dispatchers start and fault */
  readonly symbol?: (pc: number) => string;
}

/** The trace of a run: every core's events merged by time (ties: core order, then record order). */
export function buildLog(p: LogParts): TraceLog {
  const clock = p.mode === 'lockstep' ? 'cycles' : 'ns';
  const cores = p.topology.cores;
  const ps = (e: TraceEvent) => (clock === 'cycles' ? e.t * (1e6 / cores[e.core].mhz) : e.t * 1000);
  const all = p.perCore.flat();
  const order = all.map((e, i) => ({ e, i, at: ps(e) }));
  order.sort((x, y) => x.at - y.at || x.e.core - y.e.core || x.i - y.i);
  return {
    format: TRACE_FORMAT, version: TRACE_VERSION, mode: p.mode, clock, program: p.program,
    machine: { name: p.topology.name, description: p.topology.description, cores },
    mesh: [p.layout.channelsBase, p.layout.poolsBase],
    dropped: p.dropped,
    events: order.map((o) => named(o.e, p.symbol)),
  };
}

function named(e: TraceEvent, symbol?: (pc: number) => string): TraceEvent {
  if (!symbol || (e.ev !== 'create' && e.ev !== 'fault')) return e;
  const fn = symbol(e.ev === 'create' ? e.entry : e.pc);
  return fn ? { ...e, fn } : e;
}

/** An event's time in nanoseconds (simulated, for cycles at its core's clock rate). */
export function eventNs(log: TraceLog, e: TraceEvent): number {
  return log.clock === 'cycles' ? (e.t * 1000) / log.machine.cores[e.core].mhz : e.t;
}

/** The file's text: the header fields, then the events one per line (diff- and grep-friendly). */
export function formatLog(log: TraceLog): string {
  const { events, ...head } = log;
  const header = JSON.stringify(head, null, 1).replace(/\n\s*/g, ' ').slice(0, -2);
  return `${header}, "events": [\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}

/** Reads a trace file, with errors that name the file and what is wrong. */
export function readLog(path: string): TraceLog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot read it'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${path}: not a trace file (not valid JSON: ${(e as Error).message})`);
  }
  return checkLog(json, path);
}

/** Checks the shape of a parsed trace file. */
export function checkLog(json: unknown, file: string): TraceLog {
  const fail = (what: string): never => {
    throw new UserError(`${file}: ${what}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not a trace file (expected a JSON object)');
  const o = json as Record<string, unknown>;
  if (o.format !== TRACE_FORMAT) fail(`not a trace file (no "format": "${TRACE_FORMAT}"; make one with wasmfish run --trace)`);
  if (o.version !== TRACE_VERSION) fail(`trace format version ${JSON.stringify(o.version)}; this wasmfish reads version ${TRACE_VERSION}`);
  if (o.mode !== 'lockstep' && o.mode !== 'parallel') fail('"mode" must be "lockstep" or "parallel"');
  if (o.clock !== 'cycles' && o.clock !== 'ns') fail('"clock" must be "cycles" or "ns"');
  const m = o.machine as Record<string, unknown> | undefined;
  if (!m || !Array.isArray(m.cores) || m.cores.length === 0) fail('"machine.cores" must list the cores');
  const cores = (m!.cores as unknown[]);
  cores.forEach((c, i) => {
    const co = c as Record<string, unknown>;
    if (typeof co !== 'object' || co === null || typeof co.isa !== 'string' || typeof co.mhz !== 'number' || !(co.mhz > 0)) {
      fail(`machine.cores[${i}]: expected {"isa": ..., "mhz": ...}`);
    }
  });
  if (!Array.isArray(o.mesh) || o.mesh.length !== 2) fail('"mesh" must be [start, end]');
  if (!Array.isArray(o.events)) fail('"events" must be a list');
  (o.events as unknown[]).forEach((e, i) => {
    const ev = e as Record<string, unknown>;
    if (typeof ev !== 'object' || ev === null) fail(`events[${i}]: expected an object`);
    if (!EVENT_NAMES.includes(ev.ev as never)) fail(`events[${i}]: unknown event ${JSON.stringify(ev.ev)}`);
    if (typeof ev.t !== 'number' || !Number.isFinite(ev.t)) fail(`events[${i}]: "t" must be a number`);
    if (!Number.isInteger(ev.core) || (ev.core as number) < 0 || (ev.core as number) >= cores.length) {
      fail(`events[${i}]: "core" must be a core of the machine (0..${cores.length - 1})`);
    }
    const bad = badField(ev);
    if (bad) fail(`events[${i}] (${ev.ev}): ${bad}`);
  });
  return {
    ...(o as unknown as TraceLog),
    program: typeof o.program === 'string' ? o.program : '',
    dropped: Array.isArray(o.dropped) ? (o.dropped as number[]) : cores.map(() => 0),
    machine: { name: String(m!.name ?? ''), description: String(m!.description ?? ''), cores: cores as CoreSpec[] },
  };
}
