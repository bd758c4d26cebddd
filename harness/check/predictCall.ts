import { authorizeInvoke, type EvalRequest, type InvokeAuthInput, type LayerExplanation, type SourceOrgIdMode } from '../../policy';
import { assumedRoleArn, vpcArn } from '../../emulator/world/arns';
import type { VpcSpec, WorldSpec } from '../../emulator/world/types';
import type { PlannedCall } from '../resolve/types';
import { compileWorldOnce, networkSubject, organizationOf, roleSubject, serviceSubject, type CompiledRole, type WorldPolicy } from './compileWorld';
import { describeSourceOrgId } from './describeSourceOrgId';
import { predictAssumeRole } from './predictAssumeRole';
import { reportStatements, statementSources } from './reportStatements';
import { resolveWireRequest, type WireRequest } from './resolveWireRequest';
import type { Explanation, LayerReport, PredictedCall, Prediction } from './types';

/** A policy value of the spec (by identity) → the policies-as-code file it was read from. */
export type PolicyFiles = ReadonlyMap<unknown, string>;

export interface PredictOptions {
  /** When the request is sent: aws:CurrentTime, aws:EpochTime, x-amz-date. Default: now. */
  now?: Date;
  /** The source address of a caller without `localAddress` (where the runner sends from). Default 127.0.0.1. */
  sourceAddress?: string;
  /** Overrides the world's `sourceOrgIdMode`: what each reading of aws:SourceOrgID would give. */
  sourceOrgIdMode?: SourceOrgIdMode;
  /** For explanations: which file each policy came from. */
  policyFiles?: PolicyFiles;
}

const INVOKE = 'vpc-lattice-svcs:Invoke';

/** The VPC a request comes from: the one owning the caller's source address, else the runner's VPC. */
function resolveSourceVpc(spec: WorldSpec, address: string): { vpc: VpcSpec; matchedBy: 'address' | 'runner-vpc' } {
  const plain = address.replace(/^::ffff:/, '');
  const vpc = spec.vpcs.find((v) => v.address === plain);
  if (vpc) return { vpc, matchedBy: 'address' };
  const runnerVpc = spec.vpcs.find((v) => v.id === spec.runnerVpc);
  if (!runnerVpc) throw new Error(`world has no VPC ${spec.runnerVpc} (its runnerVpc)`);
  return { vpc: runnerVpc, matchedBy: 'runner-vpc' };
}

/**
 * Predicts a planned call against a world, offline: the caller's role session (as the local
 * world's STS would issue it), the route (service by host name, network by the source VPC's
 * association), then Lattice's authorization with the same input the local world builds, and
 * the explanation of each layer from the engine's traces.
 */
