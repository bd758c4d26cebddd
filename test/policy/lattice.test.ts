import { describe, expect, it } from 'vitest';
import {
  authorizeInvoke,
  buildInvokeContext,
  formatAccessDenied,
  parsePolicy,
  type AuthType,
  type InvokeAuthInput,
  type InvokeCaller,
  type Policy,
} from '../../policy';

const SERVICE_ARN = 'arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123456789abcdef0';
const NETWORK_ARN = 'arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0';
const ORG = 'o-abc123def4';
const CALLER_ARN = 'arn:aws:sts::222222222222:assumed-role/caller/session-1';
const INVOKE = 'vpc-lattice-svcs:Invoke';

const allowAll = (kind: 'resource' | 'identity' = 'resource') =>
  parsePolicy(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', ...(kind === 'resource' && { Principal: '*' }), Action: INVOKE, Resource: '*' }],
    },
    { kind },
  );

/** A resource policy with one Allow statement for everyone, under `condition`. */
const allowWhen = (condition: Record<string, unknown>, resource: string | string[] = '*') =>
  parsePolicy(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: INVOKE, Resource: resource, Condition: condition }],
    },
    { kind: 'resource' },
  );

const denyWhen = (condition: Record<string, unknown>) =>
  parsePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: INVOKE, Resource: '*' },
        { Sid: 'Guard', Effect: 'Deny', Principal: '*', Action: INVOKE, Resource: '*', Condition: condition },
      ],
    },
    { kind: 'resource' },
  );

function caller(overrides: Partial<InvokeCaller> = {}): InvokeCaller {
  return {
    kind: 'iam',
    arn: CALLER_ARN,
    roleArn: 'arn:aws:iam::222222222222:role/caller',
    account: '222222222222',
    userId: 'AROAEXAMPLEID:session-1',
    orgId: ORG,
    orgPaths: [`${ORG}/r-ab12/ou-ab12-11111111/`],
    principalTags: { team: 'payments' },
    identityPolicies: [allowAll('identity')],
    ...overrides,
  };
}

interface Setup {
  caller?: InvokeAuthInput['caller'];
  network?: { authType?: AuthType; policy?: Policy; tags?: Record<string, string> };
  service?: { authType?: AuthType; policy?: Policy; tags?: Record<string, string> };
  request?: Partial<InvokeAuthInput['request']>;
  sourceOrgIdMode?: InvokeAuthInput['sourceOrgIdMode'];
  ownerOrgId?: string;
  serviceArn?: string;
  networkArn?: string;
  sourceVpcId?: string;
  sourceVpcOwner?: string;
}

function input(setup: Setup = {}): InvokeAuthInput {
  const vpcId = setup.sourceVpcId ?? 'vpc-0aaaabbbbccccdddd';
  const vpcOwner = setup.sourceVpcOwner ?? '333333333333';
  return {
    caller: setup.caller ?? caller(),
    request: {
      method: 'GET',
      path: '/parking',
      port: 443,
      headers: { host: ['svc.example'], 'x-team': ['payments'] },
      query: { zone: ['a', 'b'] },
      sourceIp: '10.0.1.23',
      secureTransport: true,
      time: new Date('2025-06-01T12:00:00.000Z'),
      ...setup.request,
    },
    service: { arn: setup.serviceArn ?? SERVICE_ARN, authType: 'AWS_IAM', policy: allowAll(), ...setup.service },
    network: { arn: setup.networkArn ?? NETWORK_ARN, authType: 'AWS_IAM', policy: allowAll(), ...setup.network },
    sourceVpc: {
      arn: `arn:aws:ec2:eu-west-1:${vpcOwner}:vpc/${vpcId}`,
      id: vpcId,
      ownerAccount: vpcOwner,
      ...(setup.ownerOrgId !== undefined && { ownerOrgId: setup.ownerOrgId }),
    },
    sourceOrgIdMode: setup.sourceOrgIdMode ?? 'principal',
  };
}

const denial = (tail: string, principal = CALLER_ARN, resource = `${SERVICE_ARN}/parking`) =>
  `AccessDeniedException: User: ${principal} is not authorized to ` +
  `perform: vpc-lattice-svcs:Invoke on resource: ${resource} ${tail}`;
