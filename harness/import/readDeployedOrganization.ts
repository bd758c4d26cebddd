import {
  GetRoleCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import {
  GetAuthPolicyCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  ListTagsForResourceCommand,
  paginateListListeners,
  paginateListServiceNetworks,
  paginateListServiceNetworkServiceAssociations,
  paginateListServiceNetworkVpcAssociations,
  paginateListServices,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import type { ResolvedEnvironment } from '../resolve/types';
import type { ReadClientPool } from './createReadClients';
import { byKey, sortedTags, type DeployedIdentityPolicy, type DeployedNetwork, type DeployedOrganization, type DeployedRole, type DeployedService } from './types';

export interface ReadOptions {
  /** Items per page asked for (the services' own bounds apply). Default: the services' defaults. */
  pageSize?: number;
}

const accountOf = (arn: string) => arn.split(':')[4]!;

async function collect<T>(pages: AsyncIterable<{ items?: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(page.items ?? []));
  return out;
}

/** A policy document as JSON (GetAuthPolicy's text) or URL-encoded JSON (IAM's documents). */
function parseDocument(text: string | undefined, urlEncoded: boolean, what: string): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(urlEncoded ? decodeURIComponent(text) : text);
  } catch (error) {
    throw new Error(`${what} is not a JSON policy document: ${(error as Error).message}`);
  }
}

async function authPolicyOf(client: VPCLatticeClient, arn: string): Promise<unknown> {
  try {
    const out = await client.send(new GetAuthPolicyCommand({ resourceIdentifier: arn }));
    return parseDocument(out.policy, false, `the auth policy of ${arn}`);
  } catch (error) {
    // No policy attached.
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

const tagsOf = async (client: VPCLatticeClient, arn: string) => sortedTags((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags);

async function readLatticeAccount(client: VPCLatticeClient, pageSize: number | undefined, vpcOwners: Map<string, string>) {
  const config = { client, ...(pageSize && { pageSize }) };
  const networks: DeployedNetwork[] = [];
  for (const summary of await collect(paginateListServiceNetworks(config, {}))) {
    const arn = summary.arn!;
    const network = await client.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: arn }));
    const vpcAssociations = await collect(paginateListServiceNetworkVpcAssociations(config, { serviceNetworkIdentifier: arn }));
    const policy = await authPolicyOf(client, arn);
    networks.push({
      arn,
      id: network.id!,
      name: network.name!,
      account: accountOf(arn),
      authType: network.authType ?? 'NONE',
      ...(policy !== undefined && { policy }),
      vpcs: vpcAssociations.filter((a) => a.status !== 'DELETE_IN_PROGRESS').map((a) => a.vpcId!).sort(),
      tags: await tagsOf(client, arn),
    });
    // The VPC's owner: the account that made the association (Lattice records it as createdBy).
    for (const a of vpcAssociations) vpcOwners.set(a.vpcId!, a.createdBy ?? accountOf(arn));
  }
  const services: DeployedService[] = [];
  for (const summary of await collect(paginateListServices(config, {}))) {
    const arn = summary.arn!;
    const service = await client.send(new GetServiceCommand({ serviceIdentifier: arn }));
    const associations = await collect(paginateListServiceNetworkServiceAssociations(config, { serviceIdentifier: arn }));
    const listeners = await collect(paginateListListeners(config, { serviceIdentifier: arn }));
    const policy = await authPolicyOf(client, arn);
    services.push({
      arn,
      id: service.id!,
      name: service.name!,
      account: accountOf(arn),
      authType: service.authType ?? 'NONE',
      ...(policy !== undefined && { policy }),
      tags: await tagsOf(client, arn),
      serviceNetworks: associations.filter((a) => a.status !== 'DELETE_IN_PROGRESS').map((a) => a.serviceNetworkId!).sort(),
      listeners: listeners.map((l) => ({ protocol: l.protocol as 'HTTP' | 'HTTPS', port: l.port! })).sort((a, b) => a.port - b.port),
      ...(service.customDomainName && { customDomainName: service.customDomainName.toLowerCase() }),
    });
  }
  return { networks, services };
}
async function readRole(pool: ReadClientPool, roleArn: string, pageSize: number | undefined): Promise<DeployedRole> {
  const account = accountOf(roleArn);
  const { iam } = pool.forAccount(account);
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
  const config = { client: iam, ...(pageSize && { pageSize }) };
  const identityPolicies: DeployedIdentityPolicy[] = [];
  for await (const page of paginateListRolePolicies(config, { RoleName: name })) {
    for (const policyName of page.PolicyNames ?? []) {
      const out = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
      identityPolicies.push({ kind: 'inline', name: policyName, document: parseDocument(out.PolicyDocument, true, `inline policy ${policyName} of ${roleArn}`) });
    }
  }
  for await (const page of paginateListAttachedRolePolicies(config, { RoleName: name })) {
    for (const attached of page.AttachedPolicies ?? []) {
      const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: attached.PolicyArn! }))).Policy!;
      const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: attached.PolicyArn!, VersionId: policy.DefaultVersionId! }));
      const document = parseDocument(version.PolicyVersion?.Document, true, `policy ${attached.PolicyArn}`);
      identityPolicies.push({ kind: 'managed', name: attached.PolicyName!, arn: attached.PolicyArn!, document });
    }
  }
  return {
    arn: role.Arn!,
    account,
    name: role.RoleName!,
    trustPolicy: parseDocument(role.AssumeRolePolicyDocument, true, `the trust policy of ${roleArn}`),
    identityPolicies: identityPolicies.sort(byKey((p) => `${p.kind}:${p.name}`)),
    tags: sortedTags(Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value ?? '']))),
    maxSessionDurationSeconds: role.MaxSessionDuration ?? 3600,
  };
}

