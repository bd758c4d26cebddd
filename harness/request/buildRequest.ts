import type { HttpRequest } from '@smithy/types';
import type { PlannedCall } from '../resolve/types';
import { requestBody } from './grpcFrame';

/** Text that RFC 3986 encoding leaves as it is: unreserved characters only. */
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** RFC 3986 encoding of one path segment or query component (so `+` is sent as `%2B`). */
export function encodeRfc3986(text: string): string {
  if (UNRESERVED.test(text)) return text;
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The wire path: the service URL's base path joined with the call's decoded path, each segment encoded once. */
export function wirePath(baseUrl: URL, path: string): string {
  const base = baseUrl.pathname.replace(/\/+$/, '');
  return base + path.split('/').map(encodeRfc3986).join('/');
}

/** The query string exactly as sent, keys and values RFC 3986-encoded, in declaration order. */
export function wireQuery(query: Record<string, string[]>): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(query))
    for (const value of values) parts.push(`${encodeRfc3986(key)}=${encodeRfc3986(value)}`);
  return parts.join('&');
}

/** The query string of a (signed) request as it goes on the wire: `wireQuery` of its query, in its order. */
export function wireQueryOf(req: HttpRequest): string {
  if (req.query === undefined || Object.keys(req.query).length === 0) return '';
  const entries = Object.entries(req.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : v == null ? [] : [v]]);
  return wireQuery(Object.fromEntries(entries));
}

/** Builds the unsigned HTTP request for a planned call, addressed to the service's real name. */
export function buildRequest(call: PlannedCall): HttpRequest {
  const url = call.service.url;
  const headers: Record<string, string> = { ...call.request.headers, host: url.host };
  if (call.caller.kind !== 'anonymous') headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  const body = requestBody(call.request);
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return {
    method: call.request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: wirePath(url, call.request.path),
    query: call.request.query,
    headers,
    body,
  };
}
