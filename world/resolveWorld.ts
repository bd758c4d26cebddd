import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { SourceOrgIdMode } from '../policy';
import { roleArn, userArn } from './arns';
import { Fields } from './Fields';
import { resolveManagedPolicies, resolveSessionPolicies } from './resolveSessionPolicies';
import { readPolicyRef } from './readPolicyRef';
import { resolveOrgPolicies } from './resolveOrgPolicies';
import { resolveCallerSource, resolveRelays } from './resolveRelays';
import type {
  AccountSpec,
  CallerSpec,
  ListenerSpec,
  OidcProviderSpec,
  OrganizationSpec,
  RoleSpec,
  ServiceNetworkSpec,
  ServiceSpec,
  TargetSpec,
  UserSpec,
  VpcSpec,
  WorldSpec,
} from './types';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SOURCE_ORG_ID_MODES = ['principal', 'source-vpc-owner', 'absent'] as const;
const AUTH_TYPES = ['NONE', 'AWS_IAM'] as const;

/** A stable identifier for a named entity: the same name always gives the same ID. */
function derivedId(prefix: string, world: string, name: string, length = 17): string {
  return `${prefix}${createHash('sha256').update(`${world}/${prefix}/${name}`).digest('hex').slice(0, length)}`;
}

function entries(f: Fields, value: unknown, field: string): [string, Record<string, unknown>][] {
  if (value === undefined) return [];
  return Object.entries(f.object(value, field)).map(([key, v]) => {
    if (!NAME.test(key))
      f.fail(`${field}.${key}`, 'names are 1 to 40 lower-case letters, digits and -, starting with a letter or digit');
    return [key, f.object(v, `${field}.${key}`)];
  });
}

function tags(f: Fields, value: unknown, field: string): Record<string, string> | undefined {
  return value === undefined ? undefined : f.stringMap(value, field);
}

function ref(f: Fields, value: unknown, field: string, names: ReadonlyMap<string, unknown>, what: string): string {
  const name = f.string(value, field);
  if (!names.has(name)) f.fail(field, `unknown ${what} "${name}" (known: ${[...names.keys()].join(', ') || 'none'})`);
  return name;
}

function unique(f: Fields, seen: Map<string, string>, key: string, field: string, what: string): void {
  const first = seen.get(key);
  if (first !== undefined) f.fail(field, `${what} ${key} is also ${first}`);
  seen.set(key, field);
}

function resolveOrganization(f: Fields, raw: Record<string, unknown>, worldName: string) {
  const o = f.object(raw.organization, 'organization');
  f.known(o, 'organization', ['id', 'rootId', 'managementAccount', 'ous', 'policies']);
  const id = f.string(o.id, 'organization.id');
  if (!/^o-[a-z0-9]{10,32}$/.test(id))
    f.fail('organization.id', `must be o- and 10 to 32 lower-case letters or digits, got ${JSON.stringify(id)}`);
  const rootId = o.rootId === undefined ? derivedId('r-', worldName, id, 4) : f.string(o.rootId, 'organization.rootId');
  if (!/^r-[a-z0-9]{4,32}$/.test(rootId))
    f.fail('organization.rootId', `must be r- and 4 to 32 lower-case letters or digits, got ${JSON.stringify(rootId)}`);
  const ouEntries = entries(f, o.ous, 'organization.ous');
  const ouIds = new Map<string, string>();
  const seenIds = new Map<string, string>();
  for (const [name, ou] of ouEntries) {
    f.known(ou, `organization.ous.${name}`, ['id', 'parent']);
    const ouId =
      ou.id === undefined
        ? `ou-${rootId.slice(2, 6)}-${derivedId('', worldName, name, 8)}`
        : f.string(ou.id, `organization.ous.${name}.id`);
    if (!/^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/.test(ouId))
      f.fail(`organization.ous.${name}.id`, `must look like ou-ab12-11111111, got ${JSON.stringify(ouId)}`);
    unique(f, seenIds, ouId, `organization.ous.${name}.id`, 'OU ID');
    ouIds.set(name, ouId);
  }
  const ous = ouEntries.map(([name, ou]) => {
    const parent =
      ou.parent === undefined ? undefined : ref(f, ou.parent, `organization.ous.${name}.parent`, ouIds, 'OU');
    return { id: ouIds.get(name)!, name, parentId: parent ? ouIds.get(parent)! : rootId, parent };
  });
  // The path of each OU below the root, refusing cycles.
  const pathOf = new Map<string, string>();
  const walk = (name: string, seen: string[]): string => {
    const known = pathOf.get(name);
    if (known !== undefined) return known;
    if (seen.includes(name))
      f.fail(`organization.ous.${name}.parent`, `OU parents form a cycle: ${[...seen, name].join(' → ')}`);
    const ou = ous.find((u) => u.name === name)!;
    const path = `${ou.parent ? walk(ou.parent, [...seen, name]) : ''}${ou.id}/`;
    pathOf.set(name, path);
    return path;
  };
  for (const ou of ous) walk(ou.name, []);
  return { id, rootId, managementAccount: o.managementAccount, ous, ouIds, pathOf, policies: o.policies };
}

