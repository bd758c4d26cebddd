import { createHash } from 'node:crypto';
import { parsePolicy, PolicyError, type Policy } from '../policy';
import {
  roleArn,
  serviceArn,
  serviceDomain,
  serviceNetworkArn,
  managedPolicyArn,
  targetGroupArn,
  userArn,
  vpcArn,
} from './arns';
import { withImplicitResource } from './withImplicitResource';
import { FULL_AWS_ACCESS_DOCUMENT, RCP_FULL_AWS_ACCESS_DOCUMENT } from '../policy/org/orgSettings';
import type {
  ManagedPolicySpec,
  OrgPolicySpec,
  RelaySpec,
  RoleSpec,
  ServiceNetworkSpec,
  ServiceSpec,
  UserSpec,
  VpcSpec,
  WorldSpec,
} from './types';

/** A policy of the world, parsed, with the JSON value it came from. */
export interface WorldPolicy {
  policy: Policy;
  source: unknown;
}

export interface CompiledNetwork {
  spec: ServiceNetworkSpec;
  arn: string;
  policy?: WorldPolicy;
}
export interface CompiledService {
  spec: ServiceSpec;
  arn: string;
  /** The Lattice-generated DNS name. */
  domain: string;
  targetGroupArn: string;
  policy?: WorldPolicy;
}
export interface CompiledRole {
  spec: RoleSpec;
  arn: string;
  /** `AROA...`: stable for a role, as AWS keeps a role's unique ID. */
  roleId: string;
  trustPolicy: WorldPolicy;
  identityPolicies: WorldPolicy[];
  boundary?: WorldPolicy;
}
export interface CompiledUser {
  spec: UserSpec;
  arn: string;
  /** `AIDA...`: stable for a user. */
  userId: string;
  identityPolicies: WorldPolicy[];
  boundary?: WorldPolicy;
}

/** A relay's Lambda function, with its resource-based policy parsed (absent: the function has none). */
export interface CompiledRelay {
  spec: RelaySpec;
  policy?: WorldPolicy;
}

/** An SCP or RCP with the IDs (root, OUs, accounts) it is attached to. */
export interface CompiledOrgPolicy {
  spec: OrgPolicySpec;
  policy: WorldPolicy;
}

/** A customer managed policy, by ARN. */
export interface CompiledManagedPolicy {
  spec: ManagedPolicySpec;
  arn: string;
  policy: WorldPolicy;
}

/** A WorldSpec with its ARNs, names, IDs and policies worked out once: what every decision reads. */
export interface CompiledWorld {
  spec: WorldSpec;
  networks: CompiledNetwork[];
  services: CompiledService[];
  roles: CompiledRole[];
  users: CompiledUser[];
  runner: CompiledUser;
  managedPolicies: CompiledManagedPolicy[];
  relays: CompiledRelay[];
  /** The organization's SCPs and RCPs, defaults included (FullAWSAccess, RCPFullAWSAccess). */
  scps: CompiledOrgPolicy[];
  rcps: CompiledOrgPolicy[];
}

/** A policy of the world that does not parse: names what it belongs to, and where in it. */
export class WorldPolicyError extends Error {
  constructor(
    readonly subject: string,
    readonly policyError: PolicyError,
  ) {
    super(`${subject}: ${policyError.message}`);
    this.name = 'WorldPolicyError';
  }
}

function parse(source: unknown, kind: 'resource' | 'identity', subject: string): WorldPolicy {
  try {
    return { policy: parsePolicy(source, { kind }), source };
  } catch (error) {
    if (error instanceof PolicyError) throw new WorldPolicyError(subject, error);
    throw error;
  }
}

/** A unique ID as IAM makes them (prefix and 17 upper-case letters or digits), stable for `arn`. */
function uniqueId(prefix: string, arn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(arn).digest();
  return prefix + Array.from(digest.subarray(0, 17), (b) => alphabet[b % 32]).join('');
}

export const networkSubject = (n: ServiceNetworkSpec) => `service network ${n.name}`;
export const serviceSubject = (s: ServiceSpec) => `service ${s.name}`;
export const roleSubject = (r: RoleSpec) => `role ${r.name} (${r.account})`;
export const userSubject = (u: UserSpec) => `user ${u.name} (${u.account})`;
export const relaySubject = (r: RelaySpec) => `relay ${r.name} (function ${r.functionName}, ${r.account})`;

const compiledWorlds = new WeakMap<WorldSpec, CompiledWorld>();

function compileUser(spec: UserSpec, policies: unknown[]): CompiledUser {
  const arn = userArn(spec.account, spec.name);
  return {
    spec,
    arn,
    userId: uniqueId('AIDA', arn),
    identityPolicies: policies.map((p, i) => parse(p, 'identity', `${userSubject(spec)} identity policy ${i + 1}`)),
    ...(spec.permissionsBoundary !== undefined && {
      boundary: parse(spec.permissionsBoundary, 'identity', `${userSubject(spec)} permissions boundary`),
    }),
  };
}

