// The house rules of the import graph (.dependency-cruiser.cjs, README "Project layout"): no
// import circles anywhere, and each layer imports only the layers below it. dependency-cruiser
// reads the TypeScript and AssemblyScript sources with swc, so type-only imports count too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Violation { from: string; to: string; rule: { name: string }; cycle?: { name: string }[] }

/** The rule violations dependency-cruiser finds in `dirs` (relative to `cwd`). */
function violations(dirs: string[], cwd = process.cwd(), config = join(process.cwd(), '.dependency-cruiser.cjs')): Violation[] {
  const out = execFileSync(join(process.cwd(), 'node_modules/.bin/depcruise'),
    ['--config', config, '--output-type', 'json', ...dirs], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out).summary.violations as Violation[];
}

const describeViolation = (v: Violation) =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (circle: ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

describe('the import graph', () => {
  it('has no circles and no import up a layer in host/, kernel/, toolchain/, isa/ and bench/', () => {
    expect(violations(['host', 'kernel', 'toolchain', 'isa', 'bench']).map(describeViolation)).toEqual([]);
  }, 120_000);

  it('the check sees a type-only circle and an import up a layer', () => {
    // a miniature tree with both faults, checked with the same rules
    const dir = mkdtempSync(join(tmpdir(), 'wasmfish-imports-'));
    try {
      mkdirSync(join(dir, 'toolchain'));
      mkdirSync(join(dir, 'host/os'), { recursive: true });
      mkdirSync(join(dir, 'host/hardware'), { recursive: true });
      writeFileSync(join(dir, 'toolchain/a.ts'), "import type { B } from './b.js';\nexport type A = B | 1;\n");
      writeFileSync(join(dir, 'toolchain/b.ts'), "import type { A } from './a.js';\nexport type B = A | 2;\n");
      writeFileSync(join(dir, 'host/os/monitor.ts'), 'export const m = 1;\n');
      writeFileSync(join(dir, 'host/hardware/memory.ts'), "import { m } from '../os/monitor.js';\nexport const x = m;\n");
      const found = violations(['toolchain', 'host'], dir).map((v) => `${v.rule.name} ${v.from}`).sort();
      expect(found).toEqual([
        'host-hardware-imports-down host/hardware/memory.ts',
        'no-circular toolchain/a.ts',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
