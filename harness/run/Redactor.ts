import { LiteralMatcher } from './LiteralMatcher';

/** Patterns that look like credentials or signatures whatever their source. */
const PATTERNS: [RegExp, string][] = [
  [/(Signature=)[0-9a-f]{64,}/gi, '$1[redacted]'],
  [/(X-Amz-Signature=)[0-9a-f]+/gi, '$1[redacted]'],
  [/("?x-amz-security-token"?\s*[:=]\s*"?)[A-Za-z0-9+/=%]{16,}/gi, '$1[redacted]'],
];

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
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** Redacts every string inside a JSON-like value. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object' && !(value instanceof URL) && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    }
    return value;
  }
}
