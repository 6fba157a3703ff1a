// Hostile programs on every ISA (hostile-*.s) attack a machine on which victims run: wild
// loads, stores and jumps at the physical addresses of kernel, monitor and channel state and
// of the victims' frames and page tables; system calls with bad pointers, lengths, handles
// and services; channels it does not own or has closed; calls that are no system call. Every
// attack must end with the attacker's dispatcher killed and a clear report (or the error
// result the call documents), and nothing else may change: the victims' pages and page
// tables hash the same before and after, they print exactly what they print alone, and the
// machine then runs a fresh program on every core.
import { describe, expect, it } from 'vitest';
import { ISA_NAMES, type IsaName } from '../../isa/index.js';
import { DATA_BASE, stackTop } from '../../kernel/shared/addrspace.js';
import { E_NOT_FOUND, E_TOO_LONG, MAX_MSG_WORDS } from '../../kernel/shared/channel.js';
import {
  FAULT_BAD_ARG, FAULT_BAD_SYSCALL, FAULT_DIV_ZERO, FAULT_NOEXEC, FAULT_UNMAPPED, faultText,
} from '../../kernel/shared/faults.js';
import type { DispatcherRecord } from '../../host/machine/dispatchers.js';
import { runParallel } from '../../host/machine/parallel.js';
import { MACHINE_BASE, coreBlock } from '../../kernel/shared/layout.js';
import { buildImage } from '../../toolchain/build.js';
import type { WfxFile } from '../../toolchain/image/format.js';
import { Arena, VICTIM_SUM, fat, sieveImage } from '../support/arena.js';

type Outcome =
  /** killed with this fault; `at`: the address it reports (data address, or pc for a jump) */
  | { fault: number; at?: number; pc?: number }
  /** exited with this code; `child`: another dispatcher of it faulted with this */
  | { exit: number; child?: number };

interface Attack { readonly fn: string; readonly arg: number; readonly what: string; readonly expect: Outcome }

const unmapped = (addr: number): Outcome => ({ fault: FAULT_UNMAPPED, at: addr });
const badArg = (addr?: number): Outcome => ({ fault: FAULT_BAD_ARG, at: addr });
/** MAX_PRINT in kernel/console.ts */
const MAX_PRINT = 1 << 20;

/** Every attack from `core` of an arena, in a fixed order (its length never changes). */
function attacks(arena: Arena, core: number, image: WfxFile): Attack[] {
  const targets = arena.targets(core, image);
  const list: Attack[] = [];
  const add = (fn: string, arg: number, what: string, expect: Outcome) => list.push({ fn, arg: arg >>> 0, what, expect });
  for (const t of targets) {
    add('rd', t.addr, `load a word from ${t.what}`, unmapped(t.addr));
    add('wr', t.addr, `store a word to ${t.what}`, unmapped(t.addr));
    add('rdb', t.addr, `load a byte from ${t.what}`, unmapped(t.addr));
    add('wrb', t.addr, `store a byte to ${t.what}`, unmapped(t.addr));
    add('jump', t.addr, `jump to ${t.what}`, { fault: FAULT_UNMAPPED, pc: t.addr });
    for (const fn of ['print', 'serve', 'connect', 'waitptr', 'sendbuf', 'recvbuf', 'tryrecvbuf']) {
      add(fn, t.addr, `${fn} with a pointer to ${t.what}`, badArg(t.addr));
    }
  }
  const buf = DATA_BASE + 16; // hostile-*.s: msg (8 bytes), name (8), buf
  add('jump', DATA_BASE, 'jump into its own data', { fault: FAULT_NOEXEC, pc: DATA_BASE });
  add('jump', stackTop(core) - 16, 'jump into its own stack', { fault: FAULT_NOEXEC, pc: stackTop(core) - 16 });
  for (const n of [MAX_PRINT + 1, 0x10000, 0xffffffff]) add('printlen', n, `print_str of ${n} bytes`, badArg());
  for (const n of [201, 0x80000000, 0xffffffff]) add('namelen', n, `a service name of ${n} bytes`, badArg());
  add('sendlen', MAX_MSG_WORDS + 1, 'send a message too long', { exit: E_TOO_LONG });
  for (const n of [MAX_MSG_WORDS, 0x80000000, 0xffffffff]) add('sendlen', n, `send ${n} words from a small buffer`, badArg());
  for (const n of [0, 2, 129, 0x80000000]) add('waitn', n, `wait on ${n} channels`, badArg());
  const forged = [...new Set([0, 1, 2, 3, 63, 64, 127, 128, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, ...arena.openHandles(core)])];
  for (const h of forged) {
    for (const fn of ['sendh', 'recvh', 'tryrecvh', 'closeh', 'waith']) add(fn, h, `${fn.slice(0, -1)} on a handle it was never given (${h})`, badArg());
  }
  add('closed', 0, 'send on a channel it has closed', badArg());
  add('twice', 0, 'close a channel twice', badArg());
  add('thief', 0, 'send on a channel of another dispatcher on its core', { exit: 139, child: FAULT_BAD_ARG });
  add('thiefremote', 0, 'send on a channel of a dispatcher on another core', { exit: 139, child: FAULT_BAD_ARG });
  for (const s of [0, 1, 1024 | core, 0xffffffff, (1 << 10) | 3]) add('accept', s, `accept on a service it does not own (${s})`, badArg());
  for (const id of [0, 0x12345, arena.victims[core].id, arena.victims[4].id]) add('join', id, `join a dispatcher not its own (${id})`, { exit: E_NOT_FOUND });
  for (const c of [4, 99, 0xffffffff]) add('spawn', c, `spawn on core ${c}`, { exit: E_NOT_FOUND });
  add('spawnfn', 0, 'spawn at address 0', { exit: 139, child: FAULT_UNMAPPED });
  add('spawnfn', buf, 'spawn into its own data', { exit: 139, child: FAULT_NOEXEC });
  add('spawnfn', 0xfffffffc, 'spawn at the top of the address space', { exit: 139, child: FAULT_UNMAPPED });
  for (const c of [0, 12, 0x80000000, 0xffffffff]) add('fault', c, `raise fault ${c}`, badArg());
  add('fault', FAULT_DIV_ZERO, 'raise a divide by zero', { fault: FAULT_DIV_ZERO });
  for (const b of [-4096, 0x7fffffff, 0x80000000]) add('memgrow', b, `grow the heap by ${b | 0} bytes`, { exit: -1 });
  for (const p of [0, 0x00c20000, 0x74000000, 0xfffff000]) add('unmap', p, `unmap a page it does not have (0x${p.toString(16)})`, { exit: -1 });
  add('unmapself', 0, 'unmap the page of code it runs', { fault: FAULT_UNMAPPED });
  for (const n of [13, 14, 15, 26, 255]) add(`sys${n}`, 0, `system call ${n}`, { fault: FAULT_BAD_SYSCALL });
  return list;
}