/**
 * Validates a world file's export and resolves it into the world model: IDs derived where not
 * given, names turned into AWS identifiers, policy files read and validated, addresses assigned.
 * Every mistake names the file and the field.
 */
export function resolveWorld(value: unknown, file: string): WorldSpec {
  const f = new Fields(file);
  const worldName = basename(file).replace(/\.[mc]?[tj]s$/, '');
  const raw = f.object(value, 'default export');
  f.known(raw, '', [
    'region',
    'organization',
    'accounts',
    'vpcs',
    'roles',
    'users',
    'managedPolicies',
    'serviceNetworks',
    'services',
    'callers',
    'relays',
    'runner',
    'sourceOrgIdMode',
    'oidcProviders',
  ]);
  const region = f.string(raw.region, 'region');
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    f.fail('region', `is not an AWS region name, got ${JSON.stringify(region)}`);
  const policyFiles = new Map<unknown, string>();

  const org = raw.organization === undefined ? undefined : resolveOrganization(f, raw, worldName);

  // Accounts.
  const accountIds = new Map<string, string>();
  const accounts: AccountSpec[] = [];
  const ouPaths: Record<string, string> = {};
  const seenAccountIds = new Map<string, string>();
  for (const [name, a] of entries(f, raw.accounts, 'accounts')) {
    const field = `accounts.${name}`;
    f.known(a, field, ['id', 'inOrganization', 'ou']);
    const id = f.string(a.id, `${field}.id`);
    if (!/^\d{12}$/.test(id)) f.fail(`${field}.id`, `must be a 12-digit account ID, got ${JSON.stringify(id)}`);
    unique(f, seenAccountIds, id, `${field}.id`, 'account ID');
    if (a.inOrganization !== undefined && typeof a.inOrganization !== 'boolean')
      f.fail(`${field}.inOrganization`, 'must be true or false');
    const inOrganization = (a.inOrganization as boolean | undefined) ?? org !== undefined;
    if (inOrganization && !org) f.fail(`${field}.inOrganization`, 'the world declares no organization');
    if (a.ou !== undefined) {
      if (!inOrganization) f.fail(`${field}.ou`, 'an account outside the organization sits in no OU');
      const ou = ref(f, a.ou, `${field}.ou`, org!.ouIds, 'OU');
      ouPaths[id] = org!.pathOf.get(ou)!;
    } else if (inOrganization) {
      ouPaths[id] = '';
    }
    accountIds.set(name, id);
    accounts.push({ id, name, inOrganization });
  }
  if (accounts.length === 0) f.fail('accounts', 'declares no account');
  let organization: OrganizationSpec;
  if (org) {
    const management =
      org.managementAccount === undefined
        ? undefined
        : accountIds.get(ref(f, org.managementAccount, 'organization.managementAccount', accountIds, 'account'));
    if (management && !accounts.find((a) => a.id === management)!.inOrganization) {
      f.fail('organization.managementAccount', 'the management account must belong to the organization');
    }
    const members = new Map(accounts.filter((a) => a.inOrganization).map((a) => [a.name, a.id]));
    const targets = { rootId: org.rootId, ous: org.ouIds, accounts: members };
    const { scps, rcps } = resolveOrgPolicies(f, org.policies, targets, policyFiles);
    organization = {
      id: org.id,
      rootId: org.rootId,
      ...(management && { managementAccount: management }),
      ous: org.ous.map(({ id, name, parentId }) => ({ id, name, parentId })),
      ouPaths,
      scps,
      rcps,
    };
  } else {
    // No organization: every account stands alone; an ID no account can match.
    organization = { id: 'o-none0000000', rootId: 'r-none', ous: [], ouPaths: {} };
  }

  // VPCs.
  const vpcIds = new Map<string, string>();
  const vpcs: VpcSpec[] = [];
  const seenVpcIds = new Map<string, string>();
  const seenAddresses = new Map<string, string>();
  let nextAddress = 11;
  for (const [name, v] of entries(f, raw.vpcs, 'vpcs')) {
    const field = `vpcs.${name}`;
    f.known(v, field, ['account', 'id', 'address']);
    const account = accountIds.get(ref(f, v.account, `${field}.account`, accountIds, 'account'))!;
    const id = v.id === undefined ? derivedId('vpc-', worldName, name) : f.string(v.id, `${field}.id`);
    if (!/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id))
      f.fail(`${field}.id`, `must be vpc- and 8 or 17 hex digits, got ${JSON.stringify(id)}`);
    unique(f, seenVpcIds, id, `${field}.id`, 'VPC ID');
    let address: string;
    if (v.address === undefined) {
      do address = `127.0.0.${nextAddress++}`;
      while (seenAddresses.has(address));
      if (nextAddress > 255)
        f.fail(field, 'more VPCs than the local world has loopback addresses for: give addresses (127.0.x.y)');
    } else {
      address = f.string(v.address, `${field}.address`);
      if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '127.0.0.1') {
        f.fail(`${field}.address`, `must be a loopback address other than 127.0.0.1, got ${JSON.stringify(address)}`);
      }
    }
    unique(f, seenAddresses, address, `${field}.address`, 'address');
    vpcIds.set(name, id);
    vpcs.push({ id, name, account, address });
  }

  // IAM users and roles.
  const userArns = new Map<string, string>();
  const users: UserSpec[] = [];
  const seenPrincipals = new Map<string, string>();
  for (const [key, u] of entries(f, raw.users, 'users')) {
    const field = `users.${key}`;
    f.known(u, field, ['account', 'name', 'identityPolicies', 'tags', 'permissionsBoundary']);
    const account = accountIds.get(ref(f, u.account, `${field}.account`, accountIds, 'account'))!;
    const name = u.name === undefined ? key : f.string(u.name, `${field}.name`);
    if (!IAM_NAME.test(name)) f.fail(`${field}.name`, 'IAM user names are 1 to 64 of letters, digits and +=,.@_-');
    const identityPolicies = readPolicies(f, u.identityPolicies, `${field}.identityPolicies`, policyFiles);
    const arn = userArn(account, name);
    unique(f, seenPrincipals, arn, field, 'user');
    userArns.set(key, arn);
    users.push({
      name,
      account,
      identityPolicies,
      ...(u.tags !== undefined && { tags: tags(f, u.tags, `${field}.tags`) }),
      ...boundary(f, u.permissionsBoundary, field, policyFiles),
    });
  }
  const roleArns = new Map<string, string>();
  const roles: RoleSpec[] = [];
  for (const [key, r] of entries(f, raw.roles, 'roles')) {
    const field = `roles.${key}`;
    f.known(r, field, [
      'account',
      'name',
      'trustPolicy',
      'identityPolicies',
      'tags',
      'permissionsBoundary',
      'maxSessionDurationSeconds',
    ]);
    const account = accountIds.get(ref(f, r.account, `${field}.account`, accountIds, 'account'))!;
    const name = r.name === undefined ? key : f.string(r.name, `${field}.name`);
    if (!IAM_NAME.test(name)) f.fail(`${field}.name`, 'IAM role names are 1 to 64 of letters, digits and +=,.@_-');
    if (r.trustPolicy === undefined) f.fail(`${field}.trustPolicy`, 'is missing: who may assume the role?');
    const trustPolicy = readPolicyRef(r.trustPolicy, `${field}.trustPolicy`, 'trust', f, policyFiles);
    const identityPolicies = readPolicies(f, r.identityPolicies, `${field}.identityPolicies`, policyFiles);
    const arn = roleArn(account, name);
    unique(f, seenPrincipals, arn, field, 'role');
    roleArns.set(key, arn);
    roles.push({
      name,
      account,
      trustPolicy,
      identityPolicies,
      ...(r.tags !== undefined && { tags: tags(f, r.tags, `${field}.tags`) }),
      ...boundary(f, r.permissionsBoundary, field, policyFiles),
      ...(r.maxSessionDurationSeconds !== undefined && {
        maxSessionDurationSeconds: f.integer(
          r.maxSessionDurationSeconds,
          `${field}.maxSessionDurationSeconds`,
          3600,
          43200,
        ),
      }),
    });
  }

  const managed = resolveManagedPolicies(f, raw.managedPolicies, accountIds, policyFiles);

  // Services, then networks (which name the services they hold).
  const serviceIds = new Map<string, string>();
  const services: ServiceSpec[] = [];
  const seenServiceIds = new Map<string, string>();
  const seenDomains = new Map<string, string>();
  for (const [name, s] of entries(f, raw.services, 'services')) {
    const field = `services.${name}`;
    f.known(s, field, ['account', 'id', 'authType', 'authPolicy', 'tags', 'listeners', 'customDomainName', 'target']);
    const account = accountIds.get(ref(f, s.account, `${field}.account`, accountIds, 'account'))!;
    const id = s.id === undefined ? derivedId('svc-', worldName, name) : f.string(s.id, `${field}.id`);
    if (!/^svc-[0-9a-z]{17}$/.test(id))
      f.fail(`${field}.id`, `must be svc- and 17 lower-case letters or digits, got ${JSON.stringify(id)}`);
    unique(f, seenServiceIds, id, `${field}.id`, 'service ID');
    const authType = f.oneOf(s.authType, `${field}.authType`, AUTH_TYPES);
    const policy =
      s.authPolicy === undefined
        ? undefined
        : readPolicyRef(s.authPolicy, `${field}.authPolicy`, 'resource', f, policyFiles);
    const customDomainName =
      s.customDomainName === undefined
        ? undefined
        : f.string(s.customDomainName, `${field}.customDomainName`).toLowerCase();
    if (customDomainName !== undefined) {
      if (!/^(?=.{3,255}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(customDomainName)) {
        f.fail(`${field}.customDomainName`, `is not a domain name: ${JSON.stringify(customDomainName)}`);
      }
      unique(f, seenDomains, customDomainName, `${field}.customDomainName`, 'domain name');
    }
    serviceIds.set(name, id);
    services.push({
      id,
      name,
      account,
      authType,
      ...(policy !== undefined && { policy }),
      ...(s.tags !== undefined && { tags: tags(f, s.tags, `${field}.tags`) }),
      serviceNetworks: [],
      target: resolveTarget(f, s.target, `${field}.target`),
      listeners: resolveListeners(f, s.listeners, `${field}.listeners`),
      ...(customDomainName !== undefined && { customDomainName }),
    });
  }
  const serviceNetworks: ServiceNetworkSpec[] = [];
  const networkOfVpc = new Map<string, string>();
  const seenNetworkIds = new Map<string, string>();
  for (const [name, n] of entries(f, raw.serviceNetworks, 'serviceNetworks')) {
    const field = `serviceNetworks.${name}`;
    f.known(n, field, ['account', 'id', 'authType', 'authPolicy', 'vpcs', 'services', 'tags']);
    const account = accountIds.get(ref(f, n.account, `${field}.account`, accountIds, 'account'))!;
    const id = n.id === undefined ? derivedId('sn-', worldName, name) : f.string(n.id, `${field}.id`);
    if (!/^sn-[0-9a-z]{17}$/.test(id))
      f.fail(`${field}.id`, `must be sn- and 17 lower-case letters or digits, got ${JSON.stringify(id)}`);
    unique(f, seenNetworkIds, id, `${field}.id`, 'service network ID');
    const authType = f.oneOf(n.authType, `${field}.authType`, AUTH_TYPES);
    const policy =
      n.authPolicy === undefined
        ? undefined
        : readPolicyRef(n.authPolicy, `${field}.authPolicy`, 'resource', f, policyFiles);
    const vpcAssociations: string[] = [];
    for (const [i, v] of names(f, n.vpcs, `${field}.vpcs`).entries()) {
      const vpcName = ref(f, v, `${field}.vpcs[${i}]`, vpcIds, 'VPC');
      // A VPC can be associated with one service network at a time (VPC Lattice quotas).
      const other = networkOfVpc.get(vpcName);
      if (other !== undefined)
        f.fail(
          `${field}.vpcs[${i}]`,
          `VPC "${vpcName}" is already associated with ${other}: a VPC can be associated with one service network only`,
        );
      networkOfVpc.set(vpcName, field);
      vpcAssociations.push(vpcIds.get(vpcName)!);
    }
    for (const [i, s] of names(f, n.services, `${field}.services`).entries()) {
      const serviceName = ref(f, s, `${field}.services[${i}]`, serviceIds, 'service');
      const service = services.find((x) => x.name === serviceName)!;
      if (service.serviceNetworks.includes(id))
        f.fail(`${field}.services[${i}]`, `service "${serviceName}" is listed twice`);
      service.serviceNetworks.push(id);
    }
    serviceNetworks.push({
      id,
      name,
      account,
      authType,
      ...(policy !== undefined && { policy }),
      vpcAssociations,
      ...(n.tags !== undefined && { tags: tags(f, n.tags, `${field}.tags`) }),
    });
  }

  // Relays, then callers (which may send through one).
  const vpcsByName = new Map(vpcs.map((v) => [v.name!, v]));
  const relays = resolveRelays(f, raw.relays, { region, accountIds, vpcs: vpcsByName, policyFiles });
  const callers: CallerSpec[] = [];
  for (const [name, c] of entries(f, raw.callers, 'callers')) {
    const field = `callers.${name}`;
    const { vpc, relay } = resolveCallerSource(f, c, field, vpcsByName, relays);
    const via = relay === undefined ? {} : { relay };
    if ('role' in c) {
      f.known(c, field, [
        'role',
        'vpc',
        'relay',
        'externalId',
        'sessionName',
        'sessionTags',
        'durationSeconds',
        'sessionPolicy',
        'sessionPolicyArns',
      ]);
      const role = roleArns.get(ref(f, c.role, `${field}.role`, roleArns, 'role'))!;
      const sessionName =
        c.sessionName === undefined
          ? `lattice-e2e-${name}`.slice(0, 64)
          : f.string(c.sessionName, `${field}.sessionName`);
      if (!SESSION_NAME.test(sessionName))
        f.fail(
          `${field}.sessionName`,
          `${JSON.stringify(sessionName)} is not a valid STS session name (2 to 64 of letters, digits and +=,.@_-)`,
        );
      callers.push({
        kind: 'role',
        name,
        roleArn: role,
        ...(c.externalId !== undefined && { externalId: f.string(c.externalId, `${field}.externalId`) }),
        sessionName,
        sessionTags: f.stringMap(c.sessionTags, `${field}.sessionTags`),
        durationSeconds:
          c.durationSeconds === undefined ? 3600 : f.integer(c.durationSeconds, `${field}.durationSeconds`, 900, 43200),
        vpc,
        ...via,
        ...resolveSessionPolicies(f, c, field, managed.arns, policyFiles),
      });
    } else if ('user' in c) {
      f.known(c, field, ['user', 'vpc', 'relay']);
      callers.push({
        kind: 'user',
        name,
        userArn: userArns.get(ref(f, c.user, `${field}.user`, userArns, 'user'))!,
        vpc,
        ...via,
      });
    } else if (c.anonymous === true) {
      f.known(c, field, ['anonymous', 'vpc', 'relay']);
      // What check predicts for it (Lattice's answer to an unsigned request) is never what comes back.
      if (relay !== undefined)
        f.fail(`${field}.relay`, 'a relay sends signed requests only: an anonymous caller calls from a VPC');
      callers.push({ kind: 'anonymous', name, vpc });
    } else {
      f.fail(
        field,
        'must name a role ({ role, vpc }), a user ({ user, vpc }) or be anonymous ({ anonymous: true, vpc })',
      );
    }
  }

  // OIDC identity providers.
  const oidcProviders: OidcProviderSpec[] = [];
  for (const [name, p] of entries(f, raw.oidcProviders, 'oidcProviders')) {
    const field = `oidcProviders.${name}`;
    f.known(p, field, ['account', 'url', 'clientIds']);
    const account = accountIds.get(ref(f, p.account, `${field}.account`, accountIds, 'account'))!;
    const url = f.string(p.url, `${field}.url`);
    if (!/^https:\/\/[^/\s]+/.test(url)) f.fail(`${field}.url`, `must be an https:// URL, got ${JSON.stringify(url)}`);
    const clientIds = names(f, p.clientIds, `${field}.clientIds`).map((c, i) =>
      f.string(c, `${field}.clientIds[${i}]`),
    );
    if (clientIds.length === 0)
      f.fail(`${field}.clientIds`, 'must name at least one audience (e.g. sts.amazonaws.com)');
    oidcProviders.push({ account, url, clientIds });
  }

  // The runner.
  const runnerRaw = f.object(raw.runner, 'runner');
  f.known(runnerRaw, 'runner', ['user', 'vpc']);
  const runnerKey = ref(f, runnerRaw.user, 'runner.user', userArns, 'user');
  const runnerUser = users[[...userArns.keys()].indexOf(runnerKey)]!;
  const runnerVpc = vpcIds.get(ref(f, runnerRaw.vpc, 'runner.vpc', vpcIds, 'VPC'))!;

  return {
    name: worldName,
    region,
    organization,
    accounts,
    runner: {
      userName: runnerUser.name,
      account: runnerUser.account,
      identityPolicy:
        runnerUser.identityPolicies.length === 1
          ? runnerUser.identityPolicies[0]
          : mergedPolicy(runnerUser.identityPolicies),
      ...(runnerUser.permissionsBoundary !== undefined && { permissionsBoundary: runnerUser.permissionsBoundary }),
    },
    roles,
    users,
    ...(managed.specs.length > 0 && { managedPolicies: managed.specs }),
    vpcs,
    runnerVpc,
    serviceNetworks,
    services,
    callers,
    ...(relays.size > 0 && { relays: [...relays.values()] }),
    ...(oidcProviders.length > 0 && { oidcProviders }),
    sourceOrgIdMode:
      raw.sourceOrgIdMode === undefined
        ? 'principal'
        : (f.oneOf(raw.sourceOrgIdMode, 'sourceOrgIdMode', SOURCE_ORG_ID_MODES) as SourceOrgIdMode),
    policyFiles,
  };
}

