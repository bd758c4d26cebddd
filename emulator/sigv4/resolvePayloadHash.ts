import { createHash } from 'node:crypto';
import { getCanonicalHeaderValue } from './getCanonicalHeaderValue';
import type { HeaderMap } from './getHeaderMap';
import { rejections } from './rejections';
import type { PayloadMode, Rejection } from './types';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const CONTENT_SHA256 = 'x-amz-content-sha256';

export interface PayloadInput {
  mode: PayloadMode;
  headers: HeaderMap;
  /** Lower-case SignedHeaders. */
  signedHeaders: readonly string[];
  body?: Uint8Array;
  /** Presigned: x-amz-content-sha256 carried in the query (part of the canonical query, so signed). */
  contentSha256InQuery?: string;
}

/**
 * The last line of the canonical request.
 * - 'unsigned-required' (Lattice): x-amz-content-sha256 must be signed (a signed header, or for
 *   a presigned URL a query parameter) and say UNSIGNED-PAYLOAD
 *   ("Missing the 'x-amz-content-sha256' in canonical headers." / "Signed payloads are not
 *   supported").
 * - 'verify' (STS): sha256 of the body as received. A client that signed another hash, or
 *   UNSIGNED-PAYLOAD, fails the signature check.
 */
export function resolvePayloadHash(input: PayloadInput): string | Rejection {
  const { mode, headers, signedHeaders, body, contentSha256InQuery } = input;
  if (mode === 'verify')
    return createHash('sha256')
      .update(body ?? new Uint8Array())
      .digest('hex');
  const declared = signedHeaders.includes(CONTENT_SHA256)
    ? getCanonicalHeaderValue(headers.get(CONTENT_SHA256) ?? [])
    : contentSha256InQuery;
  if (declared === undefined) return rejections.headerNotSigned(CONTENT_SHA256);
  if (declared !== UNSIGNED_PAYLOAD) return rejections.signedPayload();
  return UNSIGNED_PAYLOAD;
}
