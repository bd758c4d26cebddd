import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  type IAMClient,
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
import { readOrganizationTree } from './readOrganizationTree';
import { failure, ReadFailure, step } from './readSteps';
import {
  byKey,
  byListener,
  sortedTags,
  type DeployedIdentityPolicy,
  type DeployedOrgTree,
  type DeployedNetwork,
  type DeployedOrganization,
  type DeployedReadError,
  type DeployedRole,
  type DeployedService,
} from './types';

export interface ReadOptions {
  /** Items per page asked for (within the services' bounds). Default: the services' own page size. */
  pageSize?: number;
}

const accountOf = (arn: string) => arn.split(':')[4]!;

async function collect<P, T>(
  operation: string,
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  return step(operation, async () => {
    const out: T[] = [];
    for await (const page of pages) out.push(...(items(page) ?? []));
    return out;
  });
}

/** A policy document as JSON (GetAuthPolicy's text) or URL-encoded JSON (IAM's documents). */
function parseDocument(text: string | undefined, urlEncoded: boolean, operation: string): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(urlEncoded ? decodeURIComponent(text) : text);
  } catch (error) {
    throw new ReadFailure(
      operation,
      'InvalidPolicyDocument',
      `the policy document is not JSON: ${(error as Error).message}`,
    );
  }
}

async function authPolicyOf(client: VPCLatticeClient, arn: string): Promise<unknown> {
  try {
    const out = await client.send(new GetAuthPolicyCommand({ resourceIdentifier: arn }));
    return parseDocument(out.policy, false, 'GetAuthPolicy');
  } catch (error) {
    // No policy attached.
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    return step('GetAuthPolicy', () => Promise.reject(error));
  }
}

const tagsOf = (client: VPCLatticeClient, arn: string) =>
  step('ListTagsForResource', async () =>
    sortedTags((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags),
  );

interface AccountReading {
  networks: DeployedNetwork[];
  services: DeployedService[];
  vpcOwners: Map<string, string>;
  errors: DeployedReadError[];
}

async function readNetwork(
  client: VPCLatticeClient,
  arn: string,
  config: object,
  vpcOwners: Map<string, string>,
): Promise<DeployedNetwork> {
  const network = await step('GetServiceNetwork', () =>
    client.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: arn })),
  );
  const associations = await collect(
    'ListServiceNetworkVpcAssociations',
    paginateListServiceNetworkVpcAssociations({ client, ...config }, { serviceNetworkIdentifier: arn }),
    (p) => p.items,
  );
  const active = associations.filter((a) => a.status !== 'DELETE_IN_PROGRESS' && a.status !== 'DELETE_FAILED');
  // The VPC's owner: the account that made the association (Lattice records it as createdBy).
  for (const a of active) vpcOwners.set(a.vpcId!, a.createdBy ?? accountOf(arn));
  const policy = await authPolicyOf(client, arn);
  return {
    arn,
    id: network.id!,
    name: network.name!,
    account: accountOf(arn),
    authType: network.authType ?? 'NONE',
    ...(policy !== undefined && { policy }),
    vpcs: active.map((a) => a.vpcId!).sort(),
    tags: await tagsOf(client, arn),
  };
}

async function readService(client: VPCLatticeClient, arn: string, config: object): Promise<DeployedService> {
  const service = await step('GetService', () => client.send(new GetServiceCommand({ serviceIdentifier: arn })));
  const associations = await collect(
    'ListServiceNetworkServiceAssociations',
    paginateListServiceNetworkServiceAssociations({ client, ...config }, { serviceIdentifier: arn }),
    (p) => p.items,
  );
  const listeners = await collect(
    'ListListeners',
    paginateListListeners({ client, ...config }, { serviceIdentifier: arn }),
    (p) => p.items,
  );
  const policy = await authPolicyOf(client, arn);
  return {
    arn,
    id: service.id!,
    name: service.name!,
    account: accountOf(arn),
    authType: service.authType ?? 'NONE',
    ...(policy !== undefined && { policy }),
    tags: await tagsOf(client, arn),
    serviceNetworks: associations
      .filter((a) => a.status !== 'DELETE_IN_PROGRESS' && a.status !== 'DELETE_FAILED')
      .map((a) => a.serviceNetworkId!)
      .sort(),
    listeners: listeners.map((l) => ({ protocol: l.protocol as 'HTTP' | 'HTTPS', port: l.port! })).sort(byListener),
    ...(service.customDomainName && { customDomainName: service.customDomainName.toLowerCase() }),
  };
}

