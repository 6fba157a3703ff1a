// `wasmfish bench urpc`: the message fast path on this host, in one run with ratios:
//  (a) the AssemblyScript URPC rings (kernel/urpc.ts) between two worker threads,
//  (b) the same protocol in plain JS on a SharedArrayBuffer,
//  (c) an Atomics.wait/notify ping-pong, (d) MessagePort postMessage,
//  (e) native C pthreads: a ping-pong on one cache line, and the same channel protocol (two
//      rings: ping-pong and stream), when a C compiler is present,
//  (f) guest-to-guest ping-pong through the channel system calls, end to end (parallel mode);
// and the simulated cycles of (f) on each preset next to the paper's URPC latencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { instantiateKernel, kernelModule } from '../host/hardware/kernel.js';
import { MachineMemory, poolChannel } from '../host/hardware/memory.js';
import { runParallel } from '../host/machine/parallel.js';
import { projectRoot } from '../host/hardware/paths.js';
import { runImage } from '../host/machine/run.js';
import { PAPER, pairs } from '../host/tools/experiments/urpc.js';
import { MAX_BATCH, USER_SLOTS } from '../kernel/shared/channel.js';
import { buildImage } from '../toolchain/build.js';
import { Progress, markdownTable, median, percentile, table, writeResults } from './harness.js';
import type { Role, UrpcWorkerData, Variant } from './urpc-worker.js';

interface Pair { times: number[]; check?: number }

/** Runs the two roles of a variant in two workers, started together; the pinger's result. */
async function pair(variant: Variant, roles: [Role, Role], samples: number, batch: number, extra: (side: number) => Partial<UrpcWorkerData>, transfer: (side: number) => MessagePort[] = () => []): Promise<Pair[]> {
  const go = new SharedArrayBuffer(8);
  const g = new Int32Array(go);
  const workers = roles.map((role, side) => new Worker(join(projectRoot(), 'dist', 'bench', 'urpc-worker.js'), {
    workerData: { variant, role, samples, batch, go, ...extra(side) } as UrpcWorkerData,
    transferList: transfer(side),
  }));
  const results = workers.map((w) => new Promise<Pair>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); }));
  while (Atomics.load(g, 1) < 2) await new Promise((r) => setTimeout(r, 5));
  Atomics.store(g, 0, 1);
  Atomics.notify(g, 0);
  const out = await Promise.all(results);
  await Promise.all(workers.map((w) => w.terminate()));
  return out;
}

/** The same worker data for both sides (one channel, one buffer). */
const both = (data: Partial<UrpcWorkerData>) => () => data;

function wasmChannel(): Partial<UrpcWorkerData> {
  const mem = new MachineMemory({ ncores: 2, frameBytes: 1 << 20, parallel: true });
  const channel = poolChannel(mem.layout, 0, 0);
  const noop = () => 0;
  instantiateKernel(kernelModule('r32'), mem.memory, { host_console: noop, host_event: noop, host_syscall: noop, host_wake: noop })
    .chan_init(channel, USER_SLOTS, 0, 1);
  return { memory: mem.memory, module: kernelModule('r32'), channel };
}

export interface UrpcRow { name: string; rttP50?: number; rttP99?: number; perSecond?: number; note?: string }
export interface SimRow { machine: string; cores: string; class: string; oneWay: number; paper?: number }

/** The native C figures (bench/native/urpc.c): medians of `runs` runs. */
interface Native {
  rtt_seqcst_ns: number; rtt_relacq_ns: number; channel_rtt_seqcst_ns: number; channel_rtt_relacq_ns: number;
  ring_seqcst_per_s: number; ring_relacq_per_s: number;
}

function native(rtts: number, msgs: number, runs: number): Native | string {
  const cc = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version']).status === 0);
  if (!cc) return 'skipped: no C compiler on this host';
  const dir = mkdtempSync(join(tmpdir(), 'wasmfish-native-'));
  const exe = join(dir, 'urpc');
  execFileSync(cc, ['-O2', '-pthread', '-o', exe, join(projectRoot(), 'bench', 'native', 'urpc.c')]);
  return JSON.parse(execFileSync(exe, [String(rtts), String(msgs), String(runs)], { encoding: 'utf8' }));
}