/** Several identity policies as one (their statements together): IAM evaluates them as one set. */
function mergedPolicy(policies: unknown[]): unknown {
  const statements = policies.flatMap((p) => {
    const s = (p as { Statement?: unknown }).Statement;
    return Array.isArray(s) ? s : s === undefined ? [] : [s];
  });
  return { Version: '2012-10-17', Statement: statements };
}

function boundary(
  f: Fields,
  value: unknown,
  field: string,
  files: Map<unknown, string>,
): { permissionsBoundary?: unknown } {
  if (value === undefined) return {};
  return { permissionsBoundary: readPolicyRef(value, `${field}.permissionsBoundary`, 'identity', f, files) };
}

function names(f: Fields, value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) f.fail(field, 'must be a list of names');
  return value;
}

function readPolicies(
  f: Fields,
  value: unknown,
  field: string,
  files: Map<unknown, string>,
): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) f.fail(field, 'must be a list of policies (inline documents or JSON file paths)');
  return value.map((p, i) => readPolicyRef(p, `${field}[${i}]`, 'identity', f, files));
}

function resolveTarget(f: Fields, value: unknown, field: string): TargetSpec {
  const t = f.object(value, field);
  if ('fixed' in t) {
    f.known(t, field, ['fixed']);
    const fixed = f.object(t.fixed, `${field}.fixed`);
    f.known(fixed, `${field}.fixed`, ['status', 'body']);
    if (typeof fixed.body !== 'string') f.fail(`${field}.fixed.body`, 'must be a string');
    return {
      kind: 'fixed',
      status: fixed.status === undefined ? 200 : f.integer(fixed.status, `${field}.fixed.status`, 200, 599),
      body: fixed.body,
    };
  }
  if ('echo' in t) {
    f.known(t, field, ['echo']);
    if (t.echo !== true) f.fail(`${field}.echo`, 'must be true');
    return { kind: 'echo' };
  }
  if ('upstream' in t) {
    f.known(t, field, ['upstream']);
    const url = f.string(t.upstream, `${field}.upstream`);
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      f.fail(`${field}.upstream`, `must be an http:// or https:// URL, got ${JSON.stringify(url)}`);
    return { kind: 'upstream', url };
  }
  return f.fail(field, 'must be { fixed: { status?, body } }, { echo: true } or { upstream: "<url>" }');
}

function resolveListeners(f: Fields, value: unknown, field: string): ListenerSpec[] {
  if (value === undefined) return [{ protocol: 'HTTPS', port: 443 }];
  if (!Array.isArray(value) || value.length === 0) f.fail(field, 'must be a non-empty list of { protocol, port? }');
  const seen = new Map<string, string>();
  return value.map((l, i) => {
    const at = `${field}[${i}]`;
    const listener = f.object(l, at);
    f.known(listener, at, ['protocol', 'port']);
    const protocol = f.oneOf(listener.protocol, `${at}.protocol`, ['HTTP', 'HTTPS'] as const);
    const port =
      listener.port === undefined
        ? protocol === 'HTTPS'
          ? 443
          : 80
        : f.integer(listener.port, `${at}.port`, 1, 65535);
    unique(f, seen, String(port), `${at}.port`, 'port');
    return { protocol, port };
  });
}
