import { createHmac } from 'node:crypto';

const MAX_CACHED_KEYS = 64;
const cache = new Map<string, Buffer>();

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * The SigV4 signing key: HMAC chain over "AWS4" + secret, then the scope date, region, service
 * and "aws4_request". Keys are cached (a few dozen, oldest dropped first): one key serves a
 * credential for a whole day.
 */
export function getSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const cacheKey = [secretAccessKey, date, region, service].join('\n');
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, key);
  return key;
}