export async function benchUrpc(opts: { quick?: boolean; samples?: number } = {}) {
  const samples = opts.samples ?? (opts.quick ? 10 : 40);
  // The measurements compared by the targets — (a), (e) and (f) — are taken in rounds, each
  // round taking a share of every one of them, so that the host's swings (2× and more here,
  // from one second to the next) fall on all of them alike; medians over all the samples.
  const rounds = opts.quick ? 1 : 4;
  const perRound = Math.max(1, Math.ceil(samples / rounds));
  const progress = new Progress(rounds + 4, 'urpc');
  const rows: UrpcRow[] = [];
  const rtt = (name: string, times: number[]): UrpcRow => ({ name, rttP50: median(times), rttP99: percentile(times, 99) });
  const streamBatch = opts.quick ? 20_000 : 100_000;

  // a stream's samples (ns per message), after checking that every message arrived: the sum
  // of the words the sender sent, 0 … streamBatch-1 per sample
  const perSample = (streamBatch * (streamBatch - 1) / 2) % 2 ** 32;
  const stream = (name: string, recv: Pair, n: number): number[] => {
    if (recv.check !== (perSample * n) % 2 ** 32) throw new Error(`${name}: the receiver's sum ${recv.check} is wrong: messages were lost or corrupted`);
    return recv.times;
  };

  const guest = buildImage([join(projectRoot(), 'bench', 'guest', 'pingpong.s')]);
  // many round trips: the difference to a one-round-trip run removes the machine's boot time
  const guestRtts = opts.quick ? 200_000 : 1_000_000;
  const wall = async (n: number) => {
    const t0 = process.hrtime.bigint();
    await runParallel(guest, 'pingpong', { cores: 'r32,r32', arg: n * 16 + 1, sink: () => {}, diag: () => {} });
    return Number(process.hrtime.bigint() - t0);
  };

  const a = { ping: [] as number[], stream: [] as number[], batched: [] as number[] };
  const natives: Native[] = [];
  let noC = '';
  const guestTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    progress.tick(`round ${r + 1} of ${rounds}: (a) wasm, (e) native C, (f) guest`);
    a.ping.push(...(await pair('wasm', ['ping', 'pong'], perRound, 2000, both(wasmChannel())))[0].times);
    a.stream.push(...stream('(a)', (await pair('wasm', ['send', 'recv'], perRound, streamBatch, both(wasmChannel())))[1], perRound));
    a.batched.push(...stream('(a) batched', (await pair('wasm', ['send-batched', 'recv'], perRound, streamBatch, both(wasmChannel())))[1], perRound));
    const c = native(opts.quick ? 50_000 : 300_000, opts.quick ? 1_000_000 : 5_000_000, opts.quick ? 3 : 1);
    if (typeof c === 'string') noC = c;
    else natives.push(c);
    guestTimes.push(((await wall(guestRtts)) - (await wall(1))) / guestRtts);
  }
  const rate = (times: number[]) => 1e9 / median(times);
  rows.push({ ...rtt('(a) AssemblyScript URPC, 2 workers', a.ping), perSecond: rate(a.stream) });
  rows.push({ name: `(a) … publishing ${MAX_BATCH} slots per atomic store`, perSecond: rate(a.batched) });

  progress.tick('js');
  const jsSab = () => ({ sab: new SharedArrayBuffer(4 * (2 * 32 * 16 + 32)) });
  const [jPing] = await pair('js', ['ping', 'pong'], samples, 2000, both(jsSab()));
  const [, jRecv] = await pair('js', ['send', 'recv'], samples, streamBatch, both(jsSab()));
  rows.push({ ...rtt('(b) the same protocol in plain JS', jPing.times), perSecond: rate(stream('(b)', jRecv, samples)) });

  progress.tick('Atomics.wait');
  const aw = { sab: new SharedArrayBuffer(64) };
  const [aPing] = await pair('atomics-wait', ['ping', 'pong'], samples, opts.quick ? 50 : 200, () => aw);
  rows.push(rtt('(c) Atomics.wait/notify ping-pong', aPing.times));

  progress.tick('MessagePort');
  const { port1, port2 } = new MessageChannel();
  const ports = [port1, port2];
  const [mPing] = await pair('messageport', ['ping', 'pong'], samples, opts.quick ? 50 : 200, (s) => ({ port: ports[s] as unknown as MessagePort }), (s) => [ports[s]]);
  rows.push(rtt('(d) MessagePort postMessage', mPing.times));

  // the native figures: medians over the rounds
  const c: Native | undefined = natives.length === 0 ? undefined : Object.fromEntries(
    (Object.keys(natives[0]) as (keyof Native)[]).map((k) => [k, median(natives.map((x) => x[k]))]),
  ) as unknown as Native;
  if (!c) rows.push({ name: '(e) native C pthreads', note: noC });
  else {
    rows.push({ name: '(e) native C, one line, seq_cst', rttP50: c.rtt_seqcst_ns });
    rows.push({ name: '(e) native C, one line, release/acquire', rttP50: c.rtt_relacq_ns });
    rows.push({ name: '(e) native C, URPC channel (two rings), seq_cst', rttP50: c.channel_rtt_seqcst_ns, perSecond: c.ring_seqcst_per_s });
    rows.push({ name: '(e) native C, URPC channel (two rings), release/acquire', rttP50: c.channel_rtt_relacq_ns, perSecond: c.ring_relacq_per_s });
  }
  rows.push({ name: '(f) guest ping-pong through system calls, parallel mode', rttP50: median(guestTimes), rttP99: Math.max(...guestTimes) });

  progress.tick('simulated cycles');
  const sim: SimRow[] = [];
  for (const machine of ['default', 'intel-2x4', 'amd-2x2', 'amd-4x4', 'amd-8x4']) {
    const cores = machine === 'default' ? 'r32*4' : 'r32';
    // the first core of each pair class, below 16 (the guest takes its pong core from arg's low 4 bits)
    for (const { peer: other, cls } of pairs(machine, cores).filter((p) => p.peer < 16)) {
      const cycles = (n: number) => runImage(guest, 'pingpong', { machine, cores, arg: n * 16 + other, sink: () => {}, diag: () => {} }).stats[0].cycles;
      const oneWay = (cycles(2000) - cycles(1000)) / 1000 / 2;
      sim.push({ machine, cores: `0 ↔ ${other}`, class: cls, oneWay, paper: PAPER[machine]?.[cls]?.[0] });
    }
  }
  progress.stop();

  const ratios = {
    rttVsNativeSeqCst: c && rows[0].rttP50! / c.rtt_seqcst_ns,
    rttVsNativeChannel: c && rows[0].rttP50! / c.channel_rtt_seqcst_ns,
    ringVsNativeSeqCst: c && rows[0].perSecond! / c.ring_seqcst_per_s,
    batchedVsNativeSeqCst: c && rows[1].perSecond! / c.ring_seqcst_per_s,
    ringVsNativeRelAcq: c && rows[1].perSecond! / c.ring_relacq_per_s,
    messagePortVsUrpc: rows.find((r) => r.name.startsWith('(d)'))!.rttP50! / rows[0].rttP50!,
    guestVsRaw: rows.find((r) => r.name.startsWith('(f)'))!.rttP50! / rows[0].rttP50!,
  };
  const file = writeResults('urpc', { samples, rounds, rows, ratios, simulated: sim });
  return { rows, ratios, sim, file };
}

