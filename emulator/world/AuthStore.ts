import type { AuthType, Policy } from '../../policy';
import type { Clock } from './World';

/** An auth setting of a network or service: its auth type and auth policy. */
export interface AuthSetting {
  authType: AuthType;
  policy?: Policy;
  policyText?: string;
}

/** An auth setting as the control plane reports it, with its timestamps. */
export interface ConfiguredAuth extends AuthSetting {
  policyCreatedAt?: Date;
  policyUpdatedAt?: Date;
  /** When the network or service itself last changed (auth type). */
  updatedAt: Date;
}

/** A change made through the control plane: a new auth type, a new policy, or `policy: null` to remove it. */
export interface AuthChange {
  authType?: AuthType;
  policy?: { policy: Policy; text: string } | null;
}

interface Snapshot {
  at: number;
  setting: AuthSetting;
}

/**
 * The auth settings of every network and service, twice: as configured (what the control plane
 * returns at once) and as enforced (what the data plane sees). A change reaches the data plane
 * `propagationDelayMs` after it was made, measured on the world's clock, so a test that moves
 * an injected clock sees the switch exactly when it should (lattice-behaviour.md §7).
 */
export class AuthStore {
  propagationDelayMs: number;
  private readonly clock: Clock;
  private readonly configured = new Map<string, ConfiguredAuth>();
  /** Per resource, settings in the order they were made, each enforced from `at` on. */
  private readonly enforced = new Map<string, Snapshot[]>();

  constructor(clock: Clock, propagationDelayMs = 0) {
    this.clock = clock;
    this.propagationDelayMs = propagationDelayMs;
  }

  /** Registers a resource with a setting that is in force from the start. */
  add(arn: string, setting: AuthSetting): void {
    const now = this.clock.now();
    const policyTimes = setting.policy ? { policyCreatedAt: now, policyUpdatedAt: now } : {};
    this.configured.set(arn, { ...setting, ...policyTimes, updatedAt: now });
    this.enforced.set(arn, [{ at: Number.NEGATIVE_INFINITY, setting }]);
  }

  has(arn: string): boolean {
    return this.configured.has(arn);
  }

  configuredOf(arn: string): ConfiguredAuth {
    const setting = this.configured.get(arn);
    if (!setting) throw new Error(`world has no network or service ${arn}`);
    return setting;
  }

  /** The setting the data plane enforces now: the latest change whose propagation time has come. */
  enforcedOf(arn: string): AuthSetting {
    const snapshots = this.enforced.get(arn);
    if (!snapshots) throw new Error(`world has no network or service ${arn}`);
    const now = this.clock.now().getTime();
    let current = 0;
    for (let i = snapshots.length - 1; i > 0; i--) {
      if (snapshots[i].at <= now) {
        current = i;
        break;
      }
    }
    // Older changes can never be enforced again once a later one is.
    if (current > 0) snapshots.splice(0, current);
    return snapshots[0].setting;
  }

  /** When the last change to `arn` is enforced, or undefined when it already is. */
  pendingUntil(arn: string): Date | undefined {
    const snapshots = this.enforced.get(arn) ?? [];
    const last = snapshots[snapshots.length - 1];
    return last && last.at > this.clock.now().getTime() ? new Date(last.at) : undefined;
  }

  /** Applies a control-plane change now and schedules it for the data plane. */
  change(arn: string, change: AuthChange): ConfiguredAuth {
    const before = this.configuredOf(arn);
    const now = this.clock.now();
    const next: ConfiguredAuth = { ...before };
    if (change.authType !== undefined && change.authType !== before.authType) {
      next.authType = change.authType;
      next.updatedAt = now;
    }
    if (change.policy === null) {
      delete next.policy;
      delete next.policyText;
      delete next.policyCreatedAt;
      delete next.policyUpdatedAt;
    } else if (change.policy !== undefined) {
      next.policy = change.policy.policy;
      next.policyText = change.policy.text;
      next.policyCreatedAt = before.policyCreatedAt ?? now;
      next.policyUpdatedAt = now;
    }
    this.configured.set(arn, next);
    const { authType, policy, policyText } = next;
    this.enforced
      .get(arn)!
      .push({ at: now.getTime() + this.propagationDelayMs, setting: { authType, policy, policyText } });
    return next;
  }
}
