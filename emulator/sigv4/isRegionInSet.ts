/**
 * Whether a SigV4A region set (`X-Amz-Region-Set`: comma-separated, e.g. `*`, `us-east-1`,
 * `us-*,eu-west-1`) covers a region. Comparison ignores case and spaces around entries; '*'
 * matches any run of characters, including none.
 */
export function isRegionInSet(regionSet: string, region: string): boolean {
  const target = region.toLowerCase();
  return regionSet
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .some((pattern) => pattern !== '' && matchesGlob(pattern, target));
}

/** A `*` glob match without regular expressions: at most pattern × text steps on hostile input. */
function matchesGlob(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