const images = new Map<string, WfxFile>();
function imageFor(fn: string): WfxFile {
  let img = images.get(fn);
  if (!img) images.set(fn, (img = buildImage(fat('hostile', 'hostile'), { entry: fn })));
  return img;
}

/** attacks released at once into one arena */
const BATCH = 20;
const ARENA_START = 300_000;

describe('the arena', () => {
  // the fingerprint must see a change at every address an attack on the victims' memory aims
  // at — after each is bumped past the attacker's own pages, and on every core
  it.each(ISA_NAMES.map((isa, core) => [isa, core] as const))('notices a changed byte wherever an attack from the %s core aims at what a victim owns', (_isa, core) => {
    const arena = new Arena();
    arena.runUntil(() => false, ARENA_START);
    const before = arena.fingerprint();
    const owned = arena.targets(core, imageFor('rd')).filter((t) => /victim's (page directory|page table|text|data|heap)$/.test(t.what));
    expect(owned.map((t) => t.what)).toEqual([
      "the victim's page directory", "the victim's page table", "the victim's text", "the victim's data",
      "the victim's heap", "another core's victim's data",
    ]);
    for (const t of owned) {
      arena.m.mem.bytes[t.addr] ^= 2; // (in a page-table entry: the write permission)
      expect(arena.fingerprint(), t.what).not.toBe(before);
      arena.m.mem.bytes[t.addr] ^= 2;
      expect(arena.fingerprint(), t.what).toBe(before);
    }
  });
});

describe.each(ISA_NAMES.map((isa, core) => [isa, core] as [IsaName, number]))('hostile %s programs', (isa, core) => {
  const total = attacks(new Arena(), core, imageFor('rd')).length;
  const batches = Math.ceil(total / BATCH);
  let tried = 0;

  it.each(Array.from({ length: batches }, (_, b) => b))(`batch %i of ${batches}: killed alone, victims untouched`, (b) => {
    const arena = new Arena();
    arena.runUntil(() => false, ARENA_START);
    expect(arena.victims.every((v) => v.state === 'live')).toBe(true);
    const before = arena.fingerprint();
    const batch = attacks(arena, core, imageFor('rd')).slice(b * BATCH, (b + 1) * BATCH);
    const hostile = batch.map((a) => ({ a, d: arena.release(imageFor(a.fn), core, a.arg) }));
    const domains = new Set(hostile.map((h) => h.d.domain));
    const theirs = () => [...arena.m.dispatchers.values()].filter((d) => domains.has(d.domain));
    arena.runUntil(() => theirs().every((d) => d.state !== 'live'), ARENA_START + 4_000_000);

    // the attackers are gone, each as it should be, each with its report
    for (const { a, d } of hostile) {
      const label = `${isa} ${a.fn}(0x${a.arg.toString(16)}): ${a.what}`;
      const kids = theirs().filter((k) => k.domain === d.domain && k !== d);
      if ('fault' in a.expect) {
        expect(d.state, label).toBe('faulted');
        expect(d.fault!.reason, label).toBe(faultText(a.expect.fault));
        if (a.expect.at !== undefined) expect(d.fault!.addr >>> 0, label).toBe(a.expect.at);
        if (a.expect.pc !== undefined) expect(d.fault!.pc >>> 0, label).toBe(a.expect.pc);
        expect(arena.diag, label).toContain(`fault: core ${core} (${isa}): dispatcher ${d.id} of ${d.program} killed: ${d.fault!.reason}`);
      } else {
        expect({ state: d.state, code: d.exitCode }, label).toEqual({ state: 'exited', code: a.expect.exit });
      }
      const child = 'child' in a.expect ? a.expect.child : undefined;
      expect(kids.filter((k) => k.state === 'faulted').map((k) => k.fault!.code), label).toEqual(child === undefined ? [] : [child]);
      expect(kids.every((k) => k.state !== 'live'), label).toBe(true);
    }
    // while the victims ran on every core, and none of what they own changed
    expect(arena.victims.map((v) => v.state)).toEqual(arena.victims.map(() => 'live'));
    expect(arena.fingerprint()).toBe(before);
    const faults = arena.m.cores.reduce((n, c) => n + arena.m.stats(c.id).faults, 0);
    expect(faults).toBe(theirs().filter((d) => d.state === 'faulted').length);

    // they finish as they would alone, and the machine runs new programs on every core
    arena.finish();
    expect(arena.victims.map((v) => [v.state, v.exitCode])).toEqual(arena.victims.map(() => ['exited', 0]));
    const lines = arena.m.console.perCore.map((o) => o.split('\n').filter(Boolean).sort());
    expect(lines).toEqual([[`${VICTIM_SUM}`], [`${VICTIM_SUM}`], [`${VICTIM_SUM}`], [`${VICTIM_SUM}`, `${arena.messages}`].sort()]);
    const sieve = arena.m.load(sieveImage(), 'sieve');
    const fresh = arena.m.cores.map((c) => arena.m.spawn(sieve, c.id));
    arena.finish();
    expect(fresh.map((d) => [d.state, d.exitCode])).toEqual(fresh.map(() => ['exited', 0]));
    expect(arena.m.console.perCore.every((o) => o.endsWith('1229\n'))).toBe(true);
    tried += batch.length;
  });

  it('tried every attack', () => {
    // eslint-disable-next-line no-console
    console.log(`hostile ${isa} programs: ${tried} distinct attacks, every one contained`);
    expect(tried).toBe(total);
  });
});


describe('hostile programs in parallel mode', () => {
  // the same attacks from every core at once, each core's monitor on its own thread: every
  // attacker ends as it does in lockstep and no core dies (the victims' side is the lockstep
  // arena's)
  const kinds: [string, number, Outcome][] = [
    ['rd', MACHINE_BASE, unmapped(MACHINE_BASE)],
    ['wr', coreBlock(1), unmapped(coreBlock(1))],
    ['jump', MACHINE_BASE, { fault: FAULT_UNMAPPED, pc: MACHINE_BASE }],
    ['print', coreBlock(2), badArg(coreBlock(2))],
    ['sendbuf', MACHINE_BASE, badArg(MACHINE_BASE)],
    ['recvbuf', coreBlock(0), badArg(coreBlock(0))],
    ['sendh', 0, badArg()],
    ['waith', 1, badArg()],
    ['thief', 0, { exit: 139, child: FAULT_BAD_ARG }],
    ['thiefremote', 0, { exit: 139, child: FAULT_BAD_ARG }],
    ['accept', 1024, badArg()],
    ['join', 0x1001, { exit: E_NOT_FOUND }],
    ['spawnfn', 0, { exit: 139, child: FAULT_UNMAPPED }],
    ['unmapself', 0, { fault: FAULT_UNMAPPED }],
    ['sys13', 0, { fault: FAULT_BAD_SYSCALL }],
  ];
  it.each(kinds)('%s(%i) on every core', async (fn, arg, want) => {
    let diag = '';
    const r = await runParallel(imageFor(fn), fn, { on: 'all', arg, sink: () => {}, diag: (t) => { diag += t; }, timeoutSeconds: 60 });
    expect(r.reason).toBe('done');
    expect(diag).not.toMatch(/died|internal/);
    const got = r.main.map((d) => outcome(d, r.dispatchers.filter((k) => k.domain === d.domain && k !== d), want));
    expect(got).toEqual(r.main.map(() => want));
    expect(r.dispatchers.every((d) => d.state !== 'live')).toBe(true);
  });
});

/** How dispatcher `d` (and `kids`, the others of its domain) ended, in the terms `like` uses. */
function outcome(d: DispatcherRecord, kids: readonly DispatcherRecord[], like: Outcome): Outcome | string {
  if (d.state === 'live') return 'still live';
  const child = kids.find((k) => k.state === 'faulted')?.fault!.code;
  if (d.state === 'exited') return { exit: d.exitCode!, ...('child' in like || child !== undefined ? { child } : {}) };
  return {
    fault: d.fault!.code,
    ...('at' in like && like.at !== undefined ? { at: d.fault!.addr >>> 0 } : {}),
    ...('pc' in like && like.pc !== undefined ? { pc: d.fault!.pc >>> 0 } : {}),
  };
}
