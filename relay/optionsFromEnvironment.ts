import type { RelayOptions } from './handler';

/** The settings a deployed relay reads, by environment variable (the template sets each). */
export const RELAY_ENV = {
  allowedHosts: 'RELAY_ALLOWED_HOSTS',
  maxRequestBytes: 'RELAY_MAX_REQUEST_BYTES',
  maxAnswerBytes: 'RELAY_MAX_ANSWER_BYTES',
  timeoutMs: 'RELAY_TIMEOUT_MS',
} as const;

/** Every environment variable a relay reads. */
export const RELAY_ENV_NAMES: readonly string[] = Object.values(RELAY_ENV);

const MIB = 1024 * 1024;
/**
 * Lambda's response payload is at most 6 MB, and the answer's body goes in it as base64 (4 bytes for
 * every 3) beside its headers: 4 MiB of body is about 5.6 MB in the answer.
 */
export const MAX_ANSWER_BYTES_LIMIT = 4 * MIB;
/** Lambda's request payload is at most 6 MB too, with the body in base64. */
export const MAX_REQUEST_BYTES_LIMIT = 4 * MIB;
/** A Lambda function runs 15 minutes at most; a relay's exchange is far shorter. */
export const MAX_TIMEOUT_MS_LIMIT = 5 * 60 * 1000;

export const DEFAULTS = { maxRequestBytes: MIB, maxAnswerBytes: MIB, timeoutMs: 10_000 } as const;

/**
 * A deployed relay's options from its environment. Never throws: a missing or invalid setting makes
 * the relay unusable (every call refused, the message naming the variable) rather than crash at load.
 */
export function optionsFromEnvironment(env: Record<string, string | undefined>): RelayOptions {
  const problems: string[] = [];
  const allowedHosts = (env[RELAY_ENV.allowedHosts] ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
  if (allowedHosts.length === 0) problems.push(`${RELAY_ENV.allowedHosts} is not set (comma-separated host names)`);
  const integer = (name: string, fallback: number, max: number): number => {
    const text = env[name]?.trim();
    if (text === undefined || text === '') return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= 1 && value <= max)) problems.push(`${name} is not a whole number from 1 to ${max}`);
    return value;
  };
  const options: RelayOptions = {
    allowedHosts,
    maxRequestBytes: integer(RELAY_ENV.maxRequestBytes, DEFAULTS.maxRequestBytes, MAX_REQUEST_BYTES_LIMIT),
    maxAnswerBytes: integer(RELAY_ENV.maxAnswerBytes, DEFAULTS.maxAnswerBytes, MAX_ANSWER_BYTES_LIMIT),
    maxTimeoutMs: integer(RELAY_ENV.timeoutMs, DEFAULTS.timeoutMs, MAX_TIMEOUT_MS_LIMIT),
  };
  if (problems.length > 0) options.unusable = `this relay is misconfigured: ${problems.join('; ')}`;
  return options;
}
