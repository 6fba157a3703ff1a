// Tracing: what a traced run records (a golden file of the ping-pong example in lockstep
// mode, which is deterministic), messages matched send to receive in both modes, the kernel's
// trace buffer when it overflows and when tracing is off, and the Chrome trace-event export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runParallel } from '../../host/parallel.js';
import { runImage } from '../../host/run.js';
import { chromeTrace } from '../../host/trace/chrome.js';
import { type TraceLog, checkLog, formatLog } from '../../host/trace/log.js';
import { matchMessages } from '../../host/trace/messages.js';
import { CoreRecorder, TRACE_CAPACITY } from '../../host/trace/recorder.js';
import { intervals } from '../../host/trace/timeline.js';
import { C_TRACE, coreBlock } from '../../kernel/shared/layout.js';
import { TR_COUNT } from '../../kernel/shared/trace.js';
import { buildImage } from '../../toolchain/build.js';
import { golden } from '../support/golden.js';
import { BareCore } from '../support/kernel-harness.js';

const PINGPONG = ['examples/asm/pingpong-r32.s', 'examples/asm/pingpong-a32.s'];
const quiet = { sink: () => {}, diag: () => {} };

function traced(): TraceLog {
  const r = runImage(buildImage(PINGPONG), 'pingpong', { ...quiet, trace: true });
  expect(r.exitCode).toBe(0);
  return r.trace!;
}

/** The words of the program's messages, per direction, in order. */
function programWords(log: TraceLog): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of matchMessages(log).filter((x) => !x.monitor)) (out[`${m.from}->${m.to}`] ??= []).push(m.word | 0);
  return out;
}

describe('a traced lockstep run', () => {
  const log = traced();

  it('records the ping-pong example exactly as before (golden file)', () => {
    golden('test/golden/trace/pingpong.json', formatLog(log));
  });

  it('changes nothing the program sees: the same output and cycle counts', () => {
    const plain = runImage(buildImage(PINGPONG), 'pingpong', quiet);
    const withTrace = runImage(buildImage(PINGPONG), 'pingpong', { ...quiet, trace: true });
    expect(withTrace.output).toEqual(plain.output);
    expect(withTrace.stats).toEqual(plain.stats);
  });

  it('reads back as it was written', () => {
    expect(checkLog(JSON.parse(formatLog(log)), 'pp.json')).toEqual(log);
  });

  it('matches every message between the r32 and the a32 core to its receive', () => {
    expect(programWords(log)).toEqual({
      '0->3': [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, -1],
      '3->0': [1, 3, 5, 7, 9, 11, 13, 15, 17, 19],
    });
    for (const m of matchMessages(log)) {
      const send = log.events[m.send], recv = log.events[m.recv];
      expect(recv.t, `${m.label} received before it was sent`).toBeGreaterThanOrEqual(send.t);
      expect(send.core).toBe(m.from);
      expect(recv.core).toBe(m.to);
    }
    expect(log.dropped).toEqual([0, 0, 0, 0]);
  });

  it('names the monitors\' protocol messages, the service and the dispatchers\' functions', () => {
    const labels = new Set(matchMessages(log).map((m) => m.label));
    for (const l of ['spawn', 'spawnReply', 'register', 'registerAck', 'bind', 'bindReply', 'join', 'joinReply', 'pingpong']) expect(labels).toContain(l);
    const starts = log.events.filter((e) => e.ev === 'create').map((e) => (e.ev === 'create' ? `${e.core}:${e.fn}` : ''));
    expect(starts).toEqual(['0:main', '3:pong']);
    expect(log.events.filter((e) => e.ev === 'call').map((e) => (e.ev === 'call' ? e.call : ''))).toEqual(['spawn', 'serve', 'connect', 'accept', 'join']);
  });

  it('gives every core a timeline of the dispatchers it ran', () => {
    const runs = intervals(log).filter((r) => r.kind === 'run');
    expect(new Set(runs.map((r) => `${r.core}:${r.id}`))).toEqual(new Set(['0:1024', '3:1027']));
    for (const r of runs) expect(r.end).toBeGreaterThanOrEqual(r.start);
    expect(intervals(log).some((r) => r.kind === 'blocked' && r.call === 'recv')).toBe(true);
  });

  it('exports a Chrome trace whose flows pair up and whose slices nest', () => {
    const { traceEvents } = chromeTrace(log);
    const starts = traceEvents.filter((e) => e.ph === 's').map((e) => e.id);
    const ends = traceEvents.filter((e) => e.ph === 'f').map((e) => e.id);
    expect(starts.length).toBe(matchMessages(log).length);
    expect(new Set(ends)).toEqual(new Set(starts));
    // slices on one track either nest or are disjoint
    const tracks = new Map<string, { ts: number; end: number }[]>();
    for (const e of traceEvents.filter((x) => x.ph === 'X')) {
      const k = `${e.pid}/${e.tid}`;
      tracks.set(k, [...(tracks.get(k) ?? []), { ts: e.ts!, end: e.ts! + e.dur! }]);
    }
    for (const [k, slices] of tracks) {
      slices.sort((a, b) => a.ts - b.ts || b.end - a.end);
      for (let i = 1; i < slices.length; i++) {
        const a = slices[i - 1], b = slices[i];
        expect(b.ts >= a.end - 1e-9 || b.end <= a.end + 1e-9, `track ${k}: ${JSON.stringify([a, b])}`).toBe(true);
      }
    }
    expect(traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => (e.args as { name: string }).name))
      .toEqual(['core 0 (r32, 2000 MHz)', 'core 1 (r32, 2000 MHz)', 'core 2 (s32, 2000 MHz)', 'core 3 (a32, 2000 MHz)']);
  });
});

