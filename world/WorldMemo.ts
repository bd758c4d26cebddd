import type { InvokeCaller } from '../policy';
import type { OrgLevel } from '../policy/org/types';
import { organizationOf, type CompiledWorld } from './compileWorld';
import { invokeCallerOf, type SigningPrincipal } from './describePrincipal';
import { orgLevelsOf, toOrgLevels, type OrgPathView } from './orgLevels';

/** Accounts whose organization data one memo keeps, at most (a world has a handful). */
const MAX_ACCOUNTS = 1_024;

type Organization = ReturnType<typeof organizationOf>;

/** An account's SCPs or RCPs as the policy engine takes them. */
export interface GuardrailLevels {
  levels: OrgLevel[];
  isManagementAccount: boolean;
}

const memos = new WeakMap<CompiledWorld, WorldMemo>();

/**
 * What every request would otherwise derive again from the world: each account's organization
 * and SCP/RCP path, each signing principal as IAM sees it. Kept for one version of the world:
 * `WorldMemo.forget` (called wherever the world changes: control plane, IAM, Organizations) drops
 * it all, and the next request derives from the world as it is then. Values are frozen, so that
 * nothing downstream can change what the next request reads.
 */
export class WorldMemo {
  private readonly organizations = new Map<string, Organization>();
  private readonly orgPaths = new Map<string, OrgPathView | undefined>();
  private readonly guardrails = new Map<string, GuardrailLevels | undefined>();
  /** Keyed by the principal object (an issued key's owner): entries go with the key. */
  private readonly callers = new WeakMap<SigningPrincipal, InvokeCaller>();

  private constructor(private readonly world: CompiledWorld) {}

  /** The memo of `world`'s current version. */
  static of(world: CompiledWorld): WorldMemo {
    let memo = memos.get(world);
    if (memo === undefined) {
      memo = new WorldMemo(world);
      memos.set(world, memo);
    }
    return memo;
  }

  /** The world changed: whatever was derived from it is derived again, from the next request on. */
  static forget(world: CompiledWorld): void {
    memos.delete(world);
  }

  /** `organizationOf(world.spec, account)`. */
  organization(account: string): Organization {
    return remember(this.organizations, account, () => {
      const org = organizationOf(this.world.spec, account);
      if (org) {
        Object.freeze(org.orgPaths);
        Object.freeze(org);
      }
      return org;
    });
  }

  /** `orgLevelsOf(world, account, type)`. */
  orgLevels(account: string, type: 'scp' | 'rcp'): OrgPathView | undefined {
    return remember(this.orgPaths, `${type} ${account}`, () => {
      const path = orgLevelsOf(this.world, account, type);
      if (path) {
        for (const level of path.levels) freezeLevel(level);
        Object.freeze(path.levels);
        Object.freeze(path);
      }
      return path;
    });
  }

  /** `orgLevels(account, type)` as the policy engine takes them (`toOrgLevels`). */
  guardrailLevels(account: string, type: 'scp' | 'rcp'): GuardrailLevels | undefined {
    return remember(this.guardrails, `${type} ${account}`, () => {
      const path = this.orgLevels(account, type);
      const levels = path && { levels: toOrgLevels(path), isManagementAccount: path.isManagementAccount };
      if (levels) {
        for (const level of levels.levels) freezeLevel(level);
        Object.freeze(levels.levels);
        Object.freeze(levels);
      }
      return levels;
    });
  }

  /** `invokeCallerOf(principal, world)`. */
  invokeCaller(principal: SigningPrincipal): InvokeCaller {
    const known = this.callers.get(principal);
    if (known !== undefined) return known;
    const caller = invokeCallerOf(principal, this.world);
    Object.freeze(caller.principalTags);
    Object.freeze(caller.identityPolicies);
    if (caller.orgPaths) Object.freeze(caller.orgPaths);
    if (caller.sessionPolicies) Object.freeze(caller.sessionPolicies);
    if (caller.scpLevels) for (const level of Object.freeze(caller.scpLevels)) freezeLevel(level);
    Object.freeze(caller);
    this.callers.set(principal, caller);
    return caller;
  }
}

function freezeLevel(level: { policies: readonly unknown[] }): void {
  Object.freeze(level.policies);
  Object.freeze(level);
}

/** The value kept under `key` (undefined included), else `derive()`'s, kept; the map is emptied first when full. */
function remember<V>(map: Map<string, V>, key: string, derive: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = derive();
  if (map.size >= MAX_ACCOUNTS) map.clear();
  map.set(key, value);
  return value;
}
