import { randomBytes } from 'node:crypto';
import { parsePolicy, type AuthType, type Policy } from '../../policy';
import { assumedRoleArn, roleArn, serviceArn, serviceDomain, serviceNetworkArn, targetGroupArn, vpcArn } from './arns';
import { AuthStore, type AuthChange, type AuthSetting, type ConfiguredAuth } from './AuthStore';
import { KeyRing } from './KeyRing';
import { LocalOidcIssuer } from '../oidc/LocalOidcIssuer';
import { rewriteAuthPolicy } from './rewriteAuthPolicy';
import type { RoleSpec, ServiceSpec, ServiceNetworkSpec, VpcSpec, WorldSpec } from './types';

export type { AuthChange, AuthSetting, ConfiguredAuth };

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

/** Credentials the world issued or owns, keyed by access key id. */
export type KeyOwner =
  | { kind: 'user'; arn: string; account: string; userId: string; identityPolicies: Policy[] }
  | { kind: 'session'; role: ResolvedRole; sessionName: string; arn: string; userId: string; sessionTags: Record<string, string> };

export interface IssuedKey { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date; owner: KeyOwner }

export interface ResolvedRole { spec: RoleSpec; arn: string; roleId: string; trustPolicy: Policy; identityPolicies: Policy[] }
export interface ResolvedNetwork { spec: ServiceNetworkSpec; arn: string }
export interface ResolvedService { spec: ServiceSpec; arn: string; domain: string; targetGroupArn: string }

export interface WorldOptions {
  /** How long a control-plane change takes to reach the data plane, on the world's clock. Default 0. */
  propagationDelayMs?: number;
}

/** The `assumeRole` counter's bucket for role ARNs the world does not have. */
export const UNKNOWN_ROLE = '(unknown)';

/**
 * Counters that tests and the admin endpoint read. No map is keyed by what a client sent: roles,
 * services and operations are the world's own, so every map is as small as the world.
 */
export interface WorldStats {
  /**
   * AssumeRole calls per role ARN of the world, counted once the caller's signature is verified
   * (throttled and refused ones included); calls for any other ARN count under `UNKNOWN_ROLE`.
   */
  assumeRole: Map<string, number>;
  /** Data-plane requests that reached a service (routed and reachable). */
  invokes: number;
  invokesByService: Map<string, number>;
  /** AssumeRole calls answered with Throttling by fault injection. */
  throttled: number;
  /** Allowed invokes answered with 503 by fault injection. */
  targetErrors: number;
  /** Data-plane connections dropped by fault injection. */
  dropped: number;
  /** Control-plane calls per operation name. */
  controlPlane: Map<string, number>;
}

const emptyStats = (): WorldStats => ({
  assumeRole: new Map(),
  invokes: 0,
  invokesByService: new Map(),
  throttled: 0,
  targetErrors: 0,
  dropped: 0,
  controlPlane: new Map(),
});

const upperAlnum = (n: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(n), (b) => alphabet[b % 32]).join('');
};

/**
 * A role trust policy has no Resource element: the resource is the role itself. Statements get
 * `"Resource": "*"` so the general engine, which requires one, evaluates them as IAM does.
 */
function withImplicitResource(policy: unknown): unknown {
  if (typeof policy !== 'object' || policy === null) return policy;
  const doc = policy as { Statement?: unknown };
  const add = (s: unknown) =>
    typeof s === 'object' && s !== null && !('Resource' in s) && !('NotResource' in s) ? { ...s, Resource: '*' } : s;
  const statement = Array.isArray(doc.Statement) ? doc.Statement.map(add) : add(doc.Statement);
  return { ...doc, Statement: statement };
}

/** The mutable state of a running local world, built from a WorldSpec. */
export class World {
  readonly spec: WorldSpec;
  readonly clock: Clock;
  readonly runnerKey: IssuedKey;
  readonly roles: ResolvedRole[];
  readonly networks: ResolvedNetwork[];
  readonly services: ResolvedService[];
  /** When the world started, on its clock: the creation time of its networks and services. */
  readonly createdAt: Date;
  readonly stats: WorldStats = emptyStats();
  /** Issued keys, bounded: expired sessions are dropped an hour after they expire (KeyRing). */
  private readonly keys = new KeyRing(() => this.clock.now().getTime());
  /** The local OIDC issuer whose tokens AssumeRoleWithWebIdentity accepts. */
  readonly oidcIssuer = new LocalOidcIssuer(() => this.clock.now());
  private readonly auth: AuthStore;

