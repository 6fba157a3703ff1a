// The debugger's commands, one table: each with its names, arguments, one line of help, and
// what it does to the session, returning the text to show. `wasmfish debug` reads lines and
// hands them here; docs/debugger.md lists the same commands.
import { UserError } from '../../../toolchain/errors.js';
import { deadlockText } from '../../machine/dispatchers.js';
import { wholeNumber } from '../ints.js';
import { hex } from '../../../toolchain/hex.js';
import { dispatchers, endpoints, readMemory, registers } from './inspect.js';
import type { DebugSession, StepResult } from './session.js';

interface Command {
  readonly names: readonly string[];
  readonly args: string;
  readonly help: string;
  run(s: DebugSession, args: string[]): string;
}

const int = (text: string | undefined, what: string, dflt?: number): number => {
  if (text === undefined) {
    if (dflt === undefined) throw new UserError(`expected ${what}`);
    return dflt;
  }
  return wholeNumber(text, what, 'a number');
};

/** An address typed as a number or as a label of the program (code or data). */
function address(s: DebugSession, text: string | undefined): number {
  if (text === undefined) throw new UserError('expected an address or a label');
  if (/^(0x[0-9a-f_]+|[\d_]+)$/i.test(text)) return int(text, 'an address');
  const sym = s.image.symbols.find((x) => x.name === text && x.section >= 0);
  if (!sym) throw new UserError(`${text}: not an address (0x…) or a label of the program`);
  return sym.value;
}

/** `core 0 (r32) dispatcher 1024: 0x00010004 <main+0x4> [pingpong-r32.s:26]  bnez r1, have` */
export function where(s: DebugSession, core = s.core): string {
  const d = s.dispatcherOn(core);
  const head = `core ${core} (${s.isaOf(core)})`;
  if (!d) {
    const blocked = dispatchers(s.machine.mem, core).filter((x) => x.state === 'blocked');
    return `${head}: nothing to run${blocked.length ? ` (${blocked.map((b) => `dispatcher ${b.id} blocked in ${b.waits}`).join(', ')})` : ''}`;
  }
  const [insn] = s.disassemble(core, d.pc, 0, 1);
  const bp = s.breakpointAt(d.pc);
  return `${head} dispatcher ${d.id}${d.state === 'running' ? '' : ' (next to run)'}: ${s.describe(d.pc)}` +
    `${insn && insn.addr === d.pc ? `   ${insn.text}` : ''}${bp ? `   [breakpoint ${bp.id}]` : ''}`;
}

/** What the user reads after a step or continue. */
function after(s: DebugSession, r: StepResult): string {
  switch (r) {
    case 'stepped': return where(s);
    case 'breakpoint': {
      const d = s.dispatcherOn()!;
      return `breakpoint ${s.breakpointAt(d.pc)?.id} on core ${s.core}\n${where(s)}`;
    }
    case 'idle': return `${where(s)}\n(step another core with 'core N', or 'continue')`;
    case 'ended': {
      const ends = [...s.machine.dispatchers.values()].map((d) => `dispatcher ${d.id} on core ${d.core} ${d.state === 'faulted' ? `faulted (${d.fault?.reason})` : `exited (${d.exitCode})`}`);
      return `the program has ended: ${ends.join(', ')}`;
    }
    case 'deadlock': return deadlockText(s.machine.live());
    case 'max-cycles': return 'stopped: the cycle limit (--max-cycles) was reached';
  }
}

const words = (bytes: Uint8Array) => Array.from({ length: bytes.length >> 2 }, (_, i) => bytes[4 * i] | bytes[4 * i + 1] << 8 | bytes[4 * i + 2] << 16 | bytes[4 * i + 3] << 24);

