import type { VerifyOptions } from './types';

export type ResolvedVerifyOptions = Required<VerifyOptions>;

const FIVE_MINUTES_MS = 5 * 60 * 1000;

/**
 * The one place the defaults live. Written out field by field: V8 (Node 20) makes a literal that
 * starts with a spread and adds fields after it several microseconds slower per field, and this
 * runs once per request.
 */
export function resolveVerifyOptions(options: VerifyOptions): ResolvedVerifyOptions {
  return {
    service: options.service,
    region: options.region,
    now: options.now,
    lookupKey: options.lookupKey,
    payload: options.payload,
    allowSigV4a: options.allowSigV4a ?? true,
    allowPresigned: options.allowPresigned ?? true,
    normalizePath: options.normalizePath ?? true,
    maxSkewMs: options.maxSkewMs ?? FIVE_MINUTES_MS,
  };
}
