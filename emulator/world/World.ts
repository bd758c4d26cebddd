import { randomBytes } from 'node:crypto';
import { parsePolicy, type AuthType } from '../../policy';
import {
  compileWorld,
  organizationOf,
  type CompiledNetwork,
  type CompiledRole,
  type CompiledService,
  type CompiledUser,
  type CompiledWorld,
  type SigningPrincipal,
  type VpcSpec,
  type WorldSpec,
} from '../../world';
import { assumedRoleArn, vpcArn } from '../../world/arns';
import { rewriteAuthPolicy } from '../../world/rewriteAuthPolicy';
import { WorldMemo } from '../../world/WorldMemo';
import { AuthStore, type AuthChange, type AuthSetting, type ConfiguredAuth } from './AuthStore';
import { KeyRing } from './KeyRing';
import { LocalOidcIssuer } from '../oidc/LocalOidcIssuer';

export type { AuthChange, AuthSetting, ConfiguredAuth };

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Who a key belongs to: a user of the world (its own keys) or a role session STS issued. */
export type KeyOwner = SigningPrincipal & { arn: string; userId: string; account: string };

export interface IssuedKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  owner: KeyOwner;
}

export type ResolvedRole = CompiledRole;
export type ResolvedNetwork = CompiledNetwork;
export type ResolvedService = CompiledService;

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

/** Random bytes as an access key ID's letters and digits, one character a byte. */
const upperAlnum = (bytes: Uint8Array) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let text = '';
  for (const b of bytes) text += alphabet[b % 32];
  return text;
};

/** A session's random parts, drawn at once: key ID (16 bytes), secret (30), token (96). */
const SESSION_RANDOM_BYTES = 16 + 30 + 96;

/** The mutable state of a running local world, built from a WorldSpec. */
export class World {
  readonly spec: WorldSpec;
  /** The world's ARNs, IDs and parsed policies: what every decision reads. */
  readonly model: CompiledWorld;
  readonly clock: Clock;
  readonly runnerKey: IssuedKey;
  /** Each user's own access key (the runner's is `runnerKey`). */
  readonly userKeys: Map<string, IssuedKey> = new Map();
  readonly roles: CompiledRole[];
  readonly networks: CompiledNetwork[];
  readonly services: CompiledService[];
  /** When the world started, on its clock: the creation time of its networks and services. */
  readonly createdAt: Date;
  readonly stats: WorldStats = emptyStats();
  /** Issued keys, bounded: expired sessions are dropped an hour after they expire (KeyRing). */
  private readonly keys = new KeyRing(() => this.clock.now().getTime());
  /** The local OIDC issuer whose tokens AssumeRoleWithWebIdentity accepts. */
  readonly oidcIssuer = new LocalOidcIssuer(() => this.clock.now());
  private readonly auth: AuthStore;
  private changes = 0;

  constructor(spec: WorldSpec, clock: Clock = systemClock, options: WorldOptions = {}) {
    this.spec = spec;
    this.model = compileWorld(spec);
    this.clock = clock;
    this.createdAt = clock.now();
    this.auth = new AuthStore(clock, options.propagationDelayMs ?? 0);
    this.roles = this.model.roles;
    this.networks = this.model.networks;
    this.services = this.model.services;
    for (const n of this.networks) this.auth.add(n.arn, this.toAuthSetting(n.spec.authType, n.spec.policy));
    for (const s of this.services) this.auth.add(s.arn, this.toAuthSetting(s.spec.authType, s.spec.policy));
    this.runnerKey = this.addUserKey(this.model.runner);
    for (const user of this.model.users) {
      this.userKeys.set(user.arn, user.arn === this.model.runner.arn ? this.runnerKey : this.addUserKey(user));
    }
  }

  private addUserKey(user: CompiledUser): IssuedKey {
    return this.addKey({
      accessKeyId: `AKIA${upperAlnum(randomBytes(16))}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      owner: { kind: 'user', user, arn: user.arn, userId: user.userId, account: user.spec.account },
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
  issueSession(principal: Extract<SigningPrincipal, { kind: 'session' }>, durationSeconds: number): IssuedKey {
    const { role, sessionName } = principal;
    const random = randomBytes(SESSION_RANDOM_BYTES);
    return this.addKey({
      accessKeyId: `ASIA${upperAlnum(random.subarray(0, 16))}`,
      secretAccessKey: random.subarray(16, 46).toString('base64'),
      sessionToken: random.subarray(46).toString('base64'),
      expiration: new Date(this.clock.now().getTime() + durationSeconds * 1000),
      owner: {
        issuedAt: this.clock.now(),
        ...principal,
        arn: assumedRoleArn(role.spec.account, role.spec.name, sessionName),
        userId: `${role.roleId}:${sessionName}`,
        account: role.spec.account,
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

  /** How many times the world may have changed since it started: one more after every call to its APIs. */
  get version(): number {
    return this.changes;
  }

  /**
   * The world may have changed (a call to the control plane, IAM or Organizations, every one of
   * them): what requests derive from it (WorldMemo) is derived again from the next request on.
   */
  changed(): void {
    this.changes++;
    WorldMemo.forget(this.model);
  }

  /** Zeroes every counter. */
  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  organizationOf(account: string): { orgId: string; orgPaths: string[] } | undefined {
    return organizationOf(this.spec, account);
  }

  countAssumeRole(roleArn: string): void {
    const bucket = this.roleByArn(roleArn) ? roleArn : UNKNOWN_ROLE;
    this.stats.assumeRole.set(bucket, (this.stats.assumeRole.get(bucket) ?? 0) + 1);
  }
}
