import type { AwsCredentialIdentity } from '@smithy/types';
import type { LocalWorld } from '../../../emulator/startLocalWorld';
import type { Hostile, Random } from './hostileTransport';
import { asHostile, signApiCall, skewedDate, unknownKeyOf } from './signApiCall';

export interface IamCallers {
  /** The runner's base keys: IAM administrator of its own account (the tooling account, 333333333333). */
  runner: AwsCredentialIdentity;
  /** A session with no IAM permission at all (account 222222222222). */
  noIam: AwsCredentialIdentity;
  /** The read-only reader of account 222222222222: the IAM reads of its own account, nothing else. */
  reader: AwsCredentialIdentity;
}

/** A role of each caller's own account, so that only the hostile part of a call is refused. */
const RUNNER_ROLE = 'lattice-e2e-ci';
const READER_ROLE = 'lattice-e2e-reader';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

const query = (action: string, params: Record<string, string> = {}, version = '2010-05-08') =>
  new URLSearchParams({ Action: action, Version: version, ...params }).toString();

/** The malformed and hostile IAM calls (awsQuery). None is a valid request IAM would grant. */
export function iamCases(rng: Random, local: LocalWorld, callers: IamCallers) {
  const endpoint = local.iamEndpoint;
  const host = new URL(endpoint).host;
  const sign = (
    body: string,
    credentials = callers.runner,
    options: { service?: string; region?: string; signingDate?: Date; contentType?: string } = {},
  ) =>
    signApiCall(endpoint, credentials, {
      service: options.service ?? 'iam',
      region: options.region,
      signingDate: options.signingDate,
      headers: { 'content-type': options.contentType ?? FORM },
      body,
    });
  const getRole = () => query('GetRole', { RoleName: RUNNER_ROLE });
  const roleName = () =>
    rng.pick([
      'r'.repeat(65 + rng.int(200)),
      `lattice ${rng.text(6, 'abc')}`,
      `role/${rng.text(4, 'abc')}`,
      rng.text(1 + rng.int(20), '!#$%^&*()<>/\\|~`"\' '),
      'rôle',
      '',
    ]);
  const cases: Record<string, () => Promise<Hostile>> = {
    unsigned: async () => {
      const get = rng.chance(0.5);
      return {
        kind: 'unsigned',
        method: get ? 'GET' : 'POST',
        target: get ? `/?${getRole()}` : '/',
        headers: ['host', host, 'content-type', FORM],
        body: get ? undefined : getRole(),
      };
    },
    'random Authorization': async () => ({
      kind: 'random Authorization',
      method: 'POST',
      target: '/',
      headers: [
        'host',
        host,
        'content-type',
        FORM,
        'x-amz-date',
        '20250101T000000Z',
        'authorization',
        rng.text(rng.int(300)),
      ],
      body: getRole(),
    }),
    'truncated Authorization': async () => {
      const signed = await sign(getRole());
      signed.headers.authorization = signed.headers.authorization!.slice(
        0,
        rng.int(signed.headers.authorization!.length),
      );
      return asHostile('truncated Authorization', signed);
    },
    'tampered body': async () => {
      const body = getRole();
      const signed = await sign(body);
      const tampered = rng.pick([body.replace(RUNNER_ROLE, READER_ROLE), `${body}&MaxItems=1`, body.slice(0, -1)]);
      return asHostile('tampered body', signed, tampered);
    },
    'bad date': async () => {
      const signed = await sign(getRole());
      signed.headers['x-amz-date'] = rng.pick(['', 'now', '2025-01-01', '20250101T000000', '99999999T999999Z']);
      return asHostile('bad date', signed);
    },
    'expired or future signature': async () =>
      asHostile(
        'expired or future signature',
        await sign(getRole(), callers.runner, { signingDate: skewedDate(rng.next) }),
      ),
    'unknown key': async () => asHostile('unknown key', await sign(getRole(), unknownKeyOf(rng))),
    'wrong scope': async () =>
      asHostile(
        'wrong scope',
        await sign(
          getRole(),
          callers.runner,
          rng.chance(0.5)
            ? { service: rng.pick(['sts', 'organizations', 'vpc-lattice', 'IAM']) }
            : { region: rng.pick(['us-west-2', 'eu-central-1', 'aws-global']) },
        ),
      ),
    'unknown action': async () =>
      asHostile(
        'unknown action',
        await sign(
          rng.pick([
            query(rng.pick(['DeleteRole', 'CreateUser', 'AssumeRole', 'getrole', '', rng.text(12)]), {
              RoleName: RUNNER_ROLE,
            }),
            query('GetRole', { RoleName: RUNNER_ROLE }, rng.pick(['2011-06-15', '', 'latest'])),
            `RoleName=${RUNNER_ROLE}`,
          ]),
        ),
      ),
    'refused parameters': async () => {
      const reader = rng.chance(0.5);
      const role = reader ? READER_ROLE : RUNNER_ROLE;
      const body = rng.pick([
        query('GetRole', { RoleName: roleName() }),
        query('GetRole'),
        query('ListRolePolicies', { RoleName: role, MaxItems: rng.pick(['0', '1001', '-1', 'ten', '1.5', '']) }),
        query('ListAttachedRolePolicies', { RoleName: role, Marker: rng.pick([rng.text(20), 'AAAA', '', '%00']) }),
        query('GetRolePolicy', { RoleName: role }),
        query('GetPolicy', { PolicyArn: rng.pick(['not-an-arn', '', `arn:aws:iam::${rng.text(12, '0123456789')}:x`]) }),
      ]);
      return asHostile('refused parameters', await sign(body, reader ? callers.reader : callers.runner));
    },
    'no such entity': async () => {
      const body = rng.pick([
        query('GetRole', { RoleName: `no-such-${rng.text(8, 'abcdef')}` }),
        query('GetRolePolicy', { RoleName: RUNNER_ROLE, PolicyName: rng.text(8, 'abcdef') }),
        query('GetPolicy', { PolicyArn: `arn:aws:iam::333333333333:policy/${rng.text(8, 'abcdef')}` }),
        query('GetPolicyVersion', {
          PolicyArn: `arn:aws:iam::333333333333:policy/${rng.text(8, 'abcdef')}`,
          VersionId: 'v1',
        }),
      ]);
      return asHostile('no such entity', await sign(body));
    },
    'malformed policy document': async () =>
      asHostile(
        'malformed policy document',
        await sign(
          query('UpdateAssumeRolePolicy', {
            RoleName: RUNNER_ROLE,
            PolicyDocument: rng.pick([rng.text(rng.int(200)), '{"Version":"2012-10-17","Statement":[{}]}', '[]', '{']),
          }),
        ),
      ),
    'not form-encoded': async () => {
      const [contentType, body] = rng.pick([
        ['application/x-amz-json-1.1', JSON.stringify({ RoleName: RUNNER_ROLE })],
        ['application/json', JSON.stringify({ Action: 'GetRole', Version: '2010-05-08', RoleName: RUNNER_ROLE })],
        ['text/xml', `<GetRole><RoleName>${RUNNER_ROLE}</RoleName></GetRole>`],
        ['application/octet-stream', Buffer.from(rng.text(64)).toString('base64')],
      ] as const);
      return asHostile('not form-encoded', await sign(body, callers.runner, { contentType }));
    },
    'not permitted': async () => {
      const [who, body] = rng.pick([
        [callers.noIam, query('GetRole', { RoleName: 'lattice-invoker' })],
        [callers.noIam, query('ListRolePolicies', { RoleName: 'lattice-invoker' })],
        [callers.reader, query('UpdateAssumeRolePolicy', { RoleName: READER_ROLE, PolicyDocument: '{}' })],
        [callers.reader, query('PutRolePermissionsBoundary', { RoleName: READER_ROLE, PermissionsBoundary: 'x' })],
        [callers.reader, query('GetPolicy', { PolicyArn: 'arn:aws:iam::111111111111:policy/network-org-guardrail' })],
      ] as const);
      return asHostile('not permitted', await sign(body, who));
    },
    'body over 64 KiB': async () => asHostile('body over 64 KiB', await sign(`${getRole()}&Pad=${'p'.repeat(70_000)}`)),
    'body over 1 MiB': async () => ({
      kind: 'body over 1 MiB',
      method: 'POST',
      target: '/',
      headers: ['host', host, 'content-type', FORM],
      body: Buffer.alloc(1024 * 1024 + 10, 0x61),
    }),
    'other methods': async () => ({
      kind: 'other methods',
      method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']),
      target: `/?${getRole()}`,
      headers: ['host', host],
      body: rng.chance(0.5) ? getRole() : undefined,
    }),
  };
  const kinds = Object.keys(cases);
  return () => {
    let kind = rng.pick(kinds);
    if (kind === 'body over 1 MiB' && rng.chance(0.8)) kind = 'tampered body';
    return cases[kind]!();
  };
}
