import type { DeployedOrganization, DeployedOrgTree } from '../../import/types';
import { compareAuthPolicies } from './compareAuthPolicies';
import type { DriftDifference, DriftEntry } from './compareOrganizations';
import { canonicalJson } from './normalizeAuthPolicy';

function documentDifference(field: string, code: unknown, deployed: unknown): DriftDifference[] {
  const differences = compareAuthPolicies(code, deployed);
  return differences.length === 0 ? [] : [{ field, policy: differences }];
}

/** Each permissions boundary of a caller role, as code against as deployed (by meaning). */
function boundaries(code: DeployedOrganization, deployed: DeployedOrganization): DriftEntry[] {
  const arns = [...new Set([...code.roles, ...deployed.roles].filter((r) => r.permissionsBoundary).map((r) => r.arn))];
  return arns.sort().map((arn): DriftEntry => {
    const c = code.roles.find((r) => r.arn === arn)?.permissionsBoundary;
    const d = deployed.roles.find((r) => r.arn === arn)?.permissionsBoundary;
    if (!d) return { kind: 'boundary', id: arn, status: 'missing', differences: [] };
    if (!c) return { kind: 'boundary', id: arn, status: 'extra', differences: [{ field: 'arn', deployed: d.arn }] };
    const differences = documentDifference('permissionsBoundary', c.document, d.document);
    return { kind: 'boundary', id: arn, status: differences.length === 0 ? 'same' : 'differs', differences };
  });
}

/** The SCPs or RCPs attached to each target of a tree (root, OUs, accounts), by target ID. */
function attached(tree: DeployedOrgTree, type: 'scps' | 'rcps'): Map<string, { name: string; document: unknown }[]> {
  const out = new Map<string, { name: string; document: unknown }[]>(
    [tree.rootId, ...tree.ous.map((o) => o.id), ...tree.accounts.map((a) => a.id)].map((id) => [id, []]),
  );
  for (const p of tree[type]) for (const t of p.targets) out.get(t)?.push({ name: p.name, document: p.document });
  return out;
}

/** The SCPs (or RCPs) of each target: which are attached (by name), and whether each means what the code says. */
function perTarget(code: DeployedOrgTree, deployed: DeployedOrgTree | undefined, type: 'scps' | 'rcps'): DriftEntry[] {
  const kind = type === 'scps' ? ('scp' as const) : ('rcp' as const);
  const c = attached(code, type);
  const d = deployed ? attached(deployed, type) : new Map<string, { name: string; document: unknown }[]>();
  const ids = [...new Set([...c.keys(), ...d.keys()])].sort();
  return ids.map((id): DriftEntry => {
    const mine = c.get(id);
    const theirs = d.get(id);
    if (!theirs) return { kind, id, status: 'missing', differences: [] };
    if (!mine) return { kind, id, status: 'extra', differences: [] };
    const names = (list: { name: string }[]) => list.map((p) => p.name).sort();
    const differences: DriftDifference[] =
      canonicalJson(names(mine)) === canonicalJson(names(theirs))
        ? []
        : [{ field: 'attached', code: names(mine), deployed: names(theirs) }];
    for (const p of mine) {
      const other = theirs.find((q) => q.name === p.name);
      if (other) differences.push(...documentDifference(`${kind.toUpperCase()} ${p.name}`, p.document, other.document));
    }
    return { kind, id, status: differences.length === 0 ? 'same' : 'differs', differences };
  });
}

/**
 * The guardrails as code against as deployed: each caller role's permissions boundary, and the SCPs
 * and RCPs attached to each target of the organization (when the world as code says anything of them).
 */
export function compareGuardrails(code: DeployedOrganization, deployed: DeployedOrganization): DriftEntry[] {
  return [
    ...boundaries(code, deployed),
    ...(code.organization
      ? [
          ...perTarget(code.organization, deployed.organization, 'scps'),
          ...perTarget(code.organization, deployed.organization, 'rcps'),
        ]
      : []),
  ];
}
