import type { RelayOptions } from '../../relay/handler';
import { listenersOf, type CompiledService, type WorldSpec } from '../../world';
import type { LocalFunction } from './LocalFunction';

export type { RelayOptions };

/** Builds a relay's handler from its options (`createRelay`): the body of a relay's Lambda function. */
export type RelayFactory = (options: RelayOptions) => (event: unknown) => Promise<unknown>;

export type RelayLimits = Pick<RelayOptions, 'maxRequestBytes' | 'maxAnswerBytes' | 'maxTimeoutMs'>;

/**
 * A relay's limits in the local world. An answer travels base64 in a JSON payload of at most 6 MB, so it is at most
 * 4 MiB; a request, 1 MiB (Lattice's own limit for a request body is larger, but nothing tested needs more).
 */
export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  maxRequestBytes: 1024 * 1024,
  maxAnswerBytes: 4 * 1024 * 1024,
  maxTimeoutMs: 60_000,
};

export interface RelayWorld {
  spec: WorldSpec;
  services: readonly CompiledService[];
  /** Where each listener answers, by `<PROTOCOL>:<port>`. */
  listeners: Readonly<Record<string, { address: string; port: number }>>;
  caCertPem: string;
}

/**
 * The local world's relays as Lambda functions: each one `createRelay` deployed for the world's service domains
 * and custom domains, resolving them to the local listeners and sending from its VPC's loopback address.
 */
export function createRelayFunctions(
  world: RelayWorld,
  factory: RelayFactory,
  limits: RelayLimits = DEFAULT_RELAY_LIMITS,
): Map<string, LocalFunction> {
  const byHost = new Map<string, CompiledService>();
  for (const s of world.services) {
    byHost.set(s.domain, s);
    if (s.spec.customDomainName) byHost.set(s.spec.customDomainName, s);
  }
  const connectTo = (host: string, port: number) => {
    const service = byHost.get(host.toLowerCase());
    const listener = service && listenersOf(service.spec).find((l) => l.port === port);
    const at = listener && world.listeners[`${listener.protocol}:${listener.port}`];
    return at ? { ...at } : undefined;
  };
  const functions = new Map<string, LocalFunction>();
  for (const relay of world.spec.relays ?? []) {
    const vpc = world.spec.vpcs.find((v) => v.id === relay.vpc)!;
    const handler = factory({
      ...limits,
      allowedHosts: [...byHost.keys()],
      connectTo,
      localAddress: vpc.address,
      ca: world.caCertPem,
    });
    functions.set(relay.arn, { arn: relay.arn, name: relay.functionName, account: relay.account, run: handler });
  }
  return functions;
}
