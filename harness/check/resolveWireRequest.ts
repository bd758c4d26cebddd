// The local world's own reading of a request-target: predictions see the path and query it sees.
import { readServedTarget } from '../../world';
import { wirePath, wireQuery } from '../request/buildRequest';
import { requestBody } from '../request/grpcFrame';
import type { PlannedCall } from '../resolve/types';

/** The request of a planned call as Lattice receives it: what its auth policies can test. */
export interface WireRequest {
  method: string;
  /** Decoded, as Lattice decodes the request-target. */
  path: string;
  query: Record<string, string[]>;
  /** Lower-case names, values in wire order. */
  headers: Record<string, string[]>;
  port: number;
  secure: boolean;
  sourceIp: string;
  /** Header names whose values exist only once the request is signed and sent (placeholders here). */
  runTimeOnly: string[];
}

/** Methods for which Node's HTTP client sends `content-length: 0` when there is no body. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** `20250102T030405Z`, the x-amz-date of a request signed at `time`. */
export const amzDate = (time: Date) =>
  time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/**
 * The wire form of a call as the harness sends it (request/buildRequest, request/signRequest,
 * send/sendRequest): the scenario's headers, `host`, for a signed caller
 * `x-amz-content-sha256: UNSIGNED-PAYLOAD` and the signing headers, `content-length`, and
 * `connection: close` (Node's client without a keep-alive agent). Values known only once the
 * request is signed (the signature, the session token) are placeholders in angle brackets.
 */
export function resolveWireRequest(
  call: PlannedCall,
  options: { now: Date; region: string; sourceAddress: string },
): WireRequest {
  const url = call.service.url;
  const query = wireQuery(call.request.query);
  const target = readServedTarget(`${wirePath(url, call.request.path)}${query ? `?${query}` : ''}`);
  // The harness encodes every path character but '/' and the unreserved ones, so the local world can always read
  // its paths.
  if ('error' in target) throw new Error(`the local world cannot read the path of ${call.id}: ${target.error}`);
  const headers: Record<string, string[]> = {};
  const set = (name: string, value: string) => (headers[name] = [value]);
  for (const [name, value] of Object.entries(call.request.headers)) set(name.toLowerCase(), value);
  set('host', url.host);
  const runTimeOnly: string[] = [];
  if (call.caller.kind !== 'anonymous') {
    set('x-amz-content-sha256', 'UNSIGNED-PAYLOAD');
    const date = amzDate(options.now);
    const sigv4a = call.caller.signing === 'sigv4a';
    const scope = `${date.slice(0, 8)}/${sigv4a ? '' : `${options.region}/`}vpc-lattice-svcs/aws4_request`;
    const algorithm = sigv4a ? 'AWS4-ECDSA-P256-SHA256' : 'AWS4-HMAC-SHA256';
    if (sigv4a) set('x-amz-region-set', '*');
    set('x-amz-date', date);
    // A role session's temporary credentials carry a token; a user's long-term keys do not.
    if (call.caller.kind === 'role') set('x-amz-security-token', '<session token>');
    set(
      'authorization',
      `${algorithm} Credential=<access key id>/${scope}, SignedHeaders=<signed headers>, Signature=<signature>`,
    );
    runTimeOnly.push(...(call.caller.kind === 'role' ? ['x-amz-security-token'] : []), 'authorization');
  }
  const body = requestBody(call.request);
  if (body !== undefined) set('content-length', String(Buffer.byteLength(body)));
  else if (BODY_METHODS.has(call.request.method) && call.http !== '2') set('content-length', '0');
  // HTTP/2 has no connection header (RFC 9113 §8.2.2).
  if (!headers.connection && call.http !== '2') set('connection', 'close');
  const secure = url.protocol === 'https:';
  return {
    method: call.request.method,
    path: target.path,
    query: target.query,
    headers,
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    secure,
    sourceIp: (call.caller.localAddress ?? options.sourceAddress).replace(/^::ffff:/, ''),
    runTimeOnly,
  };
}
