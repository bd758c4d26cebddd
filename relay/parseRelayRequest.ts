import { RELAY_PROTOCOL } from './protocol';

/** A relay request that passed the shape checks, its URL taken apart as it will go on the wire. */
export interface ParsedRelayRequest {
  secure: boolean;
  /** The URL's host name, lowercased (an IPv6 literal keeps its brackets: it matches no allowed host). */
  host: string;
  /** The port to connect to (explicit, or 443/80). */
  port: number;
  /** The URL has user information (`user@host`): never sent, whatever the host. */
  userinfo: boolean;
  /** Path and query exactly as written in the URL (`/` when the URL has neither). */
  pathAndQuery: string;
  /** The raw query, without `?` (empty when none). */
  query: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  http2: boolean;
  timeoutMs: number;
}

export type ParseResult = { ok: true; request: ParsedRelayRequest } | { ok: false; message: string };

const FIELDS = new Set(['v', 'url', 'method', 'headers', 'body', 'http2', 'timeoutMs']);
/** RFC 9110 token: methods and header names. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A header value: visible ASCII, spaces, tabs and obs-text; never CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Path and query as a request line carries them: printable ASCII without spaces, no fragment. */
const PATH_AND_QUERY = /^[\x21-\x22\x24-\x7e]*$/;
/**
 * Base64 with its padding: the alphabet, at most two `=` at the end, a length that is a multiple of 4 (checked with
 * it). One pass: a pattern of 4-character groups backtracks per group and overflows the stack on a body of a few MiB.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** `scheme://authority rest`: the authority ends at the first `/`, `?` or `#`. */
const URL_PARTS = /^(https?):\/\/([^/?#]*)(.*)$/i;
const AUTHORITY = /^([^:@[\]]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that a payload is a relay request of this version, field by field, and takes its URL apart
 * without normalising it (the bytes signed are the bytes sent). Never throws.
 */
export function parseRelayRequest(payload: unknown): ParseResult {
  const fail = (message: string): ParseResult => ({ ok: false, message });
  if (!isRecord(payload)) return fail('the payload is not a JSON object');
  if (payload.v !== RELAY_PROTOCOL) return fail(`the payload's version (v) is not ${RELAY_PROTOCOL}`);
  const unknown = Object.keys(payload).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) return fail(`unknown field ${JSON.stringify(unknown)}`);
  const { url, method, headers, body, http2, timeoutMs } = payload;
  if (typeof url !== 'string') return fail('url: not a string');
  const parts = URL_PARTS.exec(url);
  if (!parts) return fail('url: not an http:// or https:// URL');
  const [, scheme, authority, rest] = parts as unknown as [string, string, string, string];
  // `user:password@` is never sent: the destination check refuses it, so only the part after `@` is parsed here.
  const userinfo = authority.includes('@');
  const hostPort = AUTHORITY.exec(authority.slice(authority.lastIndexOf('@') + 1));
  if (!hostPort) return fail('url: the host is missing or malformed');
  const secure = scheme.toLowerCase() === 'https';
  const port = hostPort[2] === undefined ? (secure ? 443 : 80) : Number(hostPort[2]);
  if (port < 1 || port > 65535) return fail('url: the port is out of range');
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?')) return fail('url: malformed path');
  if (!PATH_AND_QUERY.test(rest)) return fail('url: the path or query has a space, control character or fragment');
  const pathAndQuery = rest.startsWith('/') ? rest : `/${rest}`;
  const queryAt = pathAndQuery.indexOf('?');
  if (typeof method !== 'string' || !TOKEN.test(method)) return fail('method: not an HTTP method');
  if (!isRecord(headers)) return fail('headers: not an object');
  const names = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) return fail(`headers: ${JSON.stringify(name)} is not a header name`);
    // Node keeps one of two spellings of a name: what went out would not be what was signed.
    if (names.has(name.toLowerCase())) return fail(`headers: ${name} is given twice (in different cases)`);
    names.add(name.toLowerCase());
    if (typeof value !== 'string') return fail(`headers.${name}: not a string`);
    if (!HEADER_VALUE.test(value)) return fail(`headers.${name}: has a control character`);
  }
  if (body !== undefined && (typeof body !== 'string' || body.length % 4 !== 0 || !BASE64.test(body)))
    return fail('body: not base64');
  if (http2 !== undefined && typeof http2 !== 'boolean') return fail('http2: not a boolean');
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)
    return fail('timeoutMs: not a positive number');
  return {
    ok: true,
    request: {
      secure,
      host: hostPort[1]!.toLowerCase(),
      port,
      userinfo,
      pathAndQuery,
      query: queryAt < 0 ? '' : pathAndQuery.slice(queryAt + 1),
      method,
      headers: headers as Record<string, string>,
      body: body ? Buffer.from(body, 'base64') : undefined,
      http2: http2 === true,
      timeoutMs,
    },
  };
}
