import { LiteralMatcher } from './LiteralMatcher';

/** Patterns that look like credentials or signatures whatever their source. */
const PATTERNS: [RegExp, string][] = [
  [/(Signature=)[0-9a-f]{64,}/gi, '$1[redacted]'],
  [/(X-Amz-Signature=)[0-9a-f]+/gi, '$1[redacted]'],
  [/("?x-amz-security-token"?\s*[:=]\s*"?)[A-Za-z0-9+/=%]{16,}/gi, '$1[redacted]'],
];
/** What every one of PATTERNS contains: a text without it is left as it is by all of them. */
const MAY_MATCH_A_PATTERN = /signature=|x-amz-security-token/i;

/**
 * Removes secrets from text bound for any output: every secret key, session token and signature
 * the run used (registered as they are created), and anything shaped like a signature or token.
 * A text is scanned once for all the secrets: the cost does not grow with how many the run has seen.
 */
export class Redactor {
  private readonly secrets = new LiteralMatcher();

  add(...values: (string | undefined)[]): void {
    // Shorter values are not secrets (and would redact ordinary words).
    for (const v of values) if (v) this.secrets.add(v);
  }

  redact(text: string): string {
    let out = this.secrets.replaceAll(text, '[redacted]');
    if (!MAY_MATCH_A_PATTERN.test(out)) return out;
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** Redacts every string inside a JSON-like value: a copy (plain objects and arrays), the value itself unchanged. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (typeof value !== 'object' || value === null || value instanceof URL || value instanceof Date) return value;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const redacted = this.redactDeep((value as Record<string, unknown>)[key]);
      // An own property named `__proto__`, as Object.fromEntries would make, never the copy's prototype.
      if (key === '__proto__')
        Object.defineProperty(copy, key, { value: redacted, enumerable: true, writable: true, configurable: true });
      else copy[key] = redacted;
    }
    return copy as T;
  }
}
