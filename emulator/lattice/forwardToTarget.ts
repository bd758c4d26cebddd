import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Answer, IncomingCall, Reply } from '../http/types';
import type { ResolvedNetwork, ResolvedService } from '../world/World';
import { upstreamAgents } from './upstreamAgents';

/** Headers Lattice sets for the target; copies sent by the caller are removed so they cannot be spoofed. */
const LATTICE_HEADERS = [
  'x-amzn-lattice-identity',
  'x-amzn-lattice-network',
  'x-amzn-lattice-target',
  'x-forwarded-for',
  'x-forwarded-port',
  'x-forwarded-proto',
];
/**
 * Hop-by-hop headers and Lattice's own are not passed on. The caller's other headers are, the
 * signing headers included: Lattice does not document stripping them. [guess]
 */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-length',
  ...LATTICE_HEADERS,
]);

export interface ForwardContext {
  service: ResolvedService;
  network: ResolvedNetwork;
  sourceVpcArn: string;
  /** The normalised, still-encoded path and query the request is served on. */
  target: string;
  /** The listener port the request reached (Lattice's, not the emulator's loopback port on the shared listener). */
  port: number;
  identity: { principal?: string; orgId?: string; sessionName?: string; type: 'AWS_IAM' | 'Anonymous' };
}

/**
 * The header list the target receives, flat (`[name, value, ...]`, as node:http takes it): the
 * caller's own (minus Lattice's names), in wire order, then Lattice's.
 */
export function targetHeaders(call: IncomingCall, ctx: ForwardContext): string[] {
  const raw = call.rawHeaders;
  const headers: string[] = [];
  for (let i = 0; i < raw.length; i += 2)
    if (!NOT_FORWARDED.has(raw[i].toLowerCase())) headers.push(raw[i], raw[i + 1]);
  headers.push(
    'x-amzn-lattice-identity',
    identityValue(ctx.identity),
    'x-amzn-lattice-network',
    `SourceVpcArn=${ctx.sourceVpcArn}`,
    'x-amzn-lattice-target',
    `ServiceArn=${ctx.service.arn}; ServiceNetworkArn=${ctx.network.arn}; ` +
      `TargetGroupArn=${ctx.service.targetGroupArn}`,
    'x-forwarded-for',
    call.remoteAddress,
    'x-forwarded-port',
    String(ctx.port),
    'x-forwarded-proto',
    call.secure ? 'https' : 'http',
  );
  return headers;
}

/** `x-amzn-lattice-identity`: the caller's fields that are set, `; `-separated, the type last. */
function identityValue(identity: ForwardContext['identity']): string {
  if (identity.type === 'Anonymous') return 'Type=Anonymous';
  let value = `Principal=${identity.principal}`;
  if (identity.orgId) value += `; PrincipalOrgID=${identity.orgId}`;
  if (identity.sessionName) value += `; SessionName=${identity.sessionName}`;
  return `${value}; Type=AWS_IAM`;
}

/** What the echo target received, by lower-case name (the last value of a repeated name), in first-seen order. */
function echoedHeaders(headers: string[]): Record<string, string> {
  // A null-prototype object: a header named `__proto__` is a key like any other, as Object.fromEntries makes it.
  const echoed: Record<string, string> = Object.create(null);
  for (let i = 0; i < headers.length; i += 2) echoed[headers[i]!.toLowerCase()] = headers[i + 1]!;
  return echoed;
}

/** Sends an allowed request on to the service's target and returns the target's answer. */
export async function forwardToTarget(call: IncomingCall, ctx: ForwardContext, signal?: AbortSignal): Promise<Reply> {
  const target = ctx.service.spec.target;
  switch (target.kind) {
    case 'fixed':
      return { status: target.status, headers: { 'content-type': 'text/plain' }, body: target.body };
    case 'echo': {
      const echoed = {
        method: call.method,
        target: ctx.target,
        headers: echoedHeaders(targetHeaders(call, ctx)),
        body: call.body.toString('utf8'),
        // Lattice passes the target no sign of the caller's HTTP version (the target group's protocol
        // version sets the target's); the local world's echo target reports it beside what it received.
        callerHttpVersion: call.httpVersion,
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echoed) };
    }
    case 'upstream':
      return sendUpstream(target.url, ctx.target, call, targetHeaders(call, ctx), signal);
  }
}

/** How long an upstream target may take to answer. */
const UPSTREAM_TIMEOUT_MS = 30_000;

/** The answer Lattice gives when the target does not answer. [guess] */
const targetUnavailable = (why: string): Answer => ({
  status: 503,
  headers: { 'content-type': 'text/plain' },
  body: `ServiceUnavailableException: The target did not answer (${why})`,
});

/**
 * Sends the request to an upstream target over node:http(s) with exactly the headers Lattice
 * passes on (fetch would add its own). The caller's `host` goes through unchanged, as a load
 * balancer passes it.
 */
function sendUpstream(
  base: string,
  target: string,
  call: IncomingCall,
  headers: string[],
  signal?: AbortSignal,
): Promise<Answer> {
  // The upstream's origin and base path, then the served path: never resolved against the request,
  // so no request-target can choose another host.
  const url = new URL(`${upstreamPrefix(base)}${target}`);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  if (!hasHost(headers)) headers.push('host', url.host);
  if (call.body.length > 0 || (call.method !== 'GET' && call.method !== 'HEAD'))
    headers.push('content-length', String(call.body.length));
  const attempt = (agent: typeof upstreamAgents.http | false): Promise<Answer> =>
    new Promise((resolve) => {
      const req = send(url, { method: call.method, headers, signal, timeout: UPSTREAM_TIMEOUT_MS, agent });
      let answered = false;
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the target closed as it was reused: sent again once, on a new one.
        if (agent && !answered && req.reusedSocket && isStaleConnection(error.code)) resolve(attempt(false));
        else resolve(targetUnavailable(error.code ?? error.message));
      });
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => resolve(targetUnavailable(error.code ?? error.message)));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: { 'content-type': String(res.headers['content-type'] ?? 'application/octet-stream') },
            body: Buffer.concat(chunks),
          }),
        );
      });
      req.end(call.body);
    });
  return attempt(url.protocol === 'https:' ? upstreamAgents.https : upstreamAgents.http);
}

/** Upstream bases the world's targets name (a handful), parsed once: origin and path, without the trailing slash. */
const MAX_PREFIXES = 256;
const prefixes = new Map<string, string>();

function upstreamPrefix(base: string): string {
  let prefix = prefixes.get(base);
  if (prefix === undefined) {
    const upstream = new URL(base);
    prefix = `${upstream.origin}${upstream.pathname.replace(/\/+$/, '')}`;
    if (prefixes.size >= MAX_PREFIXES) prefixes.clear();
    prefixes.set(base, prefix);
  }
  return prefix;
}

function hasHost(headers: string[]): boolean {
  for (let i = 0; i < headers.length; i += 2) if (headers[i]!.toLowerCase() === 'host') return true;
  return false;
}

/** Errors of a kept-alive connection closed by the target before the request reached it. */
const isStaleConnection = (code: string | undefined): boolean => code === 'ECONNRESET' || code === 'EPIPE';
