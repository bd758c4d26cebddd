import { parsePolicy, PolicyError, type Policy } from '../../policy';
import { roleArn, serviceArn, serviceDomain, serviceNetworkArn } from '../../emulator/world/arns';
import type { RoleSpec, ServiceNetworkSpec, ServiceSpec, WorldSpec } from '../../emulator/world/types';

/** A policy of the world, parsed, with what it belongs to and the JSON value it came from. */
export interface WorldPolicy { policy: Policy; source: unknown }

export interface CompiledNetwork { spec: ServiceNetworkSpec; arn: string; policy?: WorldPolicy }
export interface CompiledService { spec: ServiceSpec; arn: string; domain: string; policy?: WorldPolicy }
export interface CompiledRole { spec: RoleSpec; arn: string; trustPolicy: WorldPolicy; identityPolicies: WorldPolicy[] }

/** A WorldSpec with its ARNs, names and policies worked out once: what a prediction reads. */
export interface CompiledWorld {
  spec: WorldSpec;
  networks: CompiledNetwork[];
  services: CompiledService[];
  roles: CompiledRole[];
  runner: { arn: string; identityPolicy: WorldPolicy };
}

/** A policy of the world that does not parse: names what it belongs to, and where in it. */
export class WorldPolicyError extends Error {
  constructor(readonly subject: string, readonly policyError: PolicyError) {
    super(`${subject}: ${policyError.message}`);
    this.name = 'WorldPolicyError';
  }
}

/**
 * A role trust policy has no Resource element (the resource is the role itself); the local world
 * gives its statements `"Resource": "*"` so the engine, which requires one, evaluates them as IAM does.
 */
export function withImplicitResource(policy: unknown): unknown {
  if (typeof policy !== 'object' || policy === null) return policy;
  const doc = policy as { Statement?: unknown };
  const add = (s: unknown) => (typeof s === 'object' && s !== null && !('Resource' in s) && !('NotResource' in s) ? { ...s, Resource: '*' } : s);
  return { ...doc, Statement: Array.isArray(doc.Statement) ? doc.Statement.map(add) : add(doc.Statement) };
}

function parse(source: unknown, kind: 'resource' | 'identity', subject: string): WorldPolicy {
  try {
    return { policy: parsePolicy(source, { kind }), source };
  } catch (error) {
    if (error instanceof PolicyError) throw new WorldPolicyError(subject, error);
    throw error;
  }
}

export const networkSubject = (n: ServiceNetworkSpec) => `service network ${n.name}`;
export const serviceSubject = (s: ServiceSpec) => `service ${s.name}`;
export const roleSubject = (r: RoleSpec) => `role ${r.name} (${r.account})`;

const cache = new WeakMap<WorldSpec, CompiledWorld>();

/**
 * Parses every policy of the world as the local world does (auth policies as resource policies,
 * identity policies as identity policies, trust policies with an implicit Resource). Cached per
 * spec object. Throws WorldPolicyError for a policy that does not parse.
 */
const compiledWorlds = new WeakMap<WorldSpec, CompiledWorld>();

/** compileWorld, once per spec object (every call of a plan is predicted against the same world). */
export function compileWorldOnce(spec: WorldSpec): CompiledWorld {
  let compiled = compiledWorlds.get(spec);
  if (!compiled) compiledWorlds.set(spec, (compiled = compileWorld(spec)));
  return compiled;
}

export function compileWorld(spec: WorldSpec): CompiledWorld {
  const cached = cache.get(spec);
  if (cached) return cached;
  const { region } = spec;
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
      ...(s.policy !== undefined && { policy: parse(s.policy, 'resource', `${serviceSubject(s)} auth policy`) }),
    })),
    roles: spec.roles.map((r) => ({
      spec: r,
      arn: roleArn(r.account, r.name),
      trustPolicy: parse(withImplicitResource(r.trustPolicy), 'resource', `${roleSubject(r)} trust policy`),
      identityPolicies: r.identityPolicies.map((p, i) => parse(p, 'identity', `${roleSubject(r)} identity policy ${i + 1}`)),
    })),
    runner: {
      arn: `arn:aws:iam::${spec.runner.account}:user/${spec.runner.userName}`,
      identityPolicy: parse(spec.runner.identityPolicy, 'identity', `runner ${spec.runner.userName} identity policy`),
    },
  };
  cache.set(spec, compiled);
  return compiled;
}

/** The organization an account belongs to, as the local world reports it: its ID and the account's org path. */
export function organizationOf(spec: WorldSpec, account: string): { orgId: string; orgPaths: string[] } | undefined {
  const acct = spec.accounts.find((a) => a.id === account);
  if (!acct?.inOrganization) return undefined;
  const { id, rootId, ouPaths } = spec.organization;
  return { orgId: id, orgPaths: [`${id}/${rootId}/${ouPaths[account] ?? ''}`] };
}