describe('a traced fault', () => {
  it('records where the dispatcher died and why', () => {
    const r = runImage(buildImage(['test/programs/faults/divzero-r32.s']), 'divzero', { ...quiet, trace: true });
    expect(r.exitCode).toBe(139);
    const fault = r.trace!.events.find((e) => e.ev === 'fault');
    expect(fault).toMatchObject({ core: 0, ev: 'fault', id: 1024, fault: 'divide by zero', fn: 'main+0x4' });
  });
});

describe('a traced parallel run', () => {
  it('records the same messages, stamped with wall-clock time', async () => {
    const r = await runParallel(buildImage(PINGPONG), 'pingpong', { ...quiet, trace: true, timeoutSeconds: 60 });
    expect(r.exitCode).toBe(0);
    const log = r.trace!;
    expect(log.mode).toBe('parallel');
    expect(log.clock).toBe('ns');
    expect(programWords(log)).toEqual(programWords(traced()));
    for (const m of matchMessages(log)) expect(log.events[m.recv].t).toBeGreaterThanOrEqual(log.events[m.send].t);
  });
});

describe('the kernel\'s trace buffer', () => {
  it('writes nothing while tracing is off', () => {
    const core = new BareCore('r32');
    core.kernel.chan_init(core.mem.layout.poolsBase, 8, 0, 0);
    expect(core.mem.u32(coreBlock(0) + C_TRACE + TR_COUNT)).toBe(0);
  });

  it('counts the records that do not fit, and never writes past its end', () => {
    const core = new BareCore('r32');
    const rec = new CoreRecorder({ core: 0, kernel: core.kernel, view: core.mem.view });
    const end = coreBlock(1);
    const after = core.mem.bytes.slice(end, end + 64);
    for (let i = 0; i < TRACE_CAPACITY + 10; i++) core.kernel.chan_init(core.mem.layout.poolsBase, 8, 0, 0);
    expect(core.mem.bytes.slice(end, end + 64)).toEqual(after);
    const events = rec.take();
    expect(events.length).toBe(TRACE_CAPACITY);
    expect(events.every((e) => e.ev === 'chan' && e.slots === 8)).toBe(true);
    expect(rec.dropped).toBe(10);
    // drained: room again
    core.kernel.chan_init(core.mem.layout.poolsBase, 8, 0, 0);
    expect(rec.take().length).toBe(1);
  });
});

describe('tracing compiled in', () => {
  // the cost of tracing that is off: none where it would show — the URPC ring functions
  // (inlined into the fast-path benchmark loops) and the interpreters never test the flag
  for (const isa of ['r32', 's32', 'a32']) {
    it(`leaves ${isa}'s interpreter and the ring loops without a trace test`, () => {
      const wat = readFileSync(`dist/wasm/kernel-${isa}.wat`, 'utf8');
      const body = (fn: string) => {
        const at = wat.indexOf(`(func $kernel/${fn} `);
        expect(at, fn).toBeGreaterThan(0);
        return wat.slice(at, wat.indexOf('\n )\n', at));
      };
      // a benchmark loop is in its export's function, or in the one that calls (unless inlined)
      const loop = (fn: string) => {
        const api = body(`api/${fn}`);
        const callee = /call \$kernel\/(bench\/\w+)/.exec(api);
        return callee ? api + body(callee[1]) : api;
      };
      expect(body(`interp/${isa}/interpret`)).not.toContain('kernel/trace/');
      for (const fn of ['bench_ping', 'bench_pong', 'bench_send', 'bench_send_batched', 'bench_recv']) {
        expect(loop(fn), fn).toContain('i32.atomic.load');
        expect(loop(fn), fn).not.toContain('kernel/trace/');
      }
      // while the channel calls do, once per batch and per message end
      expect(body('channel-calls/sendCall')).toContain('global.get $kernel/trace/tracing');
    });
  }
});

describe('trace files', () => {
  it('are checked when read, with errors naming the file', () => {
    const good = JSON.parse(readFileSync('test/golden/trace/pingpong.json', 'utf8'));
    expect(() => checkLog({ ...good, format: 'x' }, 't.json')).toThrow(/^t\.json: not a trace file/);
    expect(() => checkLog({ ...good, version: 9 }, 't.json')).toThrow(/t\.json: trace format version 9/);
    expect(() => checkLog({ ...good, events: [{ ev: 'teleport', t: 0, core: 0 }] }, 't.json')).toThrow(/events\[0\]: unknown event "teleport"/);
    expect(() => checkLog({ ...good, events: [{ ev: 'send', t: 0, core: 9 }] }, 't.json')).toThrow(/events\[0\]: "core" must be a core of the machine \(0\.\.3\)/);
    expect(() => checkLog({ ...good, events: [{ ...good.events.find((e: { ev: string }) => e.ev === 'send'), seq: 'x' }] }, 't.json')).toThrow(/events\[0\] \(send\): "seq" must be a number/);
    expect(() => checkLog({ ...good, events: [{ ev: 'switch', t: 0, core: 0, from: null }] }, 't.json')).toThrow(/events\[0\] \(switch\): "to" must be a number or null/);
  });
});
