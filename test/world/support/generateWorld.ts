import type { WorldConfig } from '../../../world';
import type { Random } from '../../support/random';
import { drawGuardrails } from './drawGuardrails';
import { drawRelays } from './drawRelays';

/**
 * Random worlds for the differential guard: an organization with OUs and member accounts, an
 * outside account, VPCs, networks and services with random auth types, listeners and policies,
 * roles with random trust and identity policies, users, and callers from random VPCs; in some
 * worlds, relays (Lambda functions with random resource policies) and callers that send through one; and
 * organization guardrails: SCPs, RCPs, the management account, permissions boundaries, session policies.
 * The policies are drawn from conditions Lattice's auth policies use, so every layer refuses somewhere.
 */
const ORG = 'o-g3n3r4t3d0';
const ACCOUNTS = {
  owner: '700000000001',
  member: '700000000002',
  runner: '700000000003',
  outside: '800000000001',
} as const;

type Statement = Record<string, unknown>;

function condition(r: Random): Record<string, Record<string, unknown>> {
  const options: (() => Record<string, Record<string, unknown>>)[] = [
    () => ({ StringEquals: { 'aws:PrincipalOrgID': ORG } }),
    () => ({ StringNotEquals: { 'aws:PrincipalOrgID': ORG } }),
    () => ({ StringEquals: { 'aws:PrincipalTag/team': r.pick(['blue', 'red']) } }),
    () => ({ StringEquals: { 'vpc-lattice-svcs:RequestMethod': r.pick(['GET', 'POST', 'PUT']) } }),
    () => ({ StringLike: { 'vpc-lattice-svcs:RequestPath': r.pick(['/admin*', '/public/*', '/']) } }),
    () => ({ StringEquals: { 'vpc-lattice-svcs:RequestHeader/x-team': r.pick(['blue', 'red']) } }),
    () => ({ 'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/mode': r.pick(['fast', 'slow']) } }),
    () => ({ NumericEquals: { 'vpc-lattice-svcs:Port': r.pick(['443', '80', '8080']) } }),
    () => ({ Bool: { 'aws:SecureTransport': r.pick(['true', 'false']) } }),
    () => ({ StringEquals: { 'vpc-lattice-svcs:SourceVpcOwnerAccount': r.pick(Object.values(ACCOUNTS)) } }),
    () => ({ StringEquals: { 'aws:PrincipalType': r.pick(['AssumedRole', 'User', 'Anonymous']) } }),
    () => ({ StringEquals: { 'aws:SourceOrgID': ORG } }),
    () => ({ StringEquals: { 'aws:ResourceTag/tier': r.pick(['gold', 'silver']) } }),
    () => ({ StringLike: { 'aws:PrincipalArn': r.pick(['arn:aws:iam::*:role/app-*', 'arn:aws:iam::*:user/*']) } }),
    () => ({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/*/ou-gen0-aaaaaaaa/*` } }),
  ];
  return r.pick(options)();
}

function principal(r: Random): unknown {
  return r.pick<unknown>(['*', { AWS: '*' }, { AWS: [ACCOUNTS.member, ACCOUNTS.outside] }, { AWS: ACCOUNTS.member }]);
}

function authPolicy(r: Random): Record<string, unknown> {
  const statements: Statement[] = [];
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) {
    const effect = i === 0 || r.chance(0.6) ? 'Allow' : 'Deny';
    statements.push({
      Sid: `S${i}`,
      Effect: effect,
      Principal: principal(r),
      Action: r.pick(['vpc-lattice-svcs:Invoke', 'vpc-lattice-svcs:*', '*']),
      Resource: r.pick(['*', 'arn:aws:vpc-lattice:*:*:service/*/admin*', 'arn:aws:vpc-lattice:*:*:service/*']),
      ...(r.chance(0.7) && { Condition: condition(r) }),
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

function identityPolicy(r: Random): Record<string, unknown> {
  const statements: Statement[] = [
    {
      Sid: 'Invoke',
      Effect: 'Allow',
      Action: r.pick(['vpc-lattice-svcs:Invoke', 'vpc-lattice-svcs:*']),
      Resource: '*',
    },
  ];
  if (r.chance(0.3)) {
    statements.push({
      Sid: 'NoAdmin',
      Effect: 'Deny',
      Action: 'vpc-lattice-svcs:Invoke',
      Resource: '*',
      Condition: condition(r),
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

function trustPolicy(r: Random): Record<string, unknown> {
  const principalOf = r.pick<unknown>([
    { AWS: `arn:aws:iam::${ACCOUNTS.runner}:root` },
    { AWS: `arn:aws:iam::${ACCOUNTS.runner}:user/runner` },
    { AWS: ACCOUNTS.runner },
    { AWS: `arn:aws:iam::${ACCOUNTS.outside}:root` },
  ]);
  const conditions = r.pick<Record<string, unknown> | undefined>([
    undefined,
    undefined,
    { StringEquals: { 'sts:ExternalId': 'ext-1' } },
    { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } },
    { Bool: { 'aws:SecureTransport': 'true' } },
    { StringEquals: { 'aws:PrincipalOrgID': ORG } },
  ]);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principalOf,
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        ...(conditions && { Condition: conditions }),
      },
    ],
  };
}

/** A world for seed `n`: deterministic. */
export function generateWorld(r: Random): WorldConfig {
  const vpcNames = ['vpc-a', 'vpc-b', 'vpc-c', 'vpc-d'];
  const accountNames = ['owner', 'member', 'runner', 'outside'] as const;
  const networkCount = 1 + r.int(2);
  const networks: WorldConfig['serviceNetworks'] = {};
  const serviceNames = ['svc-one', 'svc-two', 'svc-three'].slice(0, 1 + r.int(3));
  const vpcPool = [...vpcNames];
  for (let i = 0; i < networkCount; i++) {
    const vpcs = vpcPool.splice(0, 1 + r.int(2));
    networks[`net-${i}`] = {
      account: 'owner',
      authType: r.chance(0.8) ? 'AWS_IAM' : 'NONE',
      ...(r.chance(0.9) && { authPolicy: authPolicy(r) }),
      vpcs,
      services: r.some(serviceNames, serviceNames.length),
    };
  }
  const services: WorldConfig['services'] = {};
  for (const name of serviceNames) {
    services[name] = {
      account: 'owner',
      authType: r.chance(0.8) ? 'AWS_IAM' : 'NONE',
      ...(r.chance(0.85) && { authPolicy: authPolicy(r) }),
      tags: { tier: r.pick(['gold', 'silver']) },
      listeners: r.pick([
        [{ protocol: 'HTTPS' as const }],
        [{ protocol: 'HTTPS' as const }, { protocol: 'HTTP' as const, port: 8080 }],
      ]),
      target: { fixed: { body: `"${name}"` } },
    };
  }
  const roles: NonNullable<WorldConfig['roles']> = {};
  for (const [i, account] of ['member', 'outside', 'member'].entries()) {
    roles[`role-${i}`] = {
      account,
      name: `app-${i}`,
      trustPolicy: trustPolicy(r),
      identityPolicies: r.chance(0.85) ? [identityPolicy(r)] : [],
      ...(r.chance(0.6) && { tags: { team: r.pick(['blue', 'red']) } }),
    };
  }
  const vpcs: WorldConfig['vpcs'] = {};
  for (const name of vpcNames) vpcs[name] = { account: r.pick(accountNames) };
  const world: WorldConfig = {
    region: 'us-west-2',
    organization: {
      id: ORG,
      rootId: 'r-gen0',
      ous: { apps: { id: 'ou-gen0-aaaaaaaa' }, tools: { id: 'ou-gen0-bbbbbbbb' } },
    },
    accounts: {
      owner: { id: ACCOUNTS.owner, ou: 'tools' },
      member: { id: ACCOUNTS.member, ou: 'apps' },
      runner: { id: ACCOUNTS.runner, ou: r.pick(['apps', 'tools']) },
      outside: { id: ACCOUNTS.outside, inOrganization: false },
    },
    vpcs,
    users: {
      runner: {
        account: 'runner',
        identityPolicies: [
          {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['sts:AssumeRole', 'sts:TagSession'],
                Resource: r.pick(['*', 'arn:aws:iam::*:role/app-*']),
              },
              ...(r.chance(0.2)
                ? [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/app-2' }]
                : []),
            ],
          },
        ],
      },
      person: { account: r.pick(['member', 'outside']), identityPolicies: r.chance(0.8) ? [identityPolicy(r)] : [] },
    },
    roles,
    serviceNetworks: networks,
    services,
    callers: {
      'r0-a': {
        role: 'role-0',
        vpc: 'vpc-a',
        ...(r.chance(0.5) && { sessionTags: { team: r.pick(['blue', 'red']) } }),
      },
      'r1-b': { role: 'role-1', vpc: 'vpc-b', ...(r.chance(0.5) && { externalId: 'ext-1' }) },
      'r2-c': { role: 'role-2', vpc: 'vpc-c' },
      'r0-d': { role: 'role-0', vpc: 'vpc-d', ...(r.chance(0.5) && { externalId: 'ext-1' }) },
      person: { user: 'person', vpc: r.pick(vpcNames) },
      anon: { anonymous: true, vpc: r.pick(vpcNames) },
    },
    runner: { user: 'runner', vpc: 'vpc-c' },
  };
  // Drawn after everything else: each seed keeps every earlier draw, and relays only add to its world.
  const relays = drawRelays(r, {
    region: world.region,
    org: ORG,
    appsOrgPath: `${ORG}/*/ou-gen0-aaaaaaaa/*`,
    accounts: ACCOUNTS,
    vpcs,
    associated: Object.values(networks).flatMap((n) => n.vpcs ?? []),
    roles: Object.keys(roles),
    users: ['person'],
  });
  // The runner's lambda:InvokeFunction rights on the relays join its one identity policy.
  (world.users!.runner!.identityPolicies![0] as { Statement: Statement[] }).Statement.push(...relays.runnerStatements);
  if (Object.keys(relays.relays).length > 0) {
    world.relays = relays.relays;
    Object.assign(world.callers, relays.callers);
  }
  // Guardrails last of all: every earlier draw of a seed stays, and they only add to its world.
  const associated = Object.values(networks).flatMap((n) => n.vpcs ?? []);
  const guardrails = drawGuardrails(r, {
    org: ORG,
    appsOrgPath: `${ORG}/*/ou-gen0-aaaaaaaa/*`,
    accounts: ACCOUNTS,
    ous: Object.keys(world.organization!.ous!),
    memberOu: 'apps',
    runnerOu: world.accounts.runner!.ou!,
    vpcs: associated.length > 0 ? associated : vpcNames,
    relays: Object.keys(world.relays ?? {}),
    identityPolicy: () => identityPolicy(r),
  });
  world.organization!.policies = guardrails.policies;
  if (guardrails.managementAccount) world.organization!.managementAccount = guardrails.managementAccount;
  Object.assign(roles, guardrails.roles);
  world.managedPolicies = guardrails.managedPolicies;
  Object.assign(world.callers, guardrails.callers);
  return world;
}
