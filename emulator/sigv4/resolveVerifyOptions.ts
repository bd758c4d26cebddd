import type { VerifyOptions } from './types';

export type ResolvedVerifyOptions = Required<VerifyOptions>;

const FIVE_MINUTES_MS = 5 * 60 * 1000;

/** The one place the defaults live. */
export function resolveVerifyOptions(options: VerifyOptions): ResolvedVerifyOptions {
  return {
    ...options,
    allowSigV4a: options.allowSigV4a ?? true,
    allowPresigned: options.allowPresigned ?? true,
    normalizePath: options.normalizePath ?? true,
    maxSkewMs: options.maxSkewMs ?? FIVE_MINUTES_MS,
  };
}
