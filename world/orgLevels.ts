import type { OrgLevel } from '../policy/org/types';
import type { CompiledOrgPolicy, CompiledWorld } from './compileWorld';

/** One level of the path from the root to an account, with its name for explanations. */
export interface OrgLevelView {
  /** The root's, an OU's or the account's ID. */
  id: string;
  /** `root r-ab12`, `OU workloads (ou-ab12-11111111)`, `account prod (222222222222)`. */
  label: string;
  policies: CompiledOrgPolicy[];
}

export interface OrgPathView {
  levels: OrgLevelView[];
  isManagementAccount: boolean;
}

/**
 * The SCPs or RCPs that apply to an account, level by level from the root through each OU to the
 * account itself; undefined for an account outside the organization.
 */
export function orgLevelsOf(world: CompiledWorld, account: string, type: 'scp' | 'rcp'): OrgPathView | undefined {
  const { organization: org, accounts } = world.spec;
  const acct = accounts.find((a) => a.id === account);
  if (!acct?.inOrganization) return undefined;
  const policies = type === 'scp' ? world.scps : world.rcps;
  const at = (id: string) => policies.filter((p) => p.spec.targets.includes(id));
  const ous = (org.ouPaths[account] ?? '').split('/').filter(Boolean);
  const levels: OrgLevelView[] = [
    { id: org.rootId, label: `root ${org.rootId}`, policies: at(org.rootId) },
    ...ous.map((id) => {
      const name = org.ous.find((o) => o.id === id)?.name;
      return { id, label: name ? `OU ${name} (${id})` : `OU ${id}`, policies: at(id) };
    }),
    { id: account, label: `account ${acct.name} (${account})`, policies: at(account) },
  ];
  return { levels, isManagementAccount: org.managementAccount === account };
}

/** The levels as the policy engine takes them. */
export function toOrgLevels(view: OrgPathView): OrgLevel[] {
  return view.levels.map((l) => ({ id: l.id, policies: l.policies.map((p) => p.policy.policy) }));
}
