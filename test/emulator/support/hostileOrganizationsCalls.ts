import type { AwsCredentialIdentity } from '@smithy/types';
import type { LocalWorld } from '../../../emulator/startLocalWorld';
import type { Hostile, Random } from './hostileTransport';
import { asHostile, signApiCall, skewedDate, unknownKeyOf } from './signApiCall';

export interface OrganizationsCallers {
  /** The management account's reader: the Organizations reads, and no write. */
  management: AwsCredentialIdentity;
  /** Principals of other accounts (the runner's base keys, a member account's session): refused. */
  others: AwsCredentialIdentity[];
}

const JSON_11 = 'application/x-amz-json-1.1';
const PREFIX = 'AWSOrganizationsV20161128.';
const ROOT = 'r-ab12';

/** The malformed and hostile Organizations calls (JSON 1.1). None is a valid request Organizations would grant. */
export function organizationsCases(rng: Random, local: LocalWorld, callers: OrganizationsCallers) {
  const endpoint = local.organizationsEndpoint;
  const host = new URL(endpoint).host;
  const sign = (
    operation: string,
    body: string,
    credentials = callers.management,
    options: { service?: string; region?: string; signingDate?: Date; contentType?: string; method?: string } = {},
  ) =>
    signApiCall(endpoint, credentials, {
      method: options.method,
      service: options.service ?? 'organizations',
      region: options.region,
      signingDate: options.signingDate,
      headers: { 'content-type': options.contentType ?? JSON_11, 'x-amz-target': `${PREFIX}${operation}` },
      body,
    });
  const listRoots = () => sign('ListRoots', '{}');
  const badPage = () =>
    rng.pick([
      { MaxResults: rng.pick([0, 21, -1, 1.5, 1e9, '5', null, true]) },
      {
        NextToken: rng.pick([
          rng.text(1 + rng.int(40)),
          'not-a-token',
          '',
          Buffer.from('ListPoliciesForTarget:1').toString('base64url'),
        ]),
      },
    ]);
  const badInput = () =>
    rng.pick<[string, unknown]>([
      ['ListRoots', badPage()],
      ['ListAccountsForParent', { ParentId: ROOT, ...badPage() }],
      ['ListAccountsForParent', rng.pick([{}, { ParentId: 12 }, { ParentId: '' }, { ParentId: rng.text(12) }])],
      ['ListOrganizationalUnitsForParent', { ParentId: rng.pick(['r-zzzz', `ou-${rng.text(8, 'abc')}`, ['r-ab12']]) }],
      ['ListPoliciesForTarget', { TargetId: ROOT, Filter: rng.pick(['TAG_POLICY', 'scp', '', 1]) }],
      [
        'ListPoliciesForTarget',
        { TargetId: rng.pick(['999999999999', 'r-zzzz', '']), Filter: 'SERVICE_CONTROL_POLICY' },
      ],
      ['DescribePolicy', { PolicyId: rng.pick(['p-00000000', '', rng.text(10), { Id: 'p-FullAWSAccess' }]) }],
    ]);
  const cases: Record<string, () => Promise<Hostile>> = {
    unsigned: async () => ({
      kind: 'unsigned',
      method: 'POST',
      target: '/',
      headers: ['host', host, 'content-type', JSON_11, 'x-amz-target', `${PREFIX}ListRoots`],
      body: '{}',
    }),
    'random Authorization': async () => ({
      kind: 'random Authorization',
      method: 'POST',
      target: '/',
      headers: [
        ...['host', host, 'content-type', JSON_11, 'x-amz-target', `${PREFIX}ListRoots`],
        ...['x-amz-date', '20250101T000000Z', 'authorization', rng.text(rng.int(300))],
      ],
      body: '{}',
    }),
    'truncated Authorization': async () => {
      const signed = await listRoots();
      signed.headers.authorization = signed.headers.authorization!.slice(
        0,
        rng.int(signed.headers.authorization!.length),
      );
      return asHostile('truncated Authorization', signed);
    },
    'tampered body': async () => {
      const signed = await sign('ListAccountsForParent', JSON.stringify({ ParentId: ROOT }));
      return asHostile('tampered body', signed, rng.pick(['{}', '{"ParentId":"r-ab13"}', '{"ParentId":"r-ab12" }']));
    },
    'tampered target': async () => {
      const signed = await listRoots();
      signed.headers['x-amz-target'] = `${PREFIX}${rng.pick(['DetachPolicy', 'ListAccountsForParent'])}`;
      return asHostile('tampered target', signed);
    },
    'bad date': async () => {
      const signed = await listRoots();
      signed.headers['x-amz-date'] = rng.pick(['', 'now', '2025-01-01', '20250101T000000', '99999999T999999Z']);
      return asHostile('bad date', signed);
    },
    'expired or future signature': async () =>
      asHostile(
        'expired or future signature',
        await sign('ListRoots', '{}', callers.management, { signingDate: skewedDate(rng.next) }),
      ),
    'unknown key': async () => asHostile('unknown key', await sign('ListRoots', '{}', unknownKeyOf(rng))),
    'wrong scope': async () =>
      asHostile(
        'wrong scope',
        await sign(
          'ListRoots',
          '{}',
          callers.management,
          rng.chance(0.5)
            ? { service: rng.pick(['iam', 'sts', 'vpc-lattice', 'Organizations']) }
            : { region: rng.pick(['us-west-2', 'eu-central-1', 'aws-global']) },
        ),
      ),
    'unknown X-Amz-Target': async () => {
      const signed = await listRoots();
      const target = rng.pick([
        `${PREFIX}${rng.pick(['DeleteEverything', 'listRoots', 'ListRoot', '', '__proto__', 'constructor'])}`,
        `DynamoDB_20120810.ListRoots`,
        'AWSOrganizationsV20161128',
        rng.text(rng.int(40)),
      ]);
      signed.headers['x-amz-target'] = target;
      if (rng.chance(0.2)) delete signed.headers['x-amz-target'];
      return asHostile('unknown X-Amz-Target', signed);
    },
    'refused parameters': async () => {
      const [operation, input] = badInput();
      return asHostile('refused parameters', await sign(operation, JSON.stringify(input)));
    },
    'not JSON': async () => {
      const body = rng.pick([
        '{',
        'null',
        '[]',
        '"ListRoots"',
        '42',
        'Action=ListRoots&Version=2016-11-28',
        '<ListRoots/>',
        '['.repeat(30_000 + rng.int(30_000)),
        `[${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}]`,
        Buffer.from([0xff, 0xfe, 0x7b, 0x7d]).toString('latin1'),
      ]);
      return asHostile('not JSON', await sign(rng.pick(['ListRoots', 'DescribePolicy']), body));
    },
    'wrong content type': async () => {
      const [contentType, body] = rng.pick([
        ['application/x-www-form-urlencoded', 'Action=ListRoots&Version=2016-11-28'],
        ['text/xml', '<ListRootsRequest/>'],
        ['application/x-amz-cbor-1.1', Buffer.from([0xbf, 0xff]).toString('latin1')],
      ] as const);
      return asHostile('wrong content type', await sign('ListRoots', body, callers.management, { contentType }));
    },
    'not permitted': async () => {
      const [operation, input, who] = rng.pick<[string, unknown, AwsCredentialIdentity]>([
        ['ListRoots', {}, rng.pick(callers.others)],
        ['ListAccountsForParent', { ParentId: ROOT }, rng.pick(callers.others)],
        ['DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: ROOT }, callers.management],
        ['DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: ROOT }, rng.pick(callers.others)],
      ]);
      return asHostile('not permitted', await sign(operation, JSON.stringify(input), who));
    },
    'body over 64 KiB': async () =>
      asHostile('body over 64 KiB', await sign('ListRoots', JSON.stringify({ Pad: 'p'.repeat(70_000) }))),
    'body over 1 MiB': async () => ({
      kind: 'body over 1 MiB',
      method: 'POST',
      target: '/',
      headers: ['host', host, 'content-type', JSON_11, 'x-amz-target', `${PREFIX}ListRoots`],
      body: Buffer.alloc(1024 * 1024 + 10, 0x20),
    }),
    'other methods': async () => {
      const method = rng.pick(['GET', 'PUT', 'DELETE', 'PATCH']);
      return asHostile(
        'other methods',
        await sign('ListRoots', method === 'GET' ? '' : '{}', callers.management, { method }),
      );
    },
  };
  const kinds = Object.keys(cases);
  return () => {
    let kind = rng.pick(kinds);
    if (kind === 'body over 1 MiB' && rng.chance(0.8)) kind = 'tampered body';
    return cases[kind]!();
  };
}
