/**
 * Plain-text table with padded columns and a rule under the header. Widths are found in a loop,
 * not by spreading the rows into `Math.max` (an argument list that overflows the stack past
 * about 100,000 rows).
 */
export function formatTable(header: string[], rows: string[][]): string {
  const lines: string[] = [];
  writeTable({ write: (text) => lines.push(text) }, header, () => rows);
  return lines.join('');
}

/** Text is handed on in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

/**
 * Writes what `formatTable` returns, in pieces, without holding the rows: `rows` is called twice,
 * once for the widths and once for the lines, so a table of 100,000 rows is never one string.
 */
export function writeTable(
  out: { write(text: string): unknown },
  header: string[],
  rows: () => Iterable<string[]>,
): void {
  const widths = header.map((h) => h.length);
  for (const row of rows()) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], (row[i] ?? '').length);
  }
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  let piece = `${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`;
  for (const row of rows()) {
    piece += `\n${line(row)}`;
    if (piece.length >= PIECE_CHARS) {
      out.write(piece);
      piece = '';
    }
  }
  if (piece !== '') out.write(piece);
}
