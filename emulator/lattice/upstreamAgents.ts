import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * How long a connection to a target may stay idle before it is closed: under Node's default
 * server keep-alive timeout (5 s), so that a target does not close a connection as it is reused.
 */
const IDLE_MS = 1_000;

/**
 * Connections to upstream targets, kept alive between forwarded requests as Lattice keeps its own
 * to a target group. Node's agents pool them per target (host, port and, for HTTPS, the TLS
 * options), so one agent per protocol serves every (target, service) pair; idle connections hold
 * no process open (the agent unrefs them) and close after IDLE_MS.
 */
export const upstreamAgents = {
  http: new HttpAgent({ keepAlive: true, timeout: IDLE_MS }),
  https: new HttpsAgent({ keepAlive: true, timeout: IDLE_MS }),
};