const NO_NETWORK = 'because no network-based policy allows the vpc-lattice-svcs:Invoke action';
const NO_SERVICE = 'because no service-based policy allows the vpc-lattice-svcs:Invoke action';
const NO_IDENTITY = 'because no identity-based policy allows the vpc-lattice-svcs:Invoke action';

describe('authorizeInvoke: layers', () => {
  it('allows when every AWS_IAM layer and the identity policy allow', () => {
    const result = authorizeInvoke(input());
    expect(result.allowed).toBe(true);
    expect(result.explanation.map((e) => [e.layer, e.decision])).toEqual([
      ['network', 'Allow'],
      ['service', 'Allow'],
      ['identity', 'Allow'],
    ]);
  });

  it('names the network layer when the network policy does not allow', () => {
    const result = authorizeInvoke(
      input({ network: { policy: allowWhen({ StringEquals: { 'aws:PrincipalOrgID': 'o-other' } }) } }),
    );
    expect(result).toMatchObject({ allowed: false, layer: 'network', explicit: false, message: denial(NO_NETWORK) });
  });

  it('names the service layer when the service policy does not allow', () => {
    const result = authorizeInvoke(
      input({ service: { policy: allowWhen({ StringEquals: { 'aws:PrincipalOrgID': 'o-other' } }) } }),
    );
    expect(result).toMatchObject({ allowed: false, layer: 'service', explicit: false, message: denial(NO_SERVICE) });
  });

  it('requires the identity policy to allow, even in the same account', () => {
    const sameAccount = caller({
      account: '111111111111',
      arn: 'arn:aws:sts::111111111111:assumed-role/caller/s',
      roleArn: 'arn:aws:iam::111111111111:role/caller',
      identityPolicies: [],
    });
    const result = authorizeInvoke(input({ caller: sameAccount }));
    expect(result).toMatchObject({
      allowed: false,
      layer: 'identity',
      explicit: false,
      message: denial(NO_IDENTITY, 'arn:aws:sts::111111111111:assumed-role/caller/s'),
    });
  });

  it('takes the identity policies together: one allowing is enough', () => {
    const other = parsePolicy(
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } },
      { kind: 'identity' },
    );
    expect(authorizeInvoke(input({ caller: caller({ identityPolicies: [other] }) })).allowed).toBe(false);
    expect(
      authorizeInvoke(input({ caller: caller({ identityPolicies: [other, allowAll('identity')] }) })).allowed,
    ).toBe(true);
  });

  it('denies every request on an AWS_IAM layer with no policy', () => {
    const result = authorizeInvoke(input({ service: { policy: undefined } }));
    expect(result).toMatchObject({ allowed: false, layer: 'service', explicit: false, message: denial(NO_SERVICE) });
    expect(result.explanation[1]!.note).toMatch(/no auth policy/);
  });

  it('lets a NONE layer through, its policy inactive', () => {
    const denyAll = denyWhen({});
    const result = authorizeInvoke(input({ network: { authType: 'NONE', policy: denyAll } }));
    expect(result.allowed).toBe(true);
    expect(result.explanation[0]).toMatchObject({ layer: 'network', decision: 'NotApplicable' });
  });

  it('needs no signature or identity policy when both layers are NONE', () => {
    const result = authorizeInvoke(
      input({ caller: caller({ identityPolicies: [] }), network: { authType: 'NONE' }, service: { authType: 'NONE' } }),
    );
    expect(result.allowed).toBe(true);
    expect(result.explanation[2]!.decision).toBe('NotApplicable');
  });

  it('allows an anonymous caller where the policies allow "*" and skips the identity step', () => {
    const result = authorizeInvoke(input({ caller: { kind: 'anonymous' } }));
    expect(result.allowed).toBe(true);
    expect(result.explanation[2]).toMatchObject({ layer: 'identity', decision: 'NotApplicable' });
  });

  it('allows an anonymous caller through {"AWS": "*"} too', () => {
    const awsStar = parsePolicy(
      { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: INVOKE, Resource: '*' }] },
      { kind: 'resource' },
    );
    expect(authorizeInvoke(input({ caller: { kind: 'anonymous' }, service: { policy: awsStar } })).allowed).toBe(true);
  });

  it('refuses an anonymous caller where only an account is allowed, naming "anonymous"', () => {
    const accountOnly = parsePolicy(
      { Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: INVOKE, Resource: '*' }] },
      { kind: 'resource' },
    );
    const result = authorizeInvoke(input({ caller: { kind: 'anonymous' }, service: { policy: accountOnly } }));
    expect(result).toMatchObject({ allowed: false, layer: 'service', message: denial(NO_SERVICE, 'anonymous') });
  });

  it('matches a role ARN principal against its assumed-role sessions', () => {
    const roleOnly = parsePolicy(
      {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::222222222222:role/caller' },
            Action: INVOKE,
            Resource: '*',
          },
        ],
      },
      { kind: 'resource' },
    );
    expect(authorizeInvoke(input({ service: { policy: roleOnly } })).allowed).toBe(true);
    const otherRole = caller({
      arn: 'arn:aws:sts::222222222222:assumed-role/other/s',
      roleArn: 'arn:aws:iam::222222222222:role/other',
    });
    expect(authorizeInvoke(input({ caller: otherRole, service: { policy: roleOnly } })).allowed).toBe(false);
  });
});