export const COMMANDS: readonly Command[] = [
  {
    names: ['step', 's', 'stepi', 'si'], args: '[n]', help: 'execute n instructions (default 1) on the selected core; the other cores wait',
    run: (s, a) => after(s, s.step(int(a[0], 'a count', 1))),
  },
  {
    names: ['continue', 'c', 'cont'], args: '', help: 'run every core (lockstep) until a breakpoint or the end',
    run: (s) => after(s, s.cont()),
  },
  {
    names: ['core'], args: '[n]', help: 'select core n for step, regs, x, disas (without n: show every core)',
    run: (s, a) => {
      if (a[0] === undefined) return Array.from({ length: s.ncores }, (_, c) => `${c === s.core ? '*' : ' '} ${where(s, c)}`).join('\n');
      const n = int(a[0], 'a core number');
      if (n >= s.ncores) throw new UserError(`no core ${n} (this machine has cores 0..${s.ncores - 1})`);
      s.core = n;
      return where(s);
    },
  },
  {
    names: ['break', 'b'], args: 'addr|label|file:line', help: 'stop before the instruction at an address, a label, or a source line (every ISA slice)',
    run: (s, a) => {
      if (!a[0]) throw new UserError('break: expected an address (0x…), a label, or file:line');
      const bp = s.addBreakpoint(a[0]);
      return `breakpoint ${bp.id} at ${bp.addrs.map((x) => s.describe(x)).join(', ')}`;
    },
  },
  {
    names: ['delete', 'd'], args: 'n', help: 'delete breakpoint n',
    run: (s, a) => {
      s.deleteBreakpoint(int(a[0], 'a breakpoint number'));
      return `deleted breakpoint ${a[0]}`;
    },
  },
  {
    names: ['regs', 'registers', 'r'], args: '', help: 'registers of the dispatcher on the selected core',
    run: (s) => {
      const d = s.dispatcherOn();
      if (!d) return where(s);
      const regs = registers(s.machine.mem, s.isaOf(s.core), s.core, d.slot);
      const cells = regs.map((r) => `${r.name.padEnd(9)} ${hex(r.value)} ${String(r.value | 0).padStart(11)}`);
      const rows: string[] = [];
      for (let i = 0; i < cells.length; i += 2) rows.push(cells.slice(i, i + 2).join('    '));
      return [`${where(s)}`, `pc        ${hex(d.pc)}    cycles ${d.cycles}, instructions ${d.instructions}`, ...rows,
        ...(d.pendingResult !== undefined ? [`(system call result ${d.pendingResult} is delivered when it next runs)`] : [])].join('\n');
    },
  },
  {
    names: ['x', 'mem'], args: 'addr|label [n]', help: 'n words (default 8) of memory at addr, as the selected core\'s dispatcher sees it',
    run: (s, a) => {
      const addr = address(s, a[0]), n = Math.min(int(a[1], 'a word count', 8), 1024);
      const d = s.dispatcherOn() ?? s.machine.live().map((x) => dispatchers(s.machine.mem, x.core)[0]).find(Boolean);
      if (!d) throw new UserError('no dispatcher left whose memory to show');
      const out: string[] = [];
      for (let i = 0; i < n; i += 4) {
        const at = (addr + 4 * i) >>> 0, k = Math.min(4, n - i);
        const bytes = readMemory(s.machine.mem, d.root, at, 4 * k);
        if (!bytes) { out.push(`${hex(at)}:  (not mapped)`); break; }
        const ascii = [...bytes].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
        out.push(`${hex(at)}:  ${words(bytes).map((w) => hex(w)).join(' ').padEnd(43)}  ${ascii}`);
      }
      return out.join('\n');
    },
  },
  {
    names: ['disas', 'disassemble', 'l', 'list'], args: '[addr|label] [n]', help: 'disassembly around pc (or addr), n instructions (default 10)',
    run: (s, a) => {
      const d = s.dispatcherOn();
      const pc = a[0] !== undefined ? address(s, a[0]) : d?.pc;
      if (pc === undefined) return where(s);
      const n = int(a[1], 'a count', 10);
      return s.disassemble(s.core, pc, Math.floor(n * 0.4), n - Math.floor(n * 0.4)).map((l) =>
        `${l.label ? `${l.label}:\n` : ''}${l.addr === d?.pc ? '=>' : '  '} ${s.breakpointAt(l.addr) ? '●' : ' '} ${s.describe(l.addr).padEnd(44)} ${l.text}`).join('\n');
    },
  },
  {
    names: ['info', 'i'], args: 'what', help: 'what exists: breakpoints, dispatchers (on every core), channels (all: the monitors\' too), cores, registers',
    run: (s, a) => {
      switch (a[0]) {
        case 'breakpoints': case 'b': case 'break':
          return s.breakpoints.length === 0 ? 'no breakpoints' : s.breakpoints.map((b) => `${b.id}  ${b.spec}: ${b.addrs.map((x) => s.describe(x)).join(', ')}`).join('\n');
        case 'dispatchers': case 'd': {
          const all = Array.from({ length: s.ncores }, (_, c) => dispatchers(s.machine.mem, c)).flat();
          if (all.length === 0) return 'no dispatchers';
          return all.map((d) => `core ${d.core} slot ${d.slot}: dispatcher ${d.id} ${d.state}${d.waits ? ` in ${d.waits}` : ''}  at ${s.describe(d.pc)}  (${d.instructions} instructions, ${d.cycles} cycles)`).join('\n');
        }
        case 'channels': case 'c': {
          const all = Array.from({ length: s.ncores }, (_, c) => endpoints(s.machine.mem, c)).flat();
          const shown = a[1] === 'all' ? all : all.filter((e) => e.owner !== undefined);
          const hidden = all.length - shown.length;
          const lines = shown.map((e) => `core ${e.core} handle ${e.handle}: channel ${hex(e.channel)} side ${'AB'[e.side]} to core ${e.peer}, ` +
            `${e.owner === undefined ? 'monitor' : `dispatcher ${e.owner}`}; sent ${e.sent}, received ${e.received}, ${e.waiting} waiting (${e.slots} slots per ring)`);
          if (lines.length === 0) lines.push('no program channels open');
          if (hidden > 0) lines.push(`(and ${hidden} monitor endpoints: info channels all)`);
          return lines.join('\n');
        }
        case 'cores': return COMMANDS.find((c) => c.names[0] === 'core')!.run(s, []);
        case 'registers': case 'r': return COMMANDS.find((c) => c.names[0] === 'regs')!.run(s, []);
        default: throw new UserError(`info ${a[0] ?? ''}: expected breakpoints, dispatchers, channels, cores or registers`.replace('info : ', 'info: '));
      }
    },
  },
  {
    names: ['where', 'w'], args: '', help: 'where the selected core is',
    run: (s) => where(s),
  },
  {
    names: ['help', 'h', '?'], args: '[command]', help: 'this list, or one command\'s help',
    run: (_, a) => {
      const list = a[0] ? COMMANDS.filter((c) => c.names.includes(a[0])) : COMMANDS;
      if (list.length === 0) throw new UserError(`no command '${a[0]}' (try help)`);
      return list.map((c) => `${`${c.names[0]} ${c.args}`.padEnd(44)} ${c.help}${c.names.length > 1 ? ` (also: ${c.names.slice(1).join(', ')})` : ''}`).join('\n') +
        (a[0] ? '' : `\n${'quit'.padEnd(44)} leave the debugger (also: q, or end of input)`);
    },
  },
];

/** Runs one command line; returns its output, or 'quit'. Bad commands throw UserError. */
export function execute(s: DebugSession, line: string): string | 'quit' {
  const [name, ...args] = line.trim().split(/\s+/);
  if (!name || name.startsWith('#')) return '';
  if (name === 'quit' || name === 'q' || name === 'exit') return 'quit';
  const cmd = COMMANDS.find((c) => c.names.includes(name));
  if (!cmd) throw new UserError(`unknown command '${name}' (try help)`);
  return cmd.run(s, args);
}
