import { decideInvoke, invokeNeedsAuth, routeInvoke, serviceByHost, type CompiledService } from '../../world';
import { verifyRequest } from '../sigv4';
import { headerValue, plainText, type IncomingCall, type Reply } from '../http/types';
import type { Faults } from '../faults/Faults';
import type { World } from '../world/World';
import { forwardToTarget } from './forwardToTarget';
import { headerMap, readServedTarget } from '../../world/readServedTarget';

export interface InvokeOptions {
  /** The listener this server stands for: Lattice's protocol and port (not the loopback port). */
  listener: { protocol: 'HTTP' | 'HTTPS'; port: number };
  /** Set on a service's own listener: requests whose Host names no service go to this service. */
  service?: CompiledService;
  faults?: Faults;
}

/**
 * The Lattice data plane for one request: the route (service by Host, listener, the source VPC's
 * association), the signature, then the world's decision, then the target. Unreachable services
 * get no answer. Faults, when set: latency first, then a dropped connection, and a 503 in place
 * of an allowed request's target answer.
 */
export async function handleInvoke(call: IncomingCall, world: World, options: InvokeOptions): Promise<Reply> {
  const { faults } = options;
  const latency = faults?.delay('lattice');
  if (latency) await latency;
  if (faults?.take('dropConnections')) {
    world.stats.dropped++;
    return { drop: true };
  }
  const hostHeader = headerValue(call.rawHeaders, 'host') ?? '';
  // Routed by Host, as Lattice routes; a service's own listener serves its service to any other Host.
  const host = serviceByHost(world.model, hostHeader) || !options.service ? hostHeader : options.service.domain;
  const route = routeInvoke(world.model, { host, ...options.listener, sourceAddress: call.remoteAddress });
  // An unknown name does not resolve, a missing listener does not accept, an unassociated VPC has no route.
  if (route.kind === 'unreachable') return { drop: true };
  const { service, network, vpc } = route;
  world.stats.invokes++;
  world.stats.invokesByService.set(service.spec.name, (world.stats.invokesByService.get(service.spec.name) ?? 0) + 1);

  const auth = { service: world.authOf(service.arn), network: world.authOf(network.arn) };
  const served = readServedTarget(call.target);
  if ('error' in served) return plainText(400, `BadRequestException: Malformed request: ${served.error}`);
  let caller: Parameters<typeof decideInvoke>[1]['caller'] = { kind: 'anonymous' };
  let decided: ReturnType<typeof decideInvoke> | undefined;
  if (invokeNeedsAuth(auth)) {
    const verified = verifyRequest(
      { method: call.method, target: call.target, rawHeaders: call.rawHeaders },
      {
        service: 'vpc-lattice-svcs',
        region: world.spec.region,
        now: world.clock.now(),
        payload: 'unsigned-required',
        lookupKey: (id) => world.key(id),
      },
    );
    if (verified.kind === 'rejected') return plainText(403, `${verified.code}: ${verified.message}`);
    if (verified.kind === 'verified') caller = world.key(verified.accessKeyId)!.owner;
    decided = decideInvoke(world.model, {
      caller,
      route,
      method: call.method,
      path: served.path,
      headers: headerMap(call.rawHeaders),
      query: served.query,
      sourceIp: call.remoteAddress.replace(/^::ffff:/, ''),
      secure: call.secure,
      now: world.clock.now(),
      auth,
      sourceOrgIdMode: world.spec.sourceOrgIdMode,
    });
    if (!decided.result.allowed) return plainText(403, decided.result.message);
  }
  const iam = decided?.input.caller.kind === 'iam' ? decided.input.caller : undefined;
  const identity = iam
    ? {
        type: 'AWS_IAM' as const,
        principal: iam.arn,
        orgId: iam.orgId,
        sessionName: caller.kind === 'session' ? caller.sessionName : undefined,
      }
    : { type: 'Anonymous' as const };
  if (faults?.take('targetErrors')) {
    world.stats.targetErrors++;
    return plainText(503, 'Service Unavailable');
  }
  return forwardToTarget(call, {
    service,
    network,
    sourceVpcArn: world.vpcArn(vpc),
    identity,
    target: served.forwarded,
    port: route.listener.port,
  });
}