export function predictCall(call: PlannedCall, world: WorldSpec, options: PredictOptions = {}): PredictedCall {
  const compiled = compileWorldOnce(world);
  const now = options.now ?? new Date();
  const sourceOrgIdMode = options.sourceOrgIdMode ?? world.sourceOrgIdMode;
  const wire = resolveWireRequest(call, { now, region: world.region, sourceAddress: options.sourceAddress ?? '127.0.0.1' });
  const { vpc, matchedBy } = resolveSourceVpc(world, wire.sourceIp);
  const vpcOrg = organizationOf(world, vpc.account);
  const caller = call.caller;
  const explanation: Explanation = {
    caller: { name: caller.name, principal: 'anonymous' },
    sourceVpc: { id: vpc.id, account: vpc.account, ...(vpcOrg && { orgId: vpcOrg.orgId }), address: wire.sourceIp, matchedBy },
    service: undefined,
    network: undefined,
    sourceOrgIdMode,
    layers: [],
    notes: [],
  };
  const done = (prediction: Prediction): PredictedCall => ({ prediction, explanation });

  let role: CompiledRole | undefined;
  if (caller.kind === 'role') {
    const assumed = predictAssumeRole(caller, compiled, now);
    if (assumed.kind === 'refused') {
      if (assumed.report) explanation.credentials = assumed.report;
      explanation.notes.push(`STS refuses the caller's role ${caller.roleArn}: no request is sent`);
      return done(assumed.prediction);
    }
    role = assumed.role;
    const org = organizationOf(world, role.spec.account);
    explanation.caller = {
      name: caller.name,
      principal: assumedRoleArn(role.spec.account, role.spec.name, caller.sessionName),
      account: role.spec.account,
      ...(org && { orgId: org.orgId }),
    };
  }

  const host = call.service.url.hostname.toLowerCase();
  const service = compiled.services.find((s) => s.domain === host);
  if (!service) {
    explanation.notes.push(`no service of the world has the host name ${host}`);
    return done({ kind: 'unreachable', code: 'UNKNOWN_HOST', message: `${host} does not resolve to a service of the world` });
  }
  explanation.service = { name: service.spec.name, arn: service.arn };
  const network = compiled.networks.find((n) => service.spec.serviceNetworks.includes(n.spec.id) && n.spec.vpcAssociations.includes(vpc.id));
  if (!network) {
    const networks = service.spec.serviceNetworks.join(', ') || 'none';
    explanation.notes.push(`${vpc.id} is associated with no service network that holds service ${service.spec.name} (its networks: ${networks})`);
    return done({ kind: 'unreachable', code: 'NOT_ASSOCIATED', message: `service ${service.spec.name} is not reachable from ${vpc.id}: no answer` });
  }
  explanation.network = { name: network.spec.name, arn: network.arn };

  const input: InvokeAuthInput = {
    caller: role && caller.kind === 'role' ? invokeCaller(role, caller.sessionName, caller.sessionTags, world) : { kind: 'anonymous' },
    request: { method: wire.method, path: wire.path, port: wire.port, headers: wire.headers, query: wire.query, sourceIp: wire.sourceIp, secureTransport: wire.secure, time: now },
    service: { arn: service.arn, authType: service.spec.authType, policy: service.policy?.policy, tags: service.spec.tags },
    network: { arn: network.arn, authType: network.spec.authType, policy: network.policy?.policy },
    sourceVpc: { arn: vpcArn(world.region, vpc.account, vpc.id), id: vpc.id, ownerAccount: vpc.account, ownerOrgId: vpcOrg?.orgId },
    sourceOrgIdMode,
  };
  const result = authorizeInvoke(input);
  const request: EvalRequest = {
    principal: input.caller.kind === 'iam' ? { kind: 'aws', arn: input.caller.arn, account: input.caller.account, roleArn: input.caller.roleArn } : { kind: 'anonymous' },
    action: INVOKE,
    resource: `${service.arn}/${wire.path.replace(/^\//, '')}`,
    context: result.context,
  };
  const noteFor = conditionNotes(input, wire);
  const policiesOf = {
    network: network.policy ? [network.policy] : [],
    service: service.policy ? [service.policy] : [],
    identity: role?.identityPolicies ?? [],
  };
  const subjects = {
    network: networkSubject(network.spec),
    service: serviceSubject(service.spec),
    identity: role ? roleSubject(role.spec) : 'anonymous caller',
  };
  explanation.layers = result.explanation.map((e) => reportLayer(e, subjects[e.layer], policiesOf[e.layer], request, noteFor, options.policyFiles));
  if (!result.allowed) {
    return done({ kind: 'denied', layer: result.layer, explicit: result.explicit, principal: explanation.caller.principal, resource: request.resource!, message: result.message });
  }
  const target = service.spec.target;
  if (target.kind === 'fixed') return done({ kind: 'allowed', status: target.status, body: target.body });
  explanation.notes.push(target.kind === 'echo' ? "the echo target's body repeats the request as sent: not predicted" : `the upstream target ${target.url} answers for itself: not predicted`);
  return done(target.kind === 'echo' ? { kind: 'allowed', status: 200 } : { kind: 'allowed' });
}

/** The caller of an Invoke as the local world describes an assumed-role session. */
function invokeCaller(role: CompiledRole, sessionName: string, sessionTags: Record<string, string>, world: WorldSpec): InvokeAuthInput['caller'] {
  const org = organizationOf(world, role.spec.account);
  return {
    kind: 'iam',
    arn: assumedRoleArn(role.spec.account, role.spec.name, sessionName),
    roleArn: role.arn,
    account: role.spec.account,
    userId: `AROA<role id of ${role.spec.name}>:${sessionName}`,
    orgId: org?.orgId,
    orgPaths: org?.orgPaths,
    principalTags: { ...(role.spec.tags ?? {}), ...sessionTags },
    identityPolicies: role.identityPolicies.map((p) => p.policy),
  };
}

/** Notes on request values whose origin is not obvious from the request itself. */
function conditionNotes(input: InvokeAuthInput, wire: WireRequest): (key: string) => string | undefined {
  const runTimeOnly = new Set(wire.runTimeOnly.map((h) => `vpc-lattice-svcs:requestheader/${h}`));
  return (key) => {
    const lower = key.toLowerCase();
    if (lower === 'aws:sourceorgid') return describeSourceOrgId(input);
    if (lower === 'aws:userid' && input.caller.kind === 'iam') return "the role's unique ID is made when the role is created: not known offline";
    if (runTimeOnly.has(lower)) return 'known only once the request is signed: a placeholder here';
    if (lower === 'vpc-lattice-svcs:port') return "the service URL's port (443 for https, 80 for http when it names none)";
    return undefined;
  };
}

function reportLayer(
  e: LayerExplanation,
  subject: string,
  policies: WorldPolicy[],
  request: EvalRequest,
  noteFor: (key: string) => string | undefined,
  files: PolicyFiles | undefined,
): LayerReport {
  const used = e.evaluation ? policies : [];
  return {
    layer: e.layer,
    subject,
    files: used.flatMap((p) => files?.get(p.source) ?? []),
    ...(e.authType !== undefined && { authType: e.authType }),
    decision: e.decision,
    ...(e.note !== undefined && { note: e.note }),
    statements: e.evaluation ? reportStatements(e.evaluation, request, { statements: used.flatMap((p) => statementSources(p.source)), noteFor }) : [],
  };
}
