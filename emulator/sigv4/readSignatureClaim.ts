import { percentDecode } from './percentDecode';
import { parseAuthorization } from './parseAuthorization';
import type { HeaderMap } from './getHeaderMap';
import type { RawQueryParam } from './parseTarget';
import { rejections } from './rejections';
import type { Rejection } from './types';

/** What a signed request claims about itself, read from its headers or its query. Unvalidated. */
export interface SignatureClaim {
  presigned: boolean;
  algorithm: string;
  credential: string;
  signedHeaders: string[];
  signature: string;
  /** The signing time as sent: X-Amz-Date (header or query), else the Date header. */
  date: { value: string; from: 'x-amz-date' | 'date' };
  /** X-Amz-Expires, presigned only. */
  expires?: string;
  sessionToken?: string;
  /** Presigned only: an x-amz-content-sha256 hoisted into the (signed) query, as smithy's presign does. */
  contentSha256InQuery?: string;
  /** X-Amz-Region-Set (SigV4A), and whether it travels in the (always signed) query. */
  regionSet?: { value: string; inQuery: boolean };
}

const QUERY_REQUIRED = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
const AUTH_QUERY = new Set([...QUERY_REQUIRED, 'X-Amz-Expires', 'X-Amz-Security-Token', 'X-Amz-Region-Set']);

/**
 * Finds how the request is signed: an Authorization header, the X-Amz-* query parameters of a
 * presigned URL, or neither ('unsigned'). Both at once, or any of them repeated, is refused:
 * a signed request never falls back to anonymous.
 */
export function readSignatureClaim(
  headers: HeaderMap,
  params: readonly RawQueryParam[],
  allowPresigned: boolean,
): SignatureClaim | Rejection | 'unsigned' {
  const authorization = headers.get('authorization');
  const query = readAuthQuery(params);
  const presigned = query.has('X-Amz-Algorithm');
  if (!authorization && !presigned) return 'unsigned';
  if (authorization && presigned) return rejections.twoAuthMechanisms();
  if (authorization) return readHeaderClaim(authorization, headers);
  if (!allowPresigned) return rejections.presignedNotAllowed();
  const repeated = [...query].find(([, values]) => values.length > 1);
  if (repeated) return rejections.repeatedAuthorization(repeated[0]);
  const claim = readQueryClaim(new Map([...query].map(([name, values]) => [name, values[0]!])), headers);
  if ('kind' in claim) return claim;
  const contentSha256 = params.find(({ key }) => decodeText(key).toLowerCase() === 'x-amz-content-sha256');
  return contentSha256 ? { ...claim, contentSha256InQuery: decodeText(contentSha256.value) } : claim;
}

function readHeaderClaim(authorization: readonly string[], headers: HeaderMap): SignatureClaim | Rejection {
  if (authorization.length > 1) return rejections.repeatedAuthorization('Authorization header');
  const raw = authorization[0]!;
  const parts = parseAuthorization(raw);
  const date = single(headers, 'x-amz-date') ?? single(headers, 'date');
  const missing = (['Credential', 'Signature', 'SignedHeaders'] as const).filter((name) => {
    const key = name === 'Credential' ? 'credential' : name === 'Signature' ? 'signature' : 'signedHeaders';
    return !parts[key];
  });
  if (missing.length > 0 || date === undefined)
    return rejections.missingAuthorizationParts(missing, date !== undefined, raw);
  return {
    presigned: false,
    algorithm: parts.algorithm,
    credential: parts.credential!,
    signedHeaders: parts.signedHeaders!.split(';'),
    signature: parts.signature!,
    date: { value: date, from: single(headers, 'x-amz-date') !== undefined ? 'x-amz-date' : 'date' },
    sessionToken: single(headers, 'x-amz-security-token'),
    regionSet: fromHeader(single(headers, 'x-amz-region-set')),
  };
}

function readQueryClaim(query: ReadonlyMap<string, string>, headers: HeaderMap): SignatureClaim | Rejection {
  const missing = QUERY_REQUIRED.filter((name) => !query.get(name));
  if (missing.length > 0) return rejections.missingQueryParts(missing);
  return {
    presigned: true,
    algorithm: query.get('X-Amz-Algorithm')!,
    credential: query.get('X-Amz-Credential')!,
    signedHeaders: query.get('X-Amz-SignedHeaders')!.split(';'),
    signature: query.get('X-Amz-Signature')!,
    date: { value: query.get('X-Amz-Date')!, from: 'x-amz-date' },
    expires: query.get('X-Amz-Expires'),
    sessionToken: query.get('X-Amz-Security-Token') ?? single(headers, 'x-amz-security-token'),
    regionSet: query.has('X-Amz-Region-Set')
      ? { value: query.get('X-Amz-Region-Set')!, inQuery: true }
      : fromHeader(single(headers, 'x-amz-region-set')),
  };
}

/** The decoded X-Amz-* authentication parameters, each with every value it was sent with. */
function readAuthQuery(params: readonly RawQueryParam[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { key, value } of params) {
    const name = decodeText(key);
    if (!AUTH_QUERY.has(name)) continue;
    const decoded = decodeText(value);
    const values = found.get(name);
    if (values) values.push(decoded);
    else found.set(name, [decoded]);
  }
  return found;
}

/** A header that must appear once; a repeated one is joined like any other (and will not parse). */
function single(headers: HeaderMap, name: string): string | undefined {
  const values = headers.get(name);
  return values ? values.join(',').trim() : undefined;
}

const fromHeader = (value: string | undefined): SignatureClaim['regionSet'] =>
  value === undefined ? undefined : { value, inQuery: false };

const decodeText = (component: string): string => Buffer.from(percentDecode(component)).toString('utf8');
