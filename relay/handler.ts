import { exchange } from '../harness/send/exchange';
import { exchangeHttp2 } from '../harness/send/exchangeHttp2';
import { createTransport } from '../harness/send/Transport';
import { findSignature } from './findSignature';
import { isAllowedHost } from './isAllowedHost';
import { type ParsedRelayRequest, parseRelayRequest } from './parseRelayRequest';
import { RELAY_PROTOCOL, type RelayAnswer, type RelayRefusal } from './protocol';

export interface RelayOptions {
  /** Host names it may send to: service domains and custom domains it was deployed for. An entry
   *  `*.suffix` allows any one label in front of `.suffix` (e.g. `*.7d67968.vpc-lattice-svcs.us-east-1.on.aws`). */
  allowedHosts: string[];
  /** Body bytes, decoded. */
  maxRequestBytes: number;
  /** Answer body bytes; larger => refused 'answer-too-large' (never truncated). */
  maxAnswerBytes: number;
  /** Caps the request's timeoutMs. */
  maxTimeoutMs: number;
  /** Local world only: where to connect for a host and port (its resolver), the address to send
   *  from (the VPC's loopback address), extra CA PEM to trust besides the system roots. */
  connectTo?: (host: string, port: number) => { address: string; port: number } | undefined;
  localAddress?: string;
  ca?: string;
  /** Why this relay may send nowhere (a deployment mistake, e.g. a missing setting): every call is
   *  refused 'destination-not-allowed' with this message. */
  unusable?: string;
}

const refused = (reason: RelayRefusal, message: string): RelayAnswer => ({
  v: RELAY_PROTOCOL,
  kind: 'refused',
  reason,
  message,
});

/** The `host` header must name the URL's host: Lattice routes by it, so it is the destination too. */
function hostHeaderMatches(request: ParsedRelayRequest): boolean {
  const values = Object.entries(request.headers).filter(([name]) => name.toLowerCase() === 'host');
  if (values.length === 0) return true;
  const value = values[0]![1].toLowerCase();
  return value === request.host || value === `${request.host}:${request.port}`;
}

/**
 * A relay: takes a signed request (a `RelayRequest` payload), checks it, sends its exact bytes and
 * hands back the answer, or why it would not or could not. The function never throws, and writes
 * nothing to the console or the log: headers and bodies carry signatures and tokens.
 *
 * Checks, in order: the payload (`bad-request`), the destination (`destination-not-allowed`), the
 * signature's presence (`unsigned`), the body's size (`request-too-large`); then the answer's size
 * (`answer-too-large`: never truncated).
 */
export function createRelay(options: RelayOptions): (event: unknown) => Promise<RelayAnswer> {
  // One transport per relay, reused across invocations as a warm Lambda keeps its connections.
  const transport = createTransport(options.ca);

  async function relay(event: unknown): Promise<RelayAnswer> {
    if (options.unusable !== undefined) return refused('destination-not-allowed', options.unusable);
    const parsed = parseRelayRequest(event);
    if (!parsed.ok) return refused('bad-request', parsed.message);
    const request = parsed.request;
    if (request.userinfo)
      return refused('destination-not-allowed', 'the URL has user information (user@host): never sent');
    if (!isAllowedHost(request.host, options.allowedHosts))
      return refused('destination-not-allowed', `${request.host} is not a host this relay was deployed for`);
    if (!hostHeaderMatches(request))
      return refused('destination-not-allowed', `the host header does not name the URL's host ${request.host}`);
    if (findSignature(request.headers, request.query) === undefined)
      return refused('unsigned', 'the request carries no SigV4 or SigV4A signature (authorization header or query)');
    const size = request.body?.length ?? 0;
    if (size > options.maxRequestBytes)
      return refused(
        'request-too-large',
        `the body is ${size} bytes; this relay sends ${options.maxRequestBytes} at most`,
      );
    const connect = options.connectTo?.(request.host, request.port);
    // HTTP/2 by ALPN over the same transport (a server that does not offer h2 is no answer, never a downgrade).
    const send = request.http2 ? exchangeHttp2 : exchange;
    const result = await send(
      {
        secure: request.secure,
        hostname: request.host,
        connectHost: connect?.address ?? request.host,
        port: connect?.port ?? request.port,
        method: request.method,
        path: request.pathAndQuery,
        headers: request.headers,
        body: request.body,
      },
      {
        transport,
        timeoutMs: Math.min(request.timeoutMs, options.maxTimeoutMs),
        maxBodyBytes: options.maxAnswerBytes,
        localAddress: options.localAddress,
      },
    );
    if (result.kind === 'no-response') return { v: RELAY_PROTOCOL, ...result };
    if (result.truncated)
      return refused(
        'answer-too-large',
        `the answer's body is over ${options.maxAnswerBytes} bytes, this relay's limit`,
      );
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(result.headers)) if (value !== undefined) headers[name] = value;
    return {
      v: RELAY_PROTOCOL,
      kind: 'response',
      status: result.status,
      headers,
      body: result.body.toString('base64'),
    };
  }

  return async (event) => {
    try {
      return await relay(event);
    } catch (error) {
      // A bug, not the caller's doing: no answer, named by the error's kind only (its text could quote a header).
      const name = error instanceof Error ? error.name : typeof error;
      return { v: RELAY_PROTOCOL, kind: 'no-response', code: 'ERELAY', message: `the relay failed (${name})` };
    }
  };
}