describe('authorizeInvoke: explicit deny', () => {
  const guard = { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } };

  it('words an explicit deny in a service-based policy', () => {
    const result = authorizeInvoke(input({ service: { policy: denyWhen(guard) } }));
    expect(result).toMatchObject({
      allowed: false,
      layer: 'service',
      explicit: true,
      message: denial('with an explicit deny in a service-based policy'),
    });
  });

  it('words an explicit deny in a network-based policy', () => {
    const result = authorizeInvoke(input({ network: { policy: denyWhen(guard) } }));
    expect(result).toMatchObject({
      layer: 'network',
      explicit: true,
      message: denial('with an explicit deny in a network-based policy'),
    });
  });

  it('words an explicit deny in an identity-based policy', () => {
    const identityDeny = parsePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: INVOKE, Resource: '*' }] },
      { kind: 'identity' },
    );
    const result = authorizeInvoke(
      input({ caller: caller({ identityPolicies: [allowAll('identity'), identityDeny] }) }),
    );
    expect(result).toMatchObject({
      layer: 'identity',
      explicit: true,
      message: denial('with an explicit deny in an identity-based policy'),
    });
  });

  it('names an explicit deny before any implicit deny, whatever the layer order', () => {
    const result = authorizeInvoke(
      input({
        network: { policy: allowWhen({ StringEquals: { 'aws:PrincipalOrgID': 'o-other' } }) },
        service: { policy: denyWhen(guard) },
      }),
    );
    expect(result).toMatchObject({ layer: 'service', explicit: true });
  });

  it('names network before service before identity among explicit denies', () => {
    const identityDeny = parsePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
      { kind: 'identity' },
    );
    const all = input({
      network: { policy: denyWhen(guard) },
      service: { policy: denyWhen(guard) },
      caller: caller({ identityPolicies: [identityDeny] }),
    });
    expect(authorizeInvoke(all)).toMatchObject({ layer: 'network', explicit: true });
    const two = input({ service: { policy: denyWhen(guard) }, caller: caller({ identityPolicies: [identityDeny] }) });
    expect(authorizeInvoke(two)).toMatchObject({ layer: 'service', explicit: true });
  });

  it('names network before service before identity among implicit denies', () => {
    const none = allowWhen({ StringEquals: { 'aws:PrincipalOrgID': 'o-other' } });
    const result = authorizeInvoke(
      input({ network: { policy: none }, service: { policy: none }, caller: caller({ identityPolicies: [] }) }),
    );
    expect(result).toMatchObject({ layer: 'network', explicit: false });
    const serviceAndIdentity = authorizeInvoke(
      input({ service: { policy: none }, caller: caller({ identityPolicies: [] }) }),
    );
    expect(serviceAndIdentity).toMatchObject({ layer: 'service', explicit: false });
  });
});

