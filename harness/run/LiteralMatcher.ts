/** Characters of the window a literal is indexed by: every literal is at least this long. */
export const WINDOW = 8;
const BASE = 0x01000193;
/** BASE ** (WINDOW - 1), modulo 2^32: what the character leaving the window weighed. */
const LEAVING = Array.from({ length: WINDOW - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);

/** A 32-bit polynomial hash of `text[start, start + WINDOW)`. */
function hashAt(text: string, start: number): number {
  let h = 0;
  for (let i = start; i < start + WINDOW; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * A set of literals (each at least WINDOW characters) found in a text in one pass: literals are
 * indexed by the hash of their first WINDOW characters and the text's windows are hashed as they
 * roll by (Rabin-Karp), so neither adding a literal nor scanning a text costs more as the set
 * grows. At a position the longest literal wins; matches do not overlap.
 */
export class LiteralMatcher {
  private readonly byPrefix = new Map<number, string[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a literal; false when it is shorter than WINDOW or already there. */
  add(literal: string): boolean {
    if (literal.length < WINDOW) return false;
    const key = hashAt(literal, 0);
    const bucket = this.byPrefix.get(key) ?? [];
    if (bucket.includes(literal)) return false;
    bucket.push(literal);
    bucket.sort((a, b) => b.length - a.length);
    this.byPrefix.set(key, bucket);
    this.count++;
    return true;
  }

  /** `text` with every occurrence of a literal replaced by `replacement`. */
  replaceAll(text: string, replacement: string): string {
    if (this.count === 0 || text.length < WINDOW) return text;
    let out = '';
    let copied = 0;
    let i = 0;
    let h = hashAt(text, 0);
    while (i + WINDOW <= text.length) {
      const found = this.byPrefix.get(h)?.find((literal) => text.startsWith(literal, i));
      if (found) {
        out += text.slice(copied, i) + replacement;
        i += found.length;
        copied = i;
        if (i + WINDOW <= text.length) h = hashAt(text, i);
        continue;
      }
      if (i + WINDOW < text.length) {
        h = (Math.imul(h - Math.imul(text.charCodeAt(i), LEAVING), BASE) + text.charCodeAt(i + WINDOW)) | 0;
      }
      i++;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}
