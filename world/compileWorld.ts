import { createHash } from 'node:crypto';
import { parsePolicy, PolicyError, type Policy } from '../policy';
import {
  roleArn,
  serviceArn,
  serviceDomain,
  serviceNetworkArn,
  targetGroupArn,
  userArn,
  vpcArn,
} from './arns';
import { withImplicitResource } from './withImplicitResource';
import type { RoleSpec, ServiceNetworkSpec, ServiceSpec, UserSpec, VpcSpec, WorldSpec } from './types';

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
}
export interface CompiledUser {
  spec: UserSpec;
  arn: string;
  /** `AIDA...`: stable for a user. */
  userId: string;
  identityPolicies: WorldPolicy[];
}

/** A WorldSpec with its ARNs, names, IDs and policies worked out once: what every decision reads. */
export interface CompiledWorld {
  spec: WorldSpec;
  networks: CompiledNetwork[];
  services: CompiledService[];
  roles: CompiledRole[];
  users: CompiledUser[];
  runner: CompiledUser;
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

const compiledWorlds = new WeakMap<WorldSpec, CompiledWorld>();

function compileUser(spec: UserSpec, policies: unknown[]): CompiledUser {
  const arn = userArn(spec.account, spec.name);
  return {
    spec,
    arn,
    userId: uniqueId('AIDA', arn),
    identityPolicies: policies.map((p, i) => parse(p, 'identity', `${userSubject(spec)} identity policy ${i + 1}`)),
  };
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
        identityPolicies: r.identityPolicies.map((p, i) => parse(p, 'identity', `${roleSubject(r)} identity policy ${i + 1}`)),
      };
    }),
    users: spec.users.map((u) => compileUser(u, u.identityPolicies)),
    runner: compileUser(runnerSpec, runnerSpec.identityPolicies),
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
