// The kernel's interpreters against the reference interpreter: thousands of random
// instruction sequences per ISA must end in identical registers, pc, memory, cycles,
// instruction counts and fault (or exit). A mismatch names the seed to reproduce it.
import { describe, expect, it } from 'vitest';
import { BumpFrames, walk } from '../../isa/pagetable.js';
import { ISAS, type Isa } from '../../isa/index.js';
import {
  GuestMemory, buildAddressSpace, completeSys, isFault, startState, step,
} from '../../isa/reference/index.js';
import type { CpuState, StepResult } from '../../isa/reference/index.js';
import { DATA_BASE, PAGE_MASK, PAGE_SIZE, textBase } from '../../kernel/shared/addrspace.js';
import { FAULT_READONLY } from '../../kernel/shared/faults.js';
import { STOP_EXIT, STOP_FAULT, STOP_LIMIT, STOP_SYS } from '../../kernel/shared/kabi.js';
import { D_SYS_ARGS, D_SYS_NUM } from '../../kernel/shared/layout.js';
import { sysArity } from '../../kernel/shared/syscalls.js';
import { describeInstruction } from '../../host/os/fault-report.js';
import { decode } from '../../isa/encoding.js';
import { BareCore } from '../support/kernel-harness.js';
import {
  DATA_SIZE, type RandomProgram, Rng, STACK_BOTTOM, STACK_WORDS, initialSp, randomProgram,
} from '../support/random-programs.js';

const PROGRAMS = Number(process.env.DIFF_PROGRAMS ?? 1500);
const BUDGET = 3000; // cycles
const STACK_SIZE = 4 * PAGE_SIZE;

/** System call results both sides get: a function of the call, so they agree. */
const sysResult = (num: number, args: readonly number[]) => (num * 7919 + (args[0] ?? 0)) >>> 0;

interface Outcome {
  end: string;
  pc: number;
  regs: number[];
  cycles: number;
  instret: number;
  data: string[];
  stack: string[];
}

/** The pages at va (page aligned) as bytes, an unmapped page as the string 'unmapped'. */
function bytesOf(view: DataView, root: number, va: number, n: number): string[] {
  const out: string[] = [];
  const u8 = new Uint8Array(view.buffer);
  for (let page = va; page < va + n; page += PAGE_SIZE) {
    const m = walk(view, root, page);
    out.push(m ? Buffer.from(u8.subarray(m.frame, m.frame + PAGE_SIZE)).toString('hex') : 'unmapped');
  }
  return out;
}

function placeStack(view: DataView, root: number, words: readonly number[]): void {
  const sp = initialSp();
  words.forEach((w, i) => {
    const va = sp + 4 * i;
    const m = walk(view, root, va)!;
    view.setUint32(m.frame + (va & PAGE_MASK), w, true);
  });
}

function runReference(isa: Isa, p: RandomProgram): Outcome {
  const view = new DataView(new ArrayBuffer(1 << 20));
  const frames = new BumpFrames(view, PAGE_SIZE, view.byteLength);
  const { root } = buildAddressSpace(view, frames, isa, { text: p.text, data: p.data, dataSize: DATA_SIZE });
  placeStack(view, root, p.stack);
  const mem = new GuestMemory(view, root);
  const s: CpuState = startState(isa, mem, textBase(isa.index), 0, STACK_BOTTOM + STACK_SIZE);
  for (const [i, v] of p.regs) s.regs[i] = v;
  let end = 'limit';
  while (s.cycles < BUDGET) {
    const r: StepResult = step(s, mem);
    if (r === 'ok') continue;
    if (isFault(r)) { end = `fault ${r.fault} at 0x${(r.addr >>> 0).toString(16)}`; break; }
    if ('sys' in r) {
      const c = completeSys(s, mem, sysResult(r.sys, r.args));
      if (c !== 'ok') { end = `fault ${c.fault} at 0x${(c.addr >>> 0).toString(16)}`; break; }
      continue;
    }
    end = `exit ${'halt' in r ? r.halt : r.exit}`;
    break;
  }
  return {
    end, pc: s.pc, regs: [...s.regs], cycles: s.cycles, instret: s.instret,
    data: bytesOf(view, root, DATA_BASE, DATA_SIZE),
    stack: bytesOf(view, root, STACK_BOTTOM, STACK_SIZE),
  };
}