  constructor(spec: WorldSpec, clock: Clock = systemClock, options: WorldOptions = {}) {
    this.spec = spec;
    this.clock = clock;
    this.createdAt = clock.now();
    this.auth = new AuthStore(clock, options.propagationDelayMs ?? 0);
    this.roles = spec.roles.map((role) => ({
      spec: role,
      arn: roleArn(role.account, role.name),
      roleId: `AROA${upperAlnum(17)}`,
      trustPolicy: parsePolicy(withImplicitResource(role.trustPolicy), { kind: 'resource' }),
      identityPolicies: role.identityPolicies.map((p) => parsePolicy(p, { kind: 'identity' })),
    }));
    this.networks = spec.serviceNetworks.map((sn) => ({ spec: sn, arn: serviceNetworkArn(spec.region, sn.account, sn.id) }));
    this.services = spec.services.map((svc) => ({
      spec: svc,
      arn: serviceArn(spec.region, svc.account, svc.id),
      domain: serviceDomain(spec.region, svc.name, svc.id),
      targetGroupArn: targetGroupArn(spec.region, svc.account, svc.id),
    }));
    for (const n of this.networks) this.auth.add(n.arn, this.toAuthSetting(n.spec.authType, n.spec.policy));
    for (const s of this.services) this.auth.add(s.arn, this.toAuthSetting(s.spec.authType, s.spec.policy));
    const runnerArn = `arn:aws:iam::${spec.runner.account}:user/${spec.runner.userName}`;
    this.runnerKey = this.addKey({
      accessKeyId: `AKIA${upperAlnum(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      owner: {
        kind: 'user',
        arn: runnerArn,
        account: spec.runner.account,
        userId: `AIDA${upperAlnum(17)}`,
        identityPolicies: [parsePolicy(spec.runner.identityPolicy, { kind: 'identity' })],
      },
    });
  }

  private toAuthSetting(authType: AuthType, policy: unknown): AuthSetting {
    if (policy === undefined) return { authType };
    return { authType, policy: parsePolicy(policy, { kind: 'resource' }), policyText: rewriteAuthPolicy(policy) };
  }

  private addKey(key: IssuedKey): IssuedKey {
    return this.keys.add(key);
  }

  key(accessKeyId: string): IssuedKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /** Every key the world owns or issued (tests scan reports for their secrets). */
  issuedKeys(): IssuedKey[] {
    return [...this.keys.values()];
  }

  /** Issues temporary credentials for a role session, as STS AssumeRole does. */
  issueSession(role: ResolvedRole, sessionName: string, durationSeconds: number, sessionTags: Record<string, string>): IssuedKey {
    return this.addKey({
      accessKeyId: `ASIA${upperAlnum(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(this.clock.now().getTime() + durationSeconds * 1000),
      owner: {
        kind: 'session',
        role,
        sessionName,
        arn: assumedRoleArn(role.spec.account, role.spec.name, sessionName),
        userId: `${role.roleId}:${sessionName}`,
        sessionTags,
      },
    });
  }

  roleByArn(arn: string): ResolvedRole | undefined {
    return this.roles.find((r) => r.arn === arn);
  }

  vpcByAddress(address: string): VpcSpec {
    return this.spec.vpcs.find((v) => v.address === address) ?? this.vpc(this.spec.runnerVpc);
  }

  vpc(id: string): VpcSpec {
    const vpc = this.spec.vpcs.find((v) => v.id === id);
    if (!vpc) throw new Error(`world has no VPC ${id}`);
    return vpc;
  }

  vpcArn(vpc: VpcSpec): string {
    return vpcArn(this.spec.region, vpc.account, vpc.id);
  }

  serviceByHost(host: string): ResolvedService | undefined {
    const name = host.replace(/:\d+$/, '').toLowerCase();
    return this.services.find((s) => s.domain === name);
  }

  /** The service network through which `vpc` reaches `service`, if any: Lattice's reachability rule. */
  networkFor(service: ResolvedService, vpc: VpcSpec): ResolvedNetwork | undefined {
    return this.networks.find((n) => service.spec.serviceNetworks.includes(n.spec.id) && n.spec.vpcAssociations.includes(vpc.id));
  }

  /** The auth setting the data plane enforces now (changes propagate after `propagationDelayMs`). */
  authOf(arn: string): AuthSetting {
    return this.auth.enforcedOf(arn);
  }

  /** The auth setting as the control plane reports it: the last change made, propagated or not. */
  configuredAuthOf(arn: string): ConfiguredAuth {
    return this.auth.configuredOf(arn);
  }

  /** A control-plane change: reported at once, enforced after the propagation delay. */
  changeAuth(arn: string, change: AuthChange): ConfiguredAuth {
    return this.auth.change(arn, change);
  }

  /** When the last change to `arn` reaches the data plane, or undefined when it already has. */
  authPendingUntil(arn: string): Date | undefined {
    return this.auth.pendingUntil(arn);
  }

  get propagationDelayMs(): number {
    return this.auth.propagationDelayMs;
  }

  set propagationDelayMs(ms: number) {
    this.auth.propagationDelayMs = ms;
  }

  serviceByIdOrArn(identifier: string): ResolvedService | undefined {
    return this.services.find((s) => s.spec.id === identifier || s.arn === identifier);
  }

  networkByIdOrArn(identifier: string): ResolvedNetwork | undefined {
    return this.networks.find((n) => n.spec.id === identifier || n.arn === identifier);
  }

  /** Zeroes every counter. */
  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  organizationOf(account: string): { orgId: string; orgPaths: string[] } | undefined {
    const acct = this.spec.accounts.find((a) => a.id === account);
    if (!acct?.inOrganization) return undefined;
    const { id, rootId, ouPaths } = this.spec.organization;
    return { orgId: id, orgPaths: [`${id}/${rootId}/${ouPaths[account] ?? ''}`] };
  }

  countAssumeRole(roleArn: string): void {
    const bucket = this.roleByArn(roleArn) ? roleArn : UNKNOWN_ROLE;
    this.stats.assumeRole.set(bucket, (this.stats.assumeRole.get(bucket) ?? 0) + 1);
  }
}
