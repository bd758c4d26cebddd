import type { CompiledNetwork, CompiledService, CompiledWorld } from './compileWorld';
import { listenersOf, type ListenerSpec, type VpcSpec, type WorldSpec } from './types';

/** Where a request arrives: the host it names, the listener (protocol and port) it reached, where it comes from. */
export interface InvokeArrival {
  host: string;
  protocol: 'HTTP' | 'HTTPS';
  port: number;
  sourceAddress: string;
}

export type InvokeRoute =
  | {
      kind: 'routed';
      service: CompiledService;
      network: CompiledNetwork;
      vpc: VpcSpec;
      vpcMatchedBy: 'address' | 'runner-vpc';
      listener: ListenerSpec;
    }
  | {
      kind: 'unreachable';
      /** No service has the name; the service has no listener there; the source VPC reaches no network holding it. */
      code: 'UNKNOWN_HOST' | 'NO_LISTENER' | 'NOT_ASSOCIATED';
      message: string;
      vpc: VpcSpec;
      vpcMatchedBy: 'address' | 'runner-vpc';
      service?: CompiledService;
    };

/** The VPC a request comes from: the one owning its source address, else the runner's VPC. */
export function sourceVpcOf(spec: WorldSpec, address: string): { vpc: VpcSpec; matchedBy: 'address' | 'runner-vpc' } {
  const plain = address.replace(/^::ffff:/, '');
  const vpc = spec.vpcs.find((v) => v.address === plain);
  if (vpc) return { vpc, matchedBy: 'address' };
  const runnerVpc = spec.vpcs.find((v) => v.id === spec.runnerVpc);
  if (!runnerVpc) throw new Error(`world has no VPC ${spec.runnerVpc} (its runnerVpc)`);
  return { vpc: runnerVpc, matchedBy: 'runner-vpc' };
}

/** The service a host name names: its Lattice-generated domain or its custom domain name. */
export function serviceByHost(world: CompiledWorld, host: string): CompiledService | undefined {
  const name = host.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  return world.services.find((s) => s.domain === name || s.spec.customDomainName === name);
}

/**
 * Lattice's reachability rule: a service answers a VPC only through a service network that holds
 * the service and is associated with the VPC, and only on a listener it has. From anywhere else
 * there is no HTTP answer at all.
 */
export function routeInvoke(world: CompiledWorld, arrival: InvokeArrival): InvokeRoute {
  const { vpc, matchedBy } = sourceVpcOf(world.spec, arrival.sourceAddress);
  const unreachable = (
    code: Extract<InvokeRoute, { kind: 'unreachable' }>['code'],
    message: string,
    service?: CompiledService,
  ): InvokeRoute => ({
    kind: 'unreachable',
    code,
    message,
    vpc,
    vpcMatchedBy: matchedBy,
    ...(service && { service }),
  });
  const service = serviceByHost(world, arrival.host);
  if (!service) return unreachable('UNKNOWN_HOST', `${arrival.host} does not resolve to a service of the world`);
  const listener = listenersOf(service.spec).find((l) => l.protocol === arrival.protocol && l.port === arrival.port);
  if (!listener) {
    const has = listenersOf(service.spec)
      .map((l) => `${l.protocol}:${l.port}`)
      .join(', ');
    return unreachable(
      'NO_LISTENER',
      `service ${service.spec.name} has no ${arrival.protocol} listener on ` +
        `port ${arrival.port} (its listeners: ${has})`,
      service,
    );
  }
  const network = world.networks.find(
    (n) => service.spec.serviceNetworks.includes(n.spec.id) && n.spec.vpcAssociations.includes(vpc.id),
  );
  if (!network) {
    const networks = service.spec.serviceNetworks.join(', ') || 'none';
    return unreachable(
      'NOT_ASSOCIATED',
      `service ${service.spec.name} is not reachable from ${vpc.id}: the VPC ` +
        `is associated with no service network that holds it (its networks: ` +
        `${networks})`,
      service,
    );
  }
  return { kind: 'routed', service, network, vpc, vpcMatchedBy: matchedBy, listener };
}
