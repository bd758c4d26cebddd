/** Header values by lower-case name, in wire order, from Node's flat `rawHeaders`. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/**
 * Groups `[name, value, name, value, ...]` by lower-case name, keeping every value in the order
 * it arrived: repeated headers must canonicalise as `v1,v2,v3`, which Node's `req.headers`
 * (joined with ', ', or first-wins for some names) cannot rebuild. A trailing name without a
 * value is ignored; anything that is not a string is skipped.
 */
export function getHeaderMap(rawHeaders: readonly unknown[]): HeaderMap {
  const map = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const value = rawHeaders[i + 1];
    if (typeof name !== 'string' || typeof value !== 'string') continue;
    const key = name.toLowerCase();
    const values = map.get(key);
    if (values) values.push(value);
    else map.set(key, [value]);
  }
  return map;
}
