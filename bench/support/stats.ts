/** Small helpers the benchmarks share. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The spread of repeated figures: (max - min) / median, as a percentage. */
export function spread(values: number[]): number {
  return ((Math.max(...values) - Math.min(...values)) / median(values)) * 100;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A benchmark whose answers were not all the expected ones: its figures do not count. */
export function fail(name: string, why: string): void {
  console.error(`${name} bench: ${why}; the figures do not count`);
  process.exitCode = 1;
}
