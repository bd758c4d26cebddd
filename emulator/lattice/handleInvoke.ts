import { authorizeInvoke, type InvokeAuthInput } from '../../policy';
import { verifyRequest } from '../sigv4';
import { headerValue, plainText, type IncomingCall, type Reply } from '../http/types';
import type { Faults } from '../faults/Faults';
import type { ResolvedService, World } from '../world/World';
import { forwardToTarget } from './forwardToTarget';
import { callerOfKey } from '../world/callerOfKey';
import { headerMap, parseTarget } from './parseTarget';

export interface InvokeOptions {
  /** Set on a service's own listener: requests whose Host names no service domain go to this service. */
  service?: ResolvedService;
  faults?: Faults;
}

/**
 * The Lattice data plane for one request: reachability from the source VPC, signature, auth
 * policies of the network and the service, then the target. Unreachable services get no answer.
 * Faults, when set: latency first, then a dropped connection, and a 503 in place of an allowed
 * request's target answer.
 */
export async function handleInvoke(call: IncomingCall, world: World, options: InvokeOptions = {}): Promise<Reply> {
  const { faults } = options;
  await faults?.delay('lattice');
  if (faults?.take('dropConnections')) {
    world.stats.dropped++;
    return { drop: true };
  }
  const vpc = world.vpcByAddress(call.remoteAddress);
  // Routed by Host, as Lattice routes; a service's own listener serves its service to any other Host.
  const service = world.serviceByHost(headerValue(call.rawHeaders, 'host') ?? '') ?? options.service;
  // The listener port: a service's own listener's, else the shared data plane stands for Lattice's 80/443.
  const port = options.service ? call.localPort : call.secure ? 443 : 80;
  // An unknown name does not resolve and an unassociated VPC has no route: no HTTP answer at all.
  if (!service) return { drop: true };
  const network = world.networkFor(service, vpc);
  if (!network) return { drop: true };
  world.stats.invokes++;
  world.stats.invokesByService.set(service.spec.name, (world.stats.invokesByService.get(service.spec.name) ?? 0) + 1);

  const serviceAuth = world.authOf(service.arn);
  const networkAuth = world.authOf(network.arn);
  const served = parseTarget(call.target);
  if ('error' in served) return plainText(400, `BadRequestException: Malformed request: ${served.error}`);
  const { path, query } = served;
  const sourceVpcArn = world.vpcArn(vpc);
  let caller: InvokeAuthInput['caller'] = { kind: 'anonymous' };
  let sessionName: string | undefined;

  if (serviceAuth.authType === 'AWS_IAM' || networkAuth.authType === 'AWS_IAM') {
    const verified = verifyRequest(
      { method: call.method, target: call.target, rawHeaders: call.rawHeaders },
      { service: 'vpc-lattice-svcs', region: world.spec.region, now: world.clock.now(), payload: 'unsigned-required', lookupKey: (id) => world.key(id) },
    );
    if (verified.kind === 'rejected') return plainText(403, `${verified.code}: ${verified.message}`);
    if (verified.kind === 'verified') {
      const owner = world.key(verified.accessKeyId)!.owner;
      caller = callerOfKey(owner, world);
      if (owner.kind === 'session') sessionName = owner.sessionName;
    }
    const org = world.organizationOf(vpc.account);
    const decision = authorizeInvoke({
      caller,
      request: {
        method: call.method,
        path,
        port,
        headers: headerMap(call.rawHeaders),
        query,
        sourceIp: call.remoteAddress,
        secureTransport: call.secure,
        time: world.clock.now(),
      },
      service: { arn: service.arn, authType: serviceAuth.authType, policy: serviceAuth.policy, tags: service.spec.tags },
      network: { arn: network.arn, authType: networkAuth.authType, policy: networkAuth.policy },
      sourceVpc: { arn: sourceVpcArn, id: vpc.id, ownerAccount: vpc.account, ownerOrgId: org?.orgId },
      sourceOrgIdMode: world.spec.sourceOrgIdMode,
    });
    if (!decision.allowed) return plainText(403, decision.message);
  }
  const identity = caller.kind === 'iam'
    ? { type: 'AWS_IAM' as const, principal: caller.arn, orgId: caller.orgId, sessionName }
    : { type: 'Anonymous' as const };
  if (faults?.take('targetErrors')) {
    world.stats.targetErrors++;
    return plainText(503, 'Service Unavailable');
  }
  return forwardToTarget(call, { service, network, sourceVpcArn, identity, target: served.forwarded, port });
}
