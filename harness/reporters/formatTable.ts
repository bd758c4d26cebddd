/**
 * Plain-text table with padded columns and a rule under the header. Widths are found in a loop,
 * not by spreading the rows into `Math.max` (an argument list that overflows the stack past
 * about 100,000 rows).
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h) => h.length);
  for (const row of rows) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], (row[i] ?? '').length);
  }
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of rows) lines.push(line(row));
  return lines.join('\n');
}