/** The organization's SCPs or RCPs; a spec without them has the AWS defaults attached everywhere. */
function compileOrgPolicies(spec: WorldSpec, type: 'scp' | 'rcp'): CompiledOrgPolicy[] {
  const { organization: org } = spec;
  const everywhere = [org.rootId, ...org.ous.map((o) => o.id), ...Object.keys(org.ouPaths)];
  const defaults: OrgPolicySpec[] =
    type === 'scp'
      ? [{ name: 'FullAWSAccess', document: FULL_AWS_ACCESS_DOCUMENT, targets: everywhere }]
      : [{ name: 'RCPFullAWSAccess', document: RCP_FULL_AWS_ACCESS_DOCUMENT, targets: everywhere }];
  const specs = (type === 'scp' ? org.scps : org.rcps) ?? defaults;
  return specs.map((p) => ({
    spec: p,
    policy: parse(p.document, type === 'scp' ? 'identity' : 'resource', `${type.toUpperCase()} ${p.name}`),
  }));
}

/**
 * Parses every policy of the world (auth policies as resource policies, identity policies as
 * identity policies, trust policies with their implicit Resource) and works out ARNs, domains and
 * unique IDs. Once per spec object. Throws WorldPolicyError for a policy that does not parse.
 */
export function compileWorld(spec: WorldSpec): CompiledWorld {
  const cached = compiledWorlds.get(spec);
  if (cached) return cached;
  const { region } = spec;
  const runnerSpec: UserSpec = {
    name: spec.runner.userName,
    account: spec.runner.account,
    identityPolicies: [spec.runner.identityPolicy],
    ...(spec.runner.permissionsBoundary !== undefined && { permissionsBoundary: spec.runner.permissionsBoundary }),
  };
  const compiled: CompiledWorld = {
    spec,
    networks: spec.serviceNetworks.map((n) => ({
      spec: n,
      arn: serviceNetworkArn(region, n.account, n.id),
      ...(n.policy !== undefined && { policy: parse(n.policy, 'resource', `${networkSubject(n)} auth policy`) }),
    })),
    services: spec.services.map((s) => ({
      spec: s,
      arn: serviceArn(region, s.account, s.id),
      domain: serviceDomain(region, s.name, s.id),
      targetGroupArn: targetGroupArn(region, s.account, s.id),
      ...(s.policy !== undefined && { policy: parse(s.policy, 'resource', `${serviceSubject(s)} auth policy`) }),
    })),
    roles: spec.roles.map((r) => {
      const arn = roleArn(r.account, r.name);
      return {
        spec: r,
        arn,
        roleId: uniqueId('AROA', arn),
        trustPolicy: parse(withImplicitResource(r.trustPolicy), 'resource', `${roleSubject(r)} trust policy`),
        identityPolicies: r.identityPolicies.map((p, i) =>
          parse(p, 'identity', `${roleSubject(r)} identity policy ${i + 1}`),
        ),
        ...(r.permissionsBoundary !== undefined && {
          boundary: parse(r.permissionsBoundary, 'identity', `${roleSubject(r)} permissions boundary`),
        }),
      };
    }),
    users: spec.users.map((u) => compileUser(u, u.identityPolicies)),
    runner: compileUser(runnerSpec, runnerSpec.identityPolicies),
    managedPolicies: (spec.managedPolicies ?? []).map((m) => ({
      spec: m,
      arn: managedPolicyArn(m.account, m.name),
      policy: parse(m.document, 'identity', `managed policy ${m.name} (${m.account})`),
    })),
    relays: (spec.relays ?? []).map((r) => ({
      spec: r,
      ...(r.policy !== undefined && { policy: parse(r.policy, 'resource', `${relaySubject(r)} resource policy`) }),
    })),
    scps: compileOrgPolicies(spec, 'scp'),
    rcps: compileOrgPolicies(spec, 'rcp'),
  };
  compiledWorlds.set(spec, compiled);
  return compiled;
}

/** The organization an account belongs to: its ID and the account's org path. */
export function organizationOf(spec: WorldSpec, account: string): { orgId: string; orgPaths: string[] } | undefined {
  const acct = spec.accounts.find((a) => a.id === account);
  if (!acct?.inOrganization) return undefined;
  const { id, rootId, ouPaths } = spec.organization;
  return { orgId: id, orgPaths: [`${id}/${rootId}/${ouPaths[account] ?? ''}`] };
}

export const vpcArnOf = (spec: WorldSpec, vpc: VpcSpec) => vpcArn(spec.region, vpc.account, vpc.id);
