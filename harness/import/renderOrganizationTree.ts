import type { DeployedOrgTree } from './types';
import { keyOf } from './renderWorldFile';

/**
 * AWS's own policies: FullAWSAccess is written as where it is detached, RCPFullAWSAccess (always
 * everywhere) not at all.
 */
const FULL_AWS_ACCESS = 'FullAWSAccess';
const RCP_FULL_AWS_ACCESS = 'RCPFullAWSAccess';

/**
 * A read organization as a world file's `organization` fields: the root's ID, the management
 * account, the OUs (by name), the SCPs and RCPs (documents in policy files, targets by world-file
 * name: `'root'`, an OU's or an account's), and FullAWSAccess's detachments; `ouOf` places each account.
 */
export function renderOrganizationTree(
  tree: DeployedOrgTree,
  accountKey: ReadonlyMap<string, string>,
  policyFile: (file: string, document: unknown) => string,
): { config: Record<string, unknown>; ouOf: Map<string, string> } {
  const ouKey = new Map<string, string>();
  for (const ou of tree.ous) {
    const plain = keyOf(ou.name);
    const taken = [...ouKey.values()].includes(plain) || [...accountKey.values()].includes(plain);
    ouKey.set(ou.id, taken ? keyOf(`${ou.name.slice(0, 20)}-${ou.id}`) : plain);
  }
  const targetName = (id: string) => (id === tree.rootId ? 'root' : (ouKey.get(id) ?? accountKey.get(id) ?? id));
  const ous = Object.fromEntries(
    tree.ous.map((ou) => [
      ouKey.get(ou.id)!,
      { id: ou.id, ...(ou.parentId !== tree.rootId && { parent: ouKey.get(ou.parentId) }) },
    ]),
  );
  const ouOf = new Map(
    tree.accounts.filter((a) => a.parentId !== tree.rootId).map((a) => [a.id, ouKey.get(a.parentId)!]),
  );
  const own = (list: DeployedOrgTree['scps'], aws: string, prefix: string) =>
    Object.fromEntries(
      list
        .filter((p) => p.name !== aws)
        .map((p) => [
          p.name,
          { document: policyFile(`${prefix}-${keyOf(p.name)}`, p.document), targets: p.targets.map(targetName) },
        ]),
    );
  const scps = own(tree.scps, FULL_AWS_ACCESS, 'scp');
  const rcps = own(tree.rcps, RCP_FULL_AWS_ACCESS, 'rcp');
  const everywhere = [tree.rootId, ...tree.ous.map((o) => o.id), ...tree.accounts.map((a) => a.id)];
  const full = tree.scps.find((p) => p.name === FULL_AWS_ACCESS)?.targets ?? [];
  const detachedFrom = everywhere.filter((id) => !full.includes(id)).map(targetName);
  const policies = {
    ...(Object.keys(scps).length > 0 && { scps }),
    ...(Object.keys(rcps).length > 0 && { rcps }),
    ...(detachedFrom.length > 0 && { fullAwsAccess: { detachedFrom } }),
  };
  const management = tree.managementAccount === undefined ? undefined : accountKey.get(tree.managementAccount);
  return {
    config: {
      rootId: tree.rootId,
      ...(management !== undefined && { managementAccount: management }),
      ...(tree.ous.length > 0 && { ous }),
      ...(Object.keys(policies).length > 0 && { policies }),
    },
    ouOf,
  };
}