/** The role ARNs the environment's callers assume, sorted, without repeats. */
export function callerRoleArns(env: ResolvedEnvironment): string[] {
  return [...new Set(Object.values(env.callers).flatMap((c) => (c.kind === 'role' ? [c.roleArn] : [])))].sort();
}

/**
 * Reads an environment's deployed organization, read-only: the service networks and services of
 * each reader's account (auth types, auth policies, listeners, custom domains, tags, service and
 * VPC associations, the VPCs' owners) and the caller roles (trust policy, inline and attached
 * identity policies, tags). Every list is followed through all its pages.
 */
export async function readDeployedOrganization(env: ResolvedEnvironment, pool: ReadClientPool, options: ReadOptions = {}): Promise<DeployedOrganization> {
  const vpcOwners = new Map<string, string>();
  const readerAccounts = Object.keys(env.readers ?? {}).sort();
  const networks = new Map<string, DeployedNetwork>();
  const services = new Map<string, DeployedService>();
  for (const account of readerAccounts.length > 0 ? readerAccounts : [undefined]) {
    const read = await readLatticeAccount(pool.forAccount(account).lattice, options.pageSize, vpcOwners);
    // A resource shared with another account is read as its owner sees it.
    for (const n of read.networks) if (!networks.has(n.arn) || account === n.account) networks.set(n.arn, n);
    for (const s of read.services) if (!services.has(s.arn) || account === s.account) services.set(s.arn, s);
  }
  const roles: DeployedRole[] = [];
  for (const arn of callerRoleArns(env)) roles.push(await readRole(pool, arn, options.pageSize));
  const vpcs = [...vpcOwners].map(([id, account]) => ({ id, account })).sort(byKey((v) => v.id));
  const accountIds = new Set([...readerAccounts, ...[...networks.values(), ...services.values(), ...vpcs, ...roles].map((x) => x.account)]);
  return {
    region: env.region,
    ...(env.organizationId !== undefined && { organizationId: env.organizationId }),
    accounts: [...accountIds].sort().map((id) => ({
      id,
      ...(env.readers?.[id]?.name !== undefined && { name: env.readers[id]!.name }),
      inOrganization: env.organizationId !== undefined && env.readers?.[id]?.inOrganization !== false,
    })),
    vpcs,
    roles,
    serviceNetworks: [...networks.values()].sort(byKey((n) => n.id)),
    services: [...services.values()].sort(byKey((s) => s.id)),
  };
}