describe('authorizeInvoke: resource', () => {
  it('is the service ARN plus the path without its leading slash; "/" gives a trailing slash', () => {
    const none = allowWhen({ StringEquals: { 'aws:PrincipalOrgID': 'o-other' } });
    const root = authorizeInvoke(input({ service: { policy: none }, request: { path: '/' } }));
    expect(root).toMatchObject({ message: denial(NO_SERVICE, CALLER_ARN, `${SERVICE_ARN}/`) });
  });

  it('scopes a policy to a path prefix such as .../svc-x/admin*', () => {
    const adminOnly = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: INVOKE, Resource: `${SERVICE_ARN}/admin*` }],
      },
      { kind: 'resource' },
    );
    expect(authorizeInvoke(input({ service: { policy: adminOnly }, request: { path: '/admin/users' } })).allowed).toBe(
      true,
    );
    expect(
      authorizeInvoke(input({ service: { policy: adminOnly }, request: { path: '/administrators' } })).allowed,
    ).toBe(true);
    const other = authorizeInvoke(input({ service: { policy: adminOnly }, request: { path: '/public' } }));
    expect(other).toMatchObject({
      allowed: false,
      layer: 'service',
      message: denial(NO_SERVICE, CALLER_ARN, `${SERVICE_ARN}/public`),
    });
  });
});

describe('buildInvokeContext', () => {
  it('fills the Lattice and global keys for a signed caller', () => {
    const context = buildInvokeContext(input({ service: { tags: { env: 'prod' } } }));
    expect(context).toMatchObject({
      'vpc-lattice-svcs:Port': '443',
      'vpc-lattice-svcs:RequestMethod': 'GET',
      'vpc-lattice-svcs:RequestPath': '/parking',
      'vpc-lattice-svcs:RequestHeader/x-team': 'payments',
      'vpc-lattice-svcs:RequestQueryString/zone': ['a', 'b'],
      'vpc-lattice-svcs:ServiceArn': SERVICE_ARN,
      'vpc-lattice-svcs:ServiceNetworkArn': NETWORK_ARN,
      'vpc-lattice-svcs:SourceVpc': 'vpc-0aaaabbbbccccdddd',
      'vpc-lattice-svcs:SourceVpcOwnerAccount': '333333333333',
      'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/caller',
      'aws:PrincipalAccount': '222222222222',
      'aws:PrincipalOrgID': ORG,
      'aws:PrincipalOrgPaths': [`${ORG}/r-ab12/ou-ab12-11111111/`],
      'aws:PrincipalTag/team': 'payments',
      'aws:PrincipalType': 'AssumedRole',
      'aws:userid': 'AROAEXAMPLEID:session-1',
      'aws:SourceIp': '10.0.1.23',
      'aws:SecureTransport': 'true',
      'aws:CurrentTime': '2025-06-01T12:00:00Z',
      'aws:EpochTime': '1748779200',
      'aws:ResourceTag/env': 'prod',
      'aws:SourceOrgID': ORG,
    });
  });

  it(
    'gives an anonymous caller the principal keys IAM includes "for all ' + 'requests, including anonymous requests"',
    () => {
      const context = buildInvokeContext(input({ caller: { kind: 'anonymous' } }));
      const principalKeys = Object.keys(context).filter((k) => k.startsWith('aws:Principal') || k === 'aws:userid');
      // IAM User Guide, global condition keys: aws:PrincipalAccount returns `anonymous`; principal key values:
      // aws:userid.
      expect(Object.fromEntries(principalKeys.map((k) => [k, context[k]]))).toEqual({
        'aws:PrincipalAccount': 'anonymous',
        'aws:PrincipalType': 'Anonymous',
        'aws:userid': 'anonymous',
      });
      expect(context['aws:SourceOrgID']).toBeUndefined();
      expect(context['vpc-lattice-svcs:SourceVpc']).toBe('vpc-0aaaabbbbccccdddd');
    },
  );

  it('sets aws:SourceOrgID from the setting', () => {
    expect(
      buildInvokeContext(input({ sourceOrgIdMode: 'principal', ownerOrgId: 'o-vpcowner1' }))['aws:SourceOrgID'],
    ).toBe(ORG);
    expect(
      buildInvokeContext(input({ sourceOrgIdMode: 'source-vpc-owner', ownerOrgId: 'o-vpcowner1' }))['aws:SourceOrgID'],
    ).toBe('o-vpcowner1');
    expect(
      buildInvokeContext(input({ sourceOrgIdMode: 'absent', ownerOrgId: 'o-vpcowner1' }))['aws:SourceOrgID'],
    ).toBeUndefined();
  });
});