/**
 * The service networks and services an account sees, each read in full; a failure is recorded
 * against what it was about.
 */
async function readLatticeAccount(
  client: VPCLatticeClient,
  account: string | undefined,
  pageSize: number | undefined,
): Promise<AccountReading> {
  const config = pageSize ? { pageSize } : {};
  const reading: AccountReading = { networks: [], services: [], vpcOwners: new Map(), errors: [] };
  let networkArns: string[];
  let serviceArns: string[];
  try {
    networkArns = (
      await collect('ListServiceNetworks', paginateListServiceNetworks({ client, ...config }, {}), (p) => p.items)
    ).map((n) => n.arn!);
    serviceArns = (await collect('ListServices', paginateListServices({ client, ...config }, {}), (p) => p.items)).map(
      (s) => s.arn!,
    );
  } catch (error) {
    reading.errors.push(failure('account', account ?? '(runner)', error));
    return reading;
  }
  for (const arn of networkArns) {
    try {
      reading.networks.push(await readNetwork(client, arn, config, reading.vpcOwners));
    } catch (error) {
      reading.errors.push(failure('service-network', arn, error));
    }
  }
  for (const arn of serviceArns) {
    try {
      reading.services.push(await readService(client, arn, config));
    } catch (error) {
      reading.errors.push(failure('service', arn, error));
    }
  }
  return reading;
}

/** A managed policy's default version's document. */
async function managedDocument(iam: IAMClient, arn: string): Promise<unknown> {
  const policy = (await step('GetPolicy', () => iam.send(new GetPolicyCommand({ PolicyArn: arn })))).Policy!;
  const version = await step('GetPolicyVersion', () =>
    iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.DefaultVersionId! })),
  );
  return parseDocument(version.PolicyVersion?.Document, true, 'GetPolicyVersion');
}

/**
 * A caller role in full; a permissions boundary that cannot be read is recorded in `errors` (kind
 * `boundary`) and the role is read without it.
 */
async function readRole(
  iam: IAMClient,
  roleArn: string,
  pageSize: number | undefined,
  errors: DeployedReadError[],
): Promise<DeployedRole> {
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const role = (await step('GetRole', () => iam.send(new GetRoleCommand({ RoleName: name })))).Role!;
  const config = { client: iam, ...(pageSize && { pageSize }) };
  const identityPolicies: DeployedIdentityPolicy[] = [];
  for (const policyName of await collect(
    'ListRolePolicies',
    paginateListRolePolicies(config, { RoleName: name }),
    (p) => p.PolicyNames,
  )) {
    const out = await step('GetRolePolicy', () =>
      iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })),
    );
    identityPolicies.push({
      kind: 'inline',
      name: policyName,
      document: parseDocument(out.PolicyDocument, true, 'GetRolePolicy'),
    });
  }
  for (const attached of await collect(
    'ListAttachedRolePolicies',
    paginateListAttachedRolePolicies(config, { RoleName: name }),
    (p) => p.AttachedPolicies,
  )) {
    identityPolicies.push({
      kind: 'managed',
      name: attached.PolicyName!,
      arn: attached.PolicyArn!,
      document: await managedDocument(iam, attached.PolicyArn!),
    });
  }
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  let permissionsBoundary: DeployedRole['permissionsBoundary'];
  if (boundaryArn !== undefined) {
    try {
      permissionsBoundary = { arn: boundaryArn, document: await managedDocument(iam, boundaryArn) };
    } catch (error) {
      errors.push(failure('boundary', roleArn, error));
    }
  }
  return {
    arn: role.Arn!,
    account: accountOf(roleArn),
    name: role.RoleName!,
    trustPolicy: parseDocument(role.AssumeRolePolicyDocument, true, 'GetRole'),
    identityPolicies: identityPolicies.sort(byKey((p) => `${p.kind}:${p.name}`)),
    tags: sortedTags(Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value ?? '']))),
    maxSessionDurationSeconds: role.MaxSessionDuration ?? 3600,
    ...(permissionsBoundary && { permissionsBoundary }),
  };
}

