import { getCanonicalHeaderValue } from './getCanonicalHeaderValue';
import { getCanonicalPath } from './getCanonicalPath';
import { getCanonicalQuery } from './getCanonicalQuery';
import { getHeaderMap, type HeaderMap } from './getHeaderMap';
import { parseTarget, type ParsedTarget } from './parseTarget';

export interface CanonicalRequestInput {
  method: string;
  /** Raw request-target, '/path?query', as on the wire (see getCanonicalPath for raw bytes). */
  target: string;
  /** Node's flat `rawHeaders`. */
  rawHeaders: readonly string[];
  /** The SignedHeaders list exactly as the client sent it, split on ';'. */
  signedHeaders: readonly string[];
  /** The last line: a hex sha256, or 'UNSIGNED-PAYLOAD'. */
  payloadHash: string;
  /** Default true (every service but S3). */
  normalizePath?: boolean;
  /** `parseTarget(target)` and `getHeaderMap(rawHeaders)`, when the caller has them already. */
  parsed?: { target: ParsedTarget; headers: HeaderMap };
}

/**
 * The SigV4 (and SigV4A) canonical request:
 * method, canonical URI, canonical query, one `name:value` line per signed header, a blank line,
 * the signed header list, the payload hash. Headers appear in the order the client listed them
 * (SignedHeaders is sorted by every conforming signer). A signed header that is absent
 * canonicalises with an empty value; verifyRequest refuses such requests before getting here.
 */
export function getCanonicalRequest(input: CanonicalRequestInput): string {
  const { path, params } = input.parsed?.target ?? parseTarget(input.target);
  const headers = input.parsed?.headers ?? getHeaderMap(input.rawHeaders);
  const headerLines = input.signedHeaders.map(
    (name) => `${name.toLowerCase()}:${getCanonicalHeaderValue(headers.get(name.toLowerCase()) ?? [])}\n`,
  );
  return [
    input.method,
    getCanonicalPath(path, input.normalizePath ?? true),
    getCanonicalQuery(params),
    headerLines.join(''),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}
