// The console device, host side: collects what each dispatcher prints (kernel/console.ts
// hands over bytes) and emits it line by line, so lines of different cores never mix.
// With `prefix`, each line is labelled with its core and ISA: "[core 2 s32] hello".
import type { Topology } from './topology.js';

export interface ConsoleOptions {
  /** label every line with "[core N isa] " */
  readonly prefix?: boolean;
  /** where complete lines go (default: process.stdout) */
  readonly sink?: (text: string) => void;
}

export class Console {
  private readonly partial = new Map<string, string>();
  private readonly sink: (text: string) => void;
  /** everything printed by each core, unprefixed (for tests and summaries) */
  readonly perCore: string[];
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(private readonly topology: Topology, private readonly opts: ConsoleOptions = {}) {
    this.sink = opts.sink ?? ((t) => process.stdout.write(t));
    this.perCore = topology.cores.map(() => '');
  }

  /** Bytes printed by dispatcher `dispatcher` on `core`. */
  write(core: number, dispatcher: number, bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes);
    this.perCore[core] += text;
    const key = `${core}:${dispatcher}`;
    const lines = ((this.partial.get(key) ?? '') + text).split('\n');
    this.partial.set(key, lines.pop()!);
    for (const line of lines) this.emit(core, line + '\n');
  }

  /** Emits what dispatcher `dispatcher` printed without a final newline (it has ended). */
  flushDispatcher(core: number, dispatcher: number): void {
    const key = `${core}:${dispatcher}`;
    const rest = this.partial.get(key);
    this.partial.delete(key);
    if (rest) this.emit(core, rest + '\n');
  }

  /** Emits every unfinished line. */
  flush(): void {
    for (const key of [...this.partial.keys()]) {
      const [core, disp] = key.split(':').map(Number);
      this.flushDispatcher(core, disp);
    }
  }

  private emit(core: number, text: string): void {
    this.sink(this.opts.prefix ? `[core ${core} ${this.topology.cores[core].isa}] ${text}` : text);
  }
}