/**
 * The organization's OU tree, SCPs and RCPs, as the first of the runner and the readers that may
 * read it (only the management account may); when none may, why not, naming who tried.
 */
async function readOrganization(
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

/** The role ARNs the environment's callers assume, sorted, without repeats. */
export function callerRoleArns(env: ResolvedEnvironment): string[] {
  return [...new Set(Object.values(env.callers).flatMap((c) => (c.kind === 'role' ? [c.roleArn] : [])))].sort();
}

/**
 * Reads an environment's deployed organization, read-only: the service networks and services of
 * each reader's account (auth types, auth policies, listeners, custom domains, tags, service and
 * VPC associations, the VPCs' owners) and the caller roles (trust policy, inline and attached
 * identity policies, tags, permissions boundary), as the reader of each account (the runner's own
 * credentials where there is none); and the organization's OU tree with its SCPs and RCPs, as
 * whoever of the runner and the readers may (the management account). Every list is followed through all its pages. What cannot be read is in
 * `errors`, against the account or resource it was about.
 */
export async function readDeployedOrganization(
  env: ResolvedEnvironment,
  pool: ReadClientPool,
  options: ReadOptions = {},
): Promise<DeployedOrganization> {
  const readerAccounts = Object.keys(env.readers ?? {}).sort();
  const networks = new Map<string, DeployedNetwork>();
  const services = new Map<string, DeployedService>();
  const vpcOwners = new Map<string, string>();
  const errors: DeployedReadError[] = [];
  for (const account of readerAccounts.length > 0 ? readerAccounts : [undefined]) {
    const read = await readLatticeAccount(pool.forAccount(account).lattice, account, options.pageSize);
    // A resource shared with another account is read as its owner sees it.
    for (const n of read.networks) if (!networks.has(n.arn) || account === n.account) networks.set(n.arn, n);
    for (const s of read.services) if (!services.has(s.arn) || account === s.account) services.set(s.arn, s);
    for (const [vpc, owner] of read.vpcOwners) vpcOwners.set(vpc, owner);
    errors.push(...read.errors);
  }
  const roles: DeployedRole[] = [];
  for (const arn of callerRoleArns(env)) {
    try {
      roles.push(await readRole(pool.forAccount(accountOf(arn)).iam, arn, options.pageSize, errors));
    } catch (error) {
      errors.push(failure('role', arn, error));
    }
  }
  let organization: DeployedOrgTree | undefined;
  {
    const read = await readOrganization(pool, readerAccounts, env.organizationId ?? '(organization)', options.pageSize);
    organization = read.tree;
    if (read.error) errors.push(read.error);
  }
  let runnerAccount: string | undefined;
  try {
    runnerAccount = await step('GetCallerIdentity', () => pool.runnerAccount());
  } catch (error) {
    errors.push(failure('account', '(runner)', error));
  }
  const vpcs = [...vpcOwners].map(([id, account]) => ({ id, account })).sort(byKey((v) => v.id));
  const accountIds = new Set([
    ...readerAccounts,
    ...[...networks.values(), ...services.values(), ...vpcs, ...roles].map((x) => x.account),
  ]);
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
    ...(organization && { organization }),
    ...(runnerAccount !== undefined && { runnerAccount }),
    ...(errors.length > 0 && { errors: errors.sort(byKey((e) => `${e.kind}:${e.id}`)) }),
  };
}
