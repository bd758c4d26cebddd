import type { RequestConfig } from '../config/types';
import type { Fields } from '../../world/Fields';
import { GRPC_METHOD } from '../request/grpcFrame';
import type { ResolvedRequest } from './types';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
/** Visible characters, spaces and tabs; no CR, LF or other controls. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;
/** Headers the harness sets itself (the x-amz-* family too). */
const RESERVED_HEADERS = new Set(['host', 'authorization', 'content-length', 'transfer-encoding', 'connection']);
/** Headers a gRPC request sets (gRPC over HTTP/2: "Request-Headers"). */
const GRPC_HEADERS = { 'content-type': 'application/grpc', te: 'trailers' };

/** A gRPC method name, or the base's; the request is then a POST to `/<method>`. */
function resolveGrpc(raw: RequestConfig, field: string, f: Fields, base?: ResolvedRequest): string | undefined {
  if (raw.grpc === undefined) return base?.grpc;
  const grpc = f.string(raw.grpc, `${field}.grpc`);
  if (!GRPC_METHOD.test(grpc)) f.fail(`${field}.grpc`, `must be "package.Service/Method", got ${JSON.stringify(grpc)}`);
  return grpc;
}

/** Validates a request block and merges it over `base` (a call's request over its scenario's). */
export function resolveRequest(value: unknown, field: string, f: Fields, base?: ResolvedRequest): ResolvedRequest {
  const raw = (value === undefined ? {} : f.object(value, field)) as RequestConfig & Record<string, unknown>;
  f.known(raw, field, ['method', 'path', 'headers', 'query', 'body', 'grpc']);
  const grpc = resolveGrpc(raw, field, f, base);
  if (grpc !== undefined) {
    if (raw.method !== undefined && String(raw.method).toUpperCase() !== 'POST')
      f.fail(`${field}.method`, `a gRPC request (grpc: "${grpc}") is a POST`);
    if (raw.path !== undefined)
      f.fail(`${field}.path`, `a gRPC request's path is its method ("/${grpc}"): give grpc or path, not both`);
  }
  const method =
    grpc !== undefined
      ? 'POST'
      : raw.method === undefined
        ? (base?.method ?? 'POST')
        : f.oneOf(typeof raw.method === 'string' ? raw.method.toUpperCase() : raw.method, `${field}.method`, METHODS);
  const path =
    grpc !== undefined
      ? `/${grpc}`
      : raw.path === undefined
        ? (base?.path ?? '/')
        : f.string(raw.path, `${field}.path`);
  if (!path.startsWith('/')) f.fail(`${field}.path`, `must start with "/", got ${JSON.stringify(path)}`);
  if (path.includes('?')) f.fail(`${field}.path`, 'must not contain a query string: use "query"');
  const query: Record<string, string[]> = { ...(base?.query ?? {}) };
  if (raw.query !== undefined) {
    for (const [k, v] of Object.entries(f.object(raw.query, `${field}.query`))) {
      const values = Array.isArray(v) ? v : [v];
      query[k] = values.map((item, i) =>
        typeof item === 'string'
          ? item
          : f.fail(`${field}.query.${k}${Array.isArray(v) ? `[${i}]` : ''}`, 'must be a string'),
      );
    }
  }
  const headers = { ...(base?.headers ?? {}) };
  for (const [k, v] of Object.entries(f.stringMap(raw.headers, `${field}.headers`))) {
    const name = k.toLowerCase();
    if (!HEADER_NAME.test(name)) f.fail(`${field}.headers.${k}`, 'is not a valid HTTP header name');
    if (RESERVED_HEADERS.has(name) || name.startsWith('x-amz-'))
      f.fail(`${field}.headers.${k}`, 'is set by the harness (host, signing and length headers cannot be given)');
    if (!HEADER_VALUE.test(v)) f.fail(`${field}.headers.${k}`, 'holds a line break or another control character');
    if (grpc !== undefined && name in GRPC_HEADERS)
      f.fail(`${field}.headers.${k}`, `is set by grpc (a gRPC request sends ${name}: ${GRPC_HEADERS[name as 'te']})`);
    headers[name] = v;
  }
  if (grpc !== undefined) Object.assign(headers, GRPC_HEADERS);
  const body =
    raw.body === undefined
      ? base?.body
      : typeof raw.body === 'string'
        ? raw.body
        : f.fail(`${field}.body`, 'must be a string');
  return { method, path, headers, query, body, ...(grpc !== undefined ? { grpc } : {}) };
}