describe('authorizeInvoke: conditions on each context key', () => {
  // [key, network-policy condition, a request it allows, a request it refuses]
  const cases: Array<[string, Record<string, unknown>, Setup, Setup]> = [
    ['Port', { NumericEquals: { 'vpc-lattice-svcs:Port': '443' } }, {}, { request: { port: 8443 } }],
    [
      'RequestMethod',
      { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'HEAD'] } },
      {},
      { request: { method: 'POST' } },
    ],
    ['RequestPath', { StringLike: { 'vpc-lattice-svcs:RequestPath': '/park*' } }, {}, { request: { path: '/admin' } }],
    [
      'RequestHeader',
      { StringEquals: { 'vpc-lattice-svcs:RequestHeader/x-team': 'payments' } },
      {},
      { request: { headers: { 'x-team': ['search'] } } },
    ],
    [
      'RequestHeader absent',
      { StringEquals: { 'vpc-lattice-svcs:RequestHeader/x-team': 'payments' } },
      {},
      { request: { headers: {} } },
    ],
    [
      'RequestQueryString (ForAnyValue)',
      { 'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/zone': 'b' } },
      {},
      { request: { query: { zone: ['c'] } } },
    ],
    [
      'RequestQueryString (ForAllValues)',
      { 'ForAllValues:StringLike': { 'vpc-lattice-svcs:RequestQueryString/zone': ['a', 'b'] } },
      {},
      { request: { query: { zone: ['a', 'z'] } } },
    ],
    [
      'ServiceArn',
      { ArnEquals: { 'vpc-lattice-svcs:ServiceArn': SERVICE_ARN } },
      {},
      { serviceArn: SERVICE_ARN.replace('svc-0', 'svc-f') },
    ],
    [
      'ServiceNetworkArn',
      { ArnLike: { 'vpc-lattice-svcs:ServiceNetworkArn': 'arn:aws:vpc-lattice:*:111111111111:servicenetwork/*' } },
      {},
      { networkArn: NETWORK_ARN.replace('111111111111', '999999999999') },
    ],
    [
      'SourceVpc',
      { StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0aaaabbbbccccdddd' } },
      {},
      { sourceVpcId: 'vpc-0ffff' },
    ],
    [
      'SourceVpcOwnerAccount',
      { StringEquals: { 'vpc-lattice-svcs:SourceVpcOwnerAccount': '333333333333' } },
      {},
      { sourceVpcOwner: '999999999999' },
    ],
    [
      'aws:PrincipalOrgID',
      { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      {},
      { caller: caller({ orgId: 'o-elsewhere' }) },
    ],
    [
      'aws:PrincipalOrgPaths',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-ab12-11111111/*` } },
      {},
      { caller: caller({ orgPaths: ['o-x/r-1/'] }) },
    ],
    [
      'aws:PrincipalTag',
      { StringEquals: { 'aws:PrincipalTag/team': 'payments' } },
      {},
      { caller: caller({ principalTags: {} }) },
    ],
    [
      'aws:PrincipalType',
      { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } },
      {},
      { caller: { kind: 'anonymous' } },
    ],
    [
      'aws:PrincipalArn',
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/call*' } },
      {},
      { caller: caller({ roleArn: 'arn:aws:iam::222222222222:role/other' }) },
    ],
    [
      'aws:PrincipalAccount',
      { StringEquals: { 'aws:PrincipalAccount': '222222222222' } },
      {},
      { caller: caller({ account: '444444444444' }) },
    ],
    [
      'aws:userid',
      { StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } },
      {},
      { caller: caller({ userId: 'AROAOTHER:s' }) },
    ],
    ['aws:SourceIp', { IpAddress: { 'aws:SourceIp': '10.0.0.0/16' } }, {}, { request: { sourceIp: '192.168.1.1' } }],
    ['aws:SecureTransport', { Bool: { 'aws:SecureTransport': 'true' } }, {}, { request: { secureTransport: false } }],
    [
      'aws:CurrentTime',
      { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
      {},
      { request: { time: new Date('2026-02-01T00:00:00Z') } },
    ],
    [
      'aws:EpochTime',
      { DateGreaterThan: { 'aws:EpochTime': '1735689600' } },
      {},
      { request: { time: new Date('2024-01-01T00:00:00Z') } },
    ],
    [
      'aws:ResourceTag',
      { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
      { service: { tags: { env: 'prod' } } },
      { service: { tags: { env: 'dev' } } },
    ],
    [
      'aws:SourceOrgID (principal)',
      { StringEquals: { 'aws:SourceOrgID': ORG } },
      { sourceOrgIdMode: 'principal' },
      { sourceOrgIdMode: 'absent' },
    ],
    [
      'aws:SourceOrgID (source-vpc-owner)',
      { StringEquals: { 'aws:SourceOrgID': ORG } },
      { sourceOrgIdMode: 'source-vpc-owner', ownerOrgId: ORG },
      { sourceOrgIdMode: 'source-vpc-owner', ownerOrgId: 'o-vpcowner1' },
    ],
  ];

  it.each(cases)('%s: allows when it holds, refuses in the network layer otherwise', (_name, condition, pass, fail) => {
    const network = { policy: allowWhen(condition) };
    expect(authorizeInvoke(input({ ...pass, network })).allowed).toBe(true);
    expect(authorizeInvoke(input({ ...fail, network }))).toMatchObject({
      allowed: false,
      layer: 'network',
      explicit: false,
    });
  });

  it('compares condition key names case-insensitively', () => {
    const policy = allowWhen({ StringEquals: { 'VPC-LATTICE-SVCS:requestmethod': 'GET' } });
    expect(authorizeInvoke(input({ network: { policy } })).allowed).toBe(true);
  });

  it('denies by a header condition on the service', () => {
    const policy = denyWhen({ StringNotEquals: { 'vpc-lattice-svcs:RequestHeader/x-team': 'payments' } });
    expect(authorizeInvoke(input({ service: { policy } })).allowed).toBe(true);
    const result = authorizeInvoke(input({ service: { policy }, request: { headers: { 'x-team': ['search'] } } }));
    expect(result).toMatchObject({ layer: 'service', explicit: true });
    // StringNotEquals is true when the header is absent (IAM User Guide): the guard denies.
    expect(authorizeInvoke(input({ service: { policy }, request: { headers: {} } }))).toMatchObject({
      layer: 'service',
      explicit: true,
    });
  });
});

describe('formatAccessDenied', () => {
  it('writes the exact texts', () => {
    const args = { principal: 'anonymous', resource: `${SERVICE_ARN}/x` };
    const start =
      `AccessDeniedException: User: anonymous is not authorized to perform: ` +
      `vpc-lattice-svcs:Invoke on resource: ${SERVICE_ARN}/x `;
    expect(formatAccessDenied({ ...args, layer: 'network', explicit: false })).toBe(`${start}${NO_NETWORK}`);
    expect(formatAccessDenied({ ...args, layer: 'service', explicit: false })).toBe(`${start}${NO_SERVICE}`);
    expect(formatAccessDenied({ ...args, layer: 'identity', explicit: false })).toBe(`${start}${NO_IDENTITY}`);
    expect(formatAccessDenied({ ...args, layer: 'service', explicit: true })).toBe(
      `${start}with an explicit deny in a service-based policy`,
    );
    expect(formatAccessDenied({ ...args, layer: 'network', explicit: true })).toBe(
      `${start}with an explicit deny in a network-based policy`,
    );
    expect(formatAccessDenied({ ...args, layer: 'identity', explicit: true })).toBe(
      `${start}with an explicit deny in an identity-based policy`,
    );
  });
});

describe('an IAM user signing with its own keys', () => {
  it('is aws:PrincipalType User with aws:username, not an assumed role', () => {
    const user = caller({
      arn: 'arn:aws:iam::222222222222:user/alice',
      roleArn: 'arn:aws:iam::222222222222:user/alice',
      userId: 'AIDAEXAMPLE',
      principalType: 'User',
    });
    const context = buildInvokeContext(input({ caller: user }));
    expect(context['aws:PrincipalType']).toBe('User');
    expect(context['aws:username']).toBe('alice');
    expect(buildInvokeContext(input())['aws:PrincipalType']).toBe('AssumedRole');
    expect(buildInvokeContext(input())['aws:username']).toBeUndefined();
  });
});
