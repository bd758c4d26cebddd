import {
  authorizeInvoke,
  type AuthType,
  type EvalRequest,
  type InvokeAuthInput,
  type InvokeAuthResult,
  type Policy,
  type SourceOrgIdMode,
} from '../policy';
import { vpcArnOf, type CompiledWorld } from './compileWorld';
import { principalOf, type SigningPrincipal } from './describePrincipal';
import { invokeResource } from './invokeResource';
import type { InvokeRoute } from './routeInvoke';
import { WorldMemo } from './WorldMemo';

/** The auth type and policy a layer enforces (the control plane may have changed them). */
export interface EnforcedAuth {
  authType: AuthType;
  policy?: Policy;
}

/** A routed Invoke: who signed it (or nobody), what it asks, and what the layers enforce. */
export interface InvokeRequest {
  caller: SigningPrincipal | { kind: 'anonymous' };
  route: Extract<InvokeRoute, { kind: 'routed' }>;
  method: string;
  /** Decoded, starting with '/', no query. */
  path: string;
  /** Lower-case names, values in wire order. */
  headers: Record<string, string[]>;
  query: Record<string, string[]>;
  sourceIp: string;
  secure: boolean;
  now: Date;
  auth: { service: EnforcedAuth; network: EnforcedAuth };
  sourceOrgIdMode: SourceOrgIdMode;
}

export interface InvokeDecision {
  input: InvokeAuthInput;
  result: InvokeAuthResult;
  /** The request the policies were asked about (principal, action, resource, context). */
  request: EvalRequest;
}

/** Whether an Invoke needs a signature at all: only when a layer on its way has auth type AWS_IAM. */
export function invokeNeedsAuth(auth: InvokeRequest['auth']): boolean {
  return auth.service.authType === 'AWS_IAM' || auth.network.authType === 'AWS_IAM';
}

/**
 * Decides an Invoke as Lattice does: the request context it carries (caller, request, service,
 * network, source VPC), then every layer's decision and the refusal text.
 */
export function decideInvoke(world: CompiledWorld, request: InvokeRequest): InvokeDecision {
  const { route } = request;
  const { service, network, vpc } = route;
  // The organizations, guardrails and caller are the world's, derived once per version of the world.
  const memo = WorldMemo.of(world);
  const vpcOrg = memo.organization(vpc.account);
  const serviceOrg = memo.organization(service.spec.account);
  const input: InvokeAuthInput = {
    caller: request.caller.kind === 'anonymous' ? { kind: 'anonymous' } : memo.invokeCaller(request.caller),
    request: {
      method: request.method,
      path: request.path,
      port: route.listener.port,
      headers: request.headers,
      query: request.query,
      sourceIp: request.sourceIp,
      secureTransport: request.secure,
      time: request.now,
      region: world.spec.region,
    },
    service: {
      arn: service.arn,
      ...request.auth.service,
      tags: service.spec.tags,
      ...rcpsOf(memo, service.spec.account),
      // The service owner's organization: aws:ResourceOrgID, aws:ResourceOrgPaths.
      ...(serviceOrg && { ownerOrgId: serviceOrg.orgId, ownerOrgPaths: serviceOrg.orgPaths }),
    },
    network: { arn: network.arn, ...request.auth.network, tags: network.spec.tags },
    sourceVpc: { arn: vpcArnOf(world.spec, vpc), id: vpc.id, ownerAccount: vpc.account, ownerOrgId: vpcOrg?.orgId },
    sourceOrgIdMode: request.sourceOrgIdMode,
  };
  const result = authorizeInvoke(input);
  return {
    input,
    result,
    request: {
      principal: input.caller.kind === 'iam' ? principalOf(input.caller) : { kind: 'anonymous' },
      action: 'vpc-lattice-svcs:Invoke',
      resource: invokeResource(service.arn, request.path),
      context: result.context,
    },
  };
}

/** The RCPs of the service owner's account (they apply only if RCPs cover vpc-lattice-svcs). */
function rcpsOf(
  memo: WorldMemo,
  account: string,
): Pick<InvokeAuthInput['service'], 'rcpLevels' | 'inManagementAccount'> {
  const rcps = memo.guardrailLevels(account, 'rcp');
  if (!rcps) return {};
  return { rcpLevels: rcps.levels, inManagementAccount: rcps.isManagementAccount };
}