function runKernel(core: BareCore, isa: Isa, p: RandomProgram, asid: number): Outcome {
  const root = core.space({ text: p.text, data: p.data, dataSize: DATA_SIZE });
  placeStack(core.mem.view, root, p.stack);
  core.kernel.tlb_flush(asid);
  const slot = core.kernel.dispatcher_create(1, asid, root, textBase(isa.index), 0, 0);
  expect(slot).toBeGreaterThanOrEqual(0);
  for (const [i, v] of p.regs) core.setReg(slot, i, v);
  const c0 = core.cycles(slot);
  let end = 'limit';
  for (;;) {
    const used = core.cycles(slot) - c0;
    if (used >= BUDGET) break;
    const stop = core.kernel.debug_run(slot, core.kernel.now() + (BUDGET - used));
    if (stop === STOP_LIMIT) break;
    if (stop === STOP_FAULT) { const f = core.fault(slot); end = `fault ${f.code} at 0x${(f.addr >>> 0).toString(16)}`; break; }
    if (stop === STOP_EXIT) { end = `exit ${core.exitCode(slot) | 0}`; break; }
    if (stop === STOP_SYS) {
      const d = core.dcb(slot);
      const num = core.mem.u32(d + D_SYS_NUM);
      const args = [0, 1, 2, 3].slice(0, sysArity(num)).map((i) => core.mem.u32(d + D_SYS_ARGS + 4 * i));
      core.kernel.complete(slot, sysResult(num, args));
    }
  }
  // a system call result still pending is delivered when the dispatcher next runs: deliver it
  // now (a run with no cycles to spend), as the reference does at once
  if (end === 'limit') core.kernel.debug_run(slot, core.kernel.now());
  const regs = Array.from({ length: 16 }, (_, i) => core.reg(slot, i));
  const out: Outcome = {
    end, pc: core.pc(slot), regs, cycles: core.cycles(slot) - c0, instret: core.instret(slot),
    data: bytesOf(core.mem.view, root, DATA_BASE, DATA_SIZE),
    stack: bytesOf(core.mem.view, root, STACK_BOTTOM, STACK_SIZE),
  };
  core.release(slot);
  return out;
}

/** The halt/exit code is reported as signed by the kernel path and unsigned by the reference. */
function normalise(o: Outcome): Outcome {
  return { ...o, end: o.end.replace(/^exit (-?\d+)$/, (_, v) => `exit ${Number(v) | 0}`) };
}

function listing(isa: Isa, text: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < text.length;) {
    const d = decode(isa, text, at);
    const pc = textBase(isa.index) + at;
    lines.push(`${pc.toString(16)}: ${describeInstruction(isa.name, text.subarray(at, at + 8), pc)}`);
    at += d ? d.size : 1;
  }
  return lines.join('\n');
}

describe.each(ISAS.map((i) => [i.name, i] as const))('%s interpreter matches the reference', (_name, isa) => {
  it(`on ${PROGRAMS} random programs`, () => {
    const core = new BareCore(isa.name);
    const ends = new Map<string, number>();
    /** programs that ended with an atomic read-modify-write refused on their read-only text */
    let atomicsOnText = 0;
    for (let seed = 1; seed <= PROGRAMS; seed++) {
      const p = randomProgram(isa, new Rng(seed * 1000 + isa.index));
      const want = normalise(runReference(isa, p));
      const got = normalise(runKernel(core, isa, p, 1 + (seed % 4000)));
      const kind = want.end.replace(/ at .*| -?\d+$/, '');
      ends.set(kind, (ends.get(kind) ?? 0) + 1);
      if (kind === `fault ${FAULT_READONLY}` && decode(isa, p.text, want.pc - textBase(isa.index))?.def.flags.includes('atomic')) atomicsOnText++;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        const diff = (Object.keys(want) as (keyof Outcome)[]).filter((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k]));
        expect.fail(`${isa.name} seed ${seed}: kernel and reference differ in ${diff.join(', ')}\n` +
          diff.map((k) => `  ${k}: kernel ${JSON.stringify(k === 'data' || k === 'stack' ? firstDiff(got[k] as string[], want[k] as string[]) : got[k])} reference ${JSON.stringify(k === 'data' || k === 'stack' ? '' : want[k])}`).join('\n') +
          `\nprogram:\n${listing(isa, p.text)}`);
      }
    }
    // the programs must exercise more than one way of ending, and on an ISA with atomics,
    // atomics aimed at read-only pages
    expect(ends.size).toBeGreaterThanOrEqual(3);
    const atomics = isa.instructions.some((d) => d.flags.includes('atomic'));
    if (atomics) expect(atomicsOnText).toBeGreaterThanOrEqual(Math.floor(PROGRAMS / 300));
    else expect(atomicsOnText).toBe(0);
  });
});

function firstDiff(a: string[], b: string[]): string {
  const page = a.findIndex((x, k) => x !== b[k]);
  if (a[page] === 'unmapped' || b[page] === 'unmapped') return `page ${page}: ${a[page].slice(0, 8)} vs ${b[page].slice(0, 8)}`;
  const i = [...a[page]].findIndex((c, k) => c !== b[page][k]) >> 1;
  return `page ${page} byte ${i}: 0x${a[page].slice(2 * i, 2 * i + 2)} vs 0x${b[page].slice(2 * i, 2 * i + 2)}`;
}
