/**
 * Whether a policy pattern with `*` and `?` wildcards can match some string that starts with
 * `prefix`: walks the pattern's positions over the prefix; any position still alive at the end
 * can be completed. `*` runs across ARN parts here, which is looser than the engine (a `*`
 * stays inside a part unless it ends one), so a "cannot match" answer is certain.
 */
export function canMatchPrefix(pattern: string, prefix: string): boolean {
  const close = (positions: Set<number>) => {
    for (const p of positions) if (pattern[p] === '*') positions.add(p + 1);
    return positions;
  };
  let alive = close(new Set([0]));
  for (const ch of prefix) {
    const next = new Set<number>();
    for (const p of alive) {
      if (p >= pattern.length) continue;
      const c = pattern[p];
      if (c === '*') next.add(p);
      else if (c === '?' || c === ch) next.add(p + 1);
    }
    if (next.size === 0) return false;
    alive = close(next);
  }
  return true;
}
