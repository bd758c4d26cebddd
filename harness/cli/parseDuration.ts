import { UserError } from '../errors';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `5m`, `2m30s`, `1h`, `1500ms` → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UserError('USAGE', `${flag} takes a duration such as 90s, 5m or 2m30s, got "${text}"`);
  }
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  if (ms <= 0 || ms > 24 * 3_600_000)
    throw new UserError('USAGE', `${flag} must be more than 0 and at most 24h, got "${text}"`);
  return Math.round(ms);
}
