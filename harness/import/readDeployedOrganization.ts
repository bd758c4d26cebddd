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
import { readDeployedRelay, unqualifiedFunctionArn } from './readDeployedRelay';
import { readDeployedRole } from './readDeployedRole';
import { readOrganization } from './readOrganizationTree';
import { collect, failure, parseDocument, step } from './readSteps';
import {
  byKey,
  byListener,
  sortedTags,
  type DeployedOrgTree,
  type DeployedNetwork,
  type DeployedOrganization,
  type DeployedReadError,
  type DeployedRelay,
  type DeployedRole,
  type DeployedService,
} from './types';

export interface ReadOptions {
  /** Items per page asked for (within the services' bounds). Default: the services' own page size. */
  pageSize?: number;
  /** Relays' function ARNs to read besides the environment callers' (the world's, for drift). */
  relayArns?: readonly string[];
}

const accountOf = (arn: string) => arn.split(':')[4]!;

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

/** The role ARNs the environment's callers assume, sorted, without repeats. */
export function callerRoleArns(env: ResolvedEnvironment): string[] {
  return [...new Set(Object.values(env.callers).flatMap((c) => (c.kind === 'role' ? [c.roleArn] : [])))].sort();
}

/** The relays' function ARNs (unqualified) the environment's callers send through, sorted, without repeats. */
export function callerRelayArns(env: ResolvedEnvironment): string[] {
  const arns = Object.values(env.callers).flatMap((c) => (c.relay === undefined ? [] : [c.relay]));
  return [...new Set(arns.map(unqualifiedFunctionArn))].sort();
}

/**
 * Reads an environment's deployed organization, read-only: the service networks and services of
 * each reader's account (auth types, auth policies, listeners, custom domains, tags, service and
 * VPC associations, the VPCs' owners) and the caller roles (trust policy, inline and attached
 * identity policies, tags, permissions boundary), the relays' functions (VPC, resource-based policy; one that does
 * not exist is left out), as the reader of each account (the runner's own
 * credentials where there is none); and the organization's OU tree with its SCPs and RCPs, as
 * whoever of the runner and the readers may (the management account). Every list is followed
 * through all its pages. What cannot be read is in `errors`, against what it was about.
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
      roles.push(await readDeployedRole(pool.forAccount(accountOf(arn)).iam, arn, options.pageSize, errors));
    } catch (error) {
      errors.push(failure('role', arn, error));
    }
  }
  const relays: DeployedRelay[] = [];
  const relayArns = new Set([...callerRelayArns(env), ...(options.relayArns ?? []).map(unqualifiedFunctionArn)]);
  for (const arn of [...relayArns].sort()) {
    try {
      const relay = await readDeployedRelay(pool.forAccount(accountOf(arn)).lambda, arn, env.region);
      if (relay) relays.push(relay);
    } catch (error) {
      errors.push(failure('relay', arn, error));
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
    ...[...networks.values(), ...services.values(), ...vpcs, ...roles, ...relays].map((x) => x.account),
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
    relays,
    ...(organization && { organization }),
    ...(runnerAccount !== undefined && { runnerAccount }),
    ...(errors.length > 0 && { errors: errors.sort(byKey((e) => `${e.kind}:${e.id}`)) }),
  };
}
