import { FULL_AWS_ACCESS_DOCUMENT, RCP_FULL_AWS_ACCESS_DOCUMENT } from '../policy/org/orgSettings';
import type { Fields } from './Fields';
import { readPolicyRef } from './readPolicyRef';
import type { OrgPolicySpec } from './types';

/** What the organization's targets are called in a world file, and their AWS IDs. */
export interface OrgTargets {
  rootId: string;
  /** OU name → OU ID. */
  ous: ReadonlyMap<string, string>;
  /** Member account name → account ID (accounts of the organization only). */
  accounts: ReadonlyMap<string, string>;
}

const NAME = /^[\w+=,.-]{1,128}$/;

/** `'root'`, an OU's name, or a member account's name → its ID; anything else names the field. */
function resolveTarget(f: Fields, value: unknown, field: string, targets: OrgTargets): string {
  const name = f.string(value, field);
  if (name === 'root') return targets.rootId;
  const ou = targets.ous.get(name);
  const account = targets.accounts.get(name);
  if (ou !== undefined && account !== undefined) f.fail(field, `"${name}" names both an OU and an account: rename one`);
  const id = ou ?? account;
  if (id === undefined) {
    const known = ['root', ...targets.ous.keys(), ...targets.accounts.keys()].join(', ');
    f.fail(field, `"${name}" is not 'root', an OU or an account of the organization (known: ${known})`);
  }
  return id;
}

function resolveTargets(f: Fields, value: unknown, field: string, targets: OrgTargets): string[] {
  if (!Array.isArray(value)) f.fail(field, "must be a list of targets: 'root', OU names, account names");
  const ids = value.map((t, i) => resolveTarget(f, t, `${field}[${i}]`, targets));
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) f.fail(field, `names ${twice} twice`);
  return ids;
}

/** An RCP must name `"Principal": "*"` in every statement (Organizations User Guide, RCP syntax). */
function checkRcpPrincipal(f: Fields, document: Record<string, unknown>, field: string): void {
  const raw = document.Statement;
  const statements = Array.isArray(raw) ? raw : [raw];
  statements.forEach((s, i) => {
    const principal = (s as Record<string, unknown> | undefined)?.Principal;
    if (principal !== '*') f.fail(`${field}.Statement[${i}].Principal`, 'an RCP must have "Principal": "*"');
  });
}

/**
 * The SCPs and RCPs of a world file's `organization.policies`, each with the IDs it is attached to.
 * FullAWSAccess is attached everywhere except where `fullAwsAccess.detachedFrom` says; RCPFullAWSAccess
 * everywhere. SCP documents are identity-kind (no Principal), RCP documents resource-kind.
 */
export function resolveOrgPolicies(
  f: Fields,
  value: unknown,
  targets: OrgTargets,
  files: Map<unknown, string>,
): { scps: OrgPolicySpec[]; rcps: OrgPolicySpec[] } {
  const everywhere = [targets.rootId, ...targets.ous.values(), ...targets.accounts.values()];
  const raw = value === undefined ? {} : f.object(value, 'organization.policies');
  f.known(raw, 'organization.policies', ['scps', 'rcps', 'fullAwsAccess']);
  let detached: string[] = [];
  if (raw.fullAwsAccess !== undefined) {
    const full = f.object(raw.fullAwsAccess, 'organization.policies.fullAwsAccess');
    f.known(full, 'organization.policies.fullAwsAccess', ['detachedFrom']);
    detached = resolveTargets(f, full.detachedFrom, 'organization.policies.fullAwsAccess.detachedFrom', targets);
  }
  const read = (type: 'scps' | 'rcps'): OrgPolicySpec[] => {
    const field = `organization.policies.${type}`;
    if (raw[type] === undefined) return [];
    return Object.entries(f.object(raw[type], field)).map(([name, entry]) => {
      const at = `${field}.${name}`;
      if (!NAME.test(name)) f.fail(at, 'policy names are 1 to 128 of letters, digits and +=,.-_');
      if (name === 'FullAWSAccess' || name === 'RCPFullAWSAccess') {
        f.fail(at, `${name} is AWS's own: pick another name`);
      }
      const p = f.object(entry, at);
      f.known(p, at, ['document', 'targets']);
      if (p.document === undefined) f.fail(`${at}.document`, 'is missing');
      const document = readPolicyRef(p.document, `${at}.document`, type === 'scps' ? 'identity' : 'resource', f, files);
      if (type === 'rcps') checkRcpPrincipal(f, document, `${at}.document`);
      return { name, document, targets: resolveTargets(f, p.targets, `${at}.targets`, targets) };
    });
  };
  const fullAwsAccess = everywhere.filter((id) => !detached.includes(id));
  return {
    scps: [
      ...(fullAwsAccess.length > 0
        ? [{ name: 'FullAWSAccess', document: FULL_AWS_ACCESS_DOCUMENT, targets: fullAwsAccess }]
        : []),
      ...read('scps'),
    ],
    rcps: [{ name: 'RCPFullAWSAccess', document: RCP_FULL_AWS_ACCESS_DOCUMENT, targets: everywhere }, ...read('rcps')],
  };
}
