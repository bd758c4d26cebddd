import { percentDecode } from './percentDecode';
import { uriEncode } from './uriEncode';
import type { RawQueryParam } from './parseTarget';

const SIGNATURE_PARAM = 'x-amz-signature';

/**
 * The canonical query string: each key and value percent-decoded, then URI-encoded the SigV4
 * way, pairs sorted by encoded key and then by encoded value (byte order), joined with '&'.
 * `X-Amz-Signature` is left out (compared without case, as `@smithy/signature-v4` does).
 * A key sent without '=' canonicalises as `key=`.
 */
export function getCanonicalQuery(params: readonly RawQueryParam[]): string {
  const pairs: Array<[string, string]> = [];
  for (const { key, value } of params) {
    const encodedKey = uriEncode(percentDecode(key));
    if (encodedKey.toLowerCase() === SIGNATURE_PARAM) continue;
    pairs.push([encodedKey, uriEncode(percentDecode(value))]);
  }
  pairs.sort(([keyA, valueA], [keyB, valueB]) => compare(keyA, keyB) || compare(valueA, valueB));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/** Encoded strings are pure ASCII, so code-unit order is byte order. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
