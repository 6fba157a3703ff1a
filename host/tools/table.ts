// Fixed-width text tables, shared by the CLI (--stats, `wasmfish experiment`) and the
// benchmarks, and the same tables as Markdown for the README.

/**
 * A fixed-width text table: the first `left` columns left-aligned, the rest right-aligned,
 * two spaces between columns; `rule` puts a line of dashes under the head.
 */
export function table(head: string[], rows: string[][], left = 1, rule = true): string {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, k) => (k < left ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
  return [line(head), ...(rule ? [line(widths.map((w) => '-'.repeat(w)))] : []), ...rows.map(line)].join('\n') + '\n';
}

/** The same table as Markdown, for the README. */
export function markdownTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}
