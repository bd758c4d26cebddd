import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

/**
 * What every connection of a run shares: one TLS context (the trusted roots plus the extra CA,
 * built once: building it is most of a connection's CPU) and one agent per protocol and source
 * address. Agents do not keep connections alive: each call opens its own connection, as a fresh
 * client would, so a connection the far end closed while idle can never turn into a reset that
 * looks like a transient failure. TLS sessions are resumed (the agent's session cache).
 */
export interface Transport {
  /** The TLS context of every HTTPS connection. */
  readonly secureContext: SecureContext;
  /** The agent for a protocol and source address (the default route when absent). */
  agentFor(secure: boolean, localAddress?: string): HttpAgent;
}

/** Builds a transport that trusts the system roots and `ca` (PEM, added to the roots, not instead of them). */
export function createTransport(ca?: string | Buffer): Transport {
  const secureContext = createSecureContext({ ca: ca ? [...rootCertificates, ca.toString()] : [...rootCertificates] });
  const agents = new Map<string, HttpAgent>();
  return {
    secureContext,
    agentFor(secure, localAddress) {
      const key = `${secure ? 'https' : 'http'} ${localAddress ?? ''}`;
      let agent = agents.get(key);
      if (!agent) {
        const options = { keepAlive: false, localAddress };
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
