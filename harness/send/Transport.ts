import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { createHttp2Sessions, type Http2Sessions } from './Http2Sessions';

/**
 * What every connection of a run shares: one TLS context (the trusted roots plus the extra CA,
 * built once: building it is most of a connection's CPU) and one agent per protocol and source
 * address. Agents keep connections alive, as SDK clients do: a new connection (and TLS handshake)
 * per call costs more CPU than the rest of the call. An idle connection is closed by the runner
 * after `IDLE_CLOSE_MS`, sooner than servers close theirs (Node's 5 s, load balancers' 60 s), so a
 * connection the far end closed while idle practically never turns into a reset; if one does, it
 * is reported as the reset it is (a transient failure, retried, and the call flaky), never hidden.
 * TLS sessions are resumed (the agent's session cache). HTTP/2 sessions follow the same rules: one
 * per origin and source address, over the same TLS context, closed after `IDLE_CLOSE_MS` with no
 * stream open.
 */
export interface Transport {
  /** The TLS context of every HTTPS connection. */
  readonly secureContext: SecureContext;
  /** The agent for a protocol and source address (the default route when absent). */
  agentFor(secure: boolean, localAddress?: string): HttpAgent;
  /** The HTTP/2 sessions (TLS with ALPN `h2`), one per origin and source address. */
  readonly http2: Http2Sessions;
}

/** How long a kept-alive connection may sit idle before the runner closes it. */
export const IDLE_CLOSE_MS = 1_000;

/**
 * A TLS context that trusts Node's default roots (its bundled store and `NODE_EXTRA_CA_CERTS`, as
 * the AWS SDK's connections do) and `ca`. The `ca` option replaces the roots, so they would have to be
 * given again, parsed from PEM each time (some 40 ms of CPU for every context: every local world has a CA of its
 * own); the native context adds `ca` to a copy of the already parsed roots instead.
 */
function trustingRootsAnd(ca?: string | Buffer): SecureContext {
  if (!ca) return createSecureContext();
  const context = createSecureContext() as SecureContext & { context?: { addCACert?: (pem: string) => void } };
  if (typeof context.context?.addCACert !== 'function')
    return createSecureContext({ ca: [...rootCertificates, ca.toString()] });
  context.context.addCACert(ca.toString());
  return context;
}

/**
 * Builds a transport that trusts the system roots and `ca` (PEM, added to the roots, not instead of them).
 * `idleCloseMs` (default `IDLE_CLOSE_MS`) is for tests of the idle close.
 */
export function createTransport(ca?: string | Buffer, idleCloseMs = IDLE_CLOSE_MS): Transport {
  const secureContext = trustingRootsAnd(ca);
  const agents = new Map<string, HttpAgent>();
  return {
    secureContext,
    http2: createHttp2Sessions(secureContext, idleCloseMs),
    agentFor(secure, localAddress) {
      const key = `${secure ? 'https' : 'http'} ${localAddress ?? ''}`;
      let agent = agents.get(key);
      if (!agent) {
        // `timeout` closes a connection idle in the pool; a request in flight is bounded by exchange's own timer.
        const options = { keepAlive: true, timeout: idleCloseMs, localAddress };
        agent = secure ? new HttpsAgent(options) : new HttpAgent(options);
        agents.set(key, agent);
      }
      return agent;
    },
  };
}

/** Transports by extra CA text; a run uses one or two, so a handful are kept. */
const shared = new Map<string, Transport>();
const MAX_SHARED = 8;

/** The process's transport for an extra CA (or none): built on first use, then reused. */
export function transportFor(ca?: string | Buffer): Transport {
  const key = ca?.toString() ?? '';
  let transport = shared.get(key);
  if (!transport) {
    if (shared.size >= MAX_SHARED) shared.delete(shared.keys().next().value as string);
    transport = createTransport(ca);
    shared.set(key, transport);
  }
  return transport;
}