const ns = (v?: number) => (v === undefined ? '' : v >= 10_000 ? `${(v / 1000).toFixed(1)} µs` : `${v.toFixed(0)} ns`);
const ps = (v?: number) => (v === undefined ? '' : `${(v / 1e6).toFixed(1)} M/s`);
const x = (v?: number) => (v === undefined ? 'n/a' : `${v.toFixed(2)}×`);

export function urpcTables(r: Awaited<ReturnType<typeof benchUrpc>>, markdown = false): string {
  const fmt = markdown ? markdownTable : (h: string[], rows: string[][]) => table(h, rows, 1);
  const t1 = fmt(['variant', 'round trip p50', 'p99', 'one-way msgs/s', 'note'],
    r.rows.map((row) => [row.name, ns(row.rttP50), ns(row.rttP99), ps(row.perSecond), row.note ?? '']));
  const q = r.ratios;
  const t2 = fmt(['ratio', 'measured', 'target'], [
    ['(a) round trip / (e) one-line seq_cst round trip', x(q.rttVsNativeSeqCst), '≤ 1.0×'],
    ['(a) round trip / (e) seq_cst URPC channel round trip', x(q.rttVsNativeChannel), ''],
    ['(a) ring, one publish per message / (e) seq_cst ring', x(q.ringVsNativeSeqCst), ''],
    ['(a) ring, batched publish / (e) seq_cst ring', x(q.batchedVsNativeSeqCst), '≥ 1.0×'],
    ['(a) ring, batched publish / (e) release/acquire ring', x(q.ringVsNativeRelAcq), '≥ 0.5×'],
    ['(d) MessagePort / (a) round trip', x(q.messagePortVsUrpc), '≥ 40×'],
    ['(f) guest / (a) round trip', x(q.guestVsRaw), '≤ 3.0×'],
  ]);
  const t3 = fmt(['machine', 'cores', 'pair class', 'guest one-way (cycles)', 'paper URPC one-way'],
    r.sim.map((s) => [s.machine, s.cores, s.class, s.oneWay.toFixed(0), s.paper ? String(s.paper) : '']));
  return `${t1}\n${t2}\nSimulated (lockstep cost model), guest ping-pong through system calls:\n${t3}`;
}
