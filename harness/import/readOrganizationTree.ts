import {
  DescribePolicyCommand,
  ListRootsCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPoliciesForTarget,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { ReadClientPool } from './createReadClients';
import { collect, failure, ReadFailure, step } from './readSteps';
import { byKey, type DeployedOrgPolicy, type DeployedOrgTree, type DeployedReadError } from './types';

type PolicyFilter = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

/**
 * The organization as its management account sees it: the root, the OU tree, the accounts under
 * each parent, and the SCPs and RCPs attached to each of them (FullAWSAccess and RCPFullAWSAccess
 * included), each policy's document read once. Any failure is a ReadFailure naming its operation.
 */
export async function readOrganizationTree(
  client: OrganizationsClient,
  pageSize?: number,
): Promise<Omit<DeployedOrgTree, 'managementAccount'>> {
  const config = { client, ...(pageSize && { pageSize: Math.min(pageSize, 20) }) };
  const roots = (await step('ListRoots', () => client.send(new ListRootsCommand({})))).Roots ?? [];
  const rootId = roots[0]?.Id;
  if (rootId === undefined) throw new ReadFailure('ListRoots', 'NoRoot', 'the organization shows no root');
  const ous: DeployedOrgTree['ous'] = [];
  const accounts: DeployedOrgTree['accounts'] = [];
  const parents = [rootId];
  for (let i = 0; i < parents.length; i++) {
    const parentId = parents[i]!;
    for (const ou of await collect(
      'ListOrganizationalUnitsForParent',
      paginateListOrganizationalUnitsForParent(config, { ParentId: parentId }),
      (p) => p.OrganizationalUnits,
    )) {
      ous.push({ id: ou.Id!, name: ou.Name ?? ou.Id!, parentId });
      parents.push(ou.Id!);
    }
    for (const a of await collect(
      'ListAccountsForParent',
      paginateListAccountsForParent(config, { ParentId: parentId }),
      (p) => p.Accounts,
    )) {
      accounts.push({ id: a.Id!, name: a.Name ?? a.Id!, parentId });
    }
  }
  const documents = new Map<string, { name: string; document: unknown }>();
  const read = async (filter: PolicyFilter): Promise<DeployedOrgPolicy[]> => {
    const byId = new Map<string, DeployedOrgPolicy>();
    for (const target of [rootId, ...ous.map((o) => o.id), ...accounts.map((a) => a.id)]) {
      for (const summary of await collect(
        'ListPoliciesForTarget',
        paginateListPoliciesForTarget(config, { TargetId: target, Filter: filter }),
        (p) => p.Policies,
      )) {
        const id = summary.Id!;
        let known = documents.get(id);
        if (!known) {
          const policy = (await step('DescribePolicy', () => client.send(new DescribePolicyCommand({ PolicyId: id }))))
            .Policy;
          let document: unknown;
          try {
            document = JSON.parse(policy?.Content ?? '');
          } catch (error) {
            throw new ReadFailure('DescribePolicy', 'InvalidPolicyDocument', `policy ${id} is not JSON: ${error}`);
          }
          known = { name: policy?.PolicySummary?.Name ?? summary.Name ?? id, document };
          documents.set(id, known);
        }
        const entry = byId.get(id) ?? { name: known.name, document: known.document, targets: [] };
        entry.targets.push(target);
        byId.set(id, entry);
      }
    }
    return [...byId.values()].map((p) => ({ ...p, targets: p.targets.sort() })).sort(byKey((p) => p.name));
  };
  return {
    rootId,
    ous: ous.sort(byKey((o) => o.id)),
    accounts: accounts.sort(byKey((a) => a.id)),
    scps: await read('SERVICE_CONTROL_POLICY'),
    rcps: await read('RESOURCE_CONTROL_POLICY'),
  };
}

/**
 * The organization's OU tree, SCPs and RCPs, as the first of the runner and the readers that may
 * read it (only the management account may); when none may, why not, naming who tried.
 */
export async function readOrganization(
  pool: ReadClientPool,
  readerAccounts: string[],
  organizationId: string,
  pageSize: number | undefined,
): Promise<{ tree?: DeployedOrgTree; error?: DeployedReadError }> {
  let last: ReadFailure | undefined;
  for (const account of [undefined, ...readerAccounts]) {
    try {
      const tree = await readOrganizationTree(pool.forAccount(account).organizations, pageSize);
      const managementAccount = account ?? (await step('GetCallerIdentity', () => pool.runnerAccount()));
      return { tree: { ...tree, managementAccount } };
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error;
      // A denial is expected of every account but the management account's; another failure is the one to tell.
      if (!last || last.errorName === 'AccessDeniedException') last = error;
    }
  }
  const who = readerAccounts.length > 0 ? `the runner and the readers of ${readerAccounts.join(', ')}` : 'the runner';
  const error = new ReadFailure(last!.operation, last!.errorName, `${last!.message} (tried as ${who})`);
  return { error: failure('organization', organizationId, error) };
}
