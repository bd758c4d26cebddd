import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import type { LocalWorld } from '../../../emulator/startLocalWorld';
import { INVOKER_B, INVOKER_C, REGION, runnerCredentials } from './localCalls';
import { toFlat, type Hostile, type Random } from './hostileTransport';

/** The malformed and hostile STS calls. None is a valid request that STS would grant. */
export function stsCases(rng: Random, local: LocalWorld) {
  const url = new URL(local.stsEndpoint);
  const runner = runnerCredentials(local);
  const sign = async (
    body: string,
    credentials: AwsCredentialIdentity = runner,
    scope: { region?: string; service?: string; signingDate?: Date } = {},
  ) => {
    const signer = new SignatureV4({
      service: scope.service ?? 'sts',
      region: scope.region ?? REGION,
      credentials,
      sha256: Hash.bind(null, 'sha256'),
    });
    return signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        query: {},
        headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
      },
      { signingDate: scope.signingDate },
    ) as Promise<HttpRequest>;
  };
  const assumeBody = (roleArn = INVOKER_B, session = 'fuzz', extra = '') =>
    `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(roleArn)}` +
    `&RoleSessionName=${encodeURIComponent(session)}${extra}`;
  const hostile = (kind: string, signed: HttpRequest, body: string | Buffer = signed.body as string): Hostile => ({
    kind,
    method: signed.method,
    target: '/',
    headers: toFlat(signed.headers),
    body,
  });
  const cases: Record<string, () => Promise<Hostile>> = {
    'tampered body': async () => {
      const body = assumeBody();
      const signed = await sign(body);
      const tampered = rng.pick([
        body.replace('222222222222', '444444444444'),
        body.replace('fuzz', 'fuzy'),
        `${body}&DurationSeconds=900`,
        body.slice(0, -1),
        Buffer.from(body)
          .map((b, i) => (i === rng.int(body.length) ? b ^ 1 : b))
          .toString(),
      ]);
      return hostile('tampered body', signed, tampered === body ? `${body}x` : tampered);
    },
    'random Authorization': async () => ({
      kind: 'random Authorization',
      method: 'POST',
      target: '/',
      headers: [
        'host',
        url.host,
        'content-type',
        'application/x-www-form-urlencoded',
        'x-amz-date',
        '20250101T000000Z',
        'authorization',
        rng.text(rng.int(300)),
      ],
      body: assumeBody(),
    }),
    'truncated Authorization': async () => {
      const signed = await sign(assumeBody());
      signed.headers.authorization = signed.headers.authorization.slice(
        0,
        rng.int(signed.headers.authorization.length),
      );
      return hostile('truncated Authorization', signed);
    },
    'bad date': async () => {
      const signed = await sign(assumeBody());
      signed.headers['x-amz-date'] = rng.pick(['', 'now', '2025-01-01', '20250101T000000', rng.text(16)]);
      return hostile('bad date', signed);
    },
    'stale signature': async () =>
      hostile(
        'stale signature',
        await sign(assumeBody(), runner, {
          signingDate: new Date(Date.now() + (rng.next() < 0.5 ? -1 : 1) * (6 + rng.int(600)) * 60_000),
        }),
      ),
    'unknown key': async () =>
      hostile(
        'unknown key',
        await sign(assumeBody(), {
          accessKeyId: `AKIA${rng.text(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
          secretAccessKey: rng.text(40),
        }),
      ),
    'wrong scope': async () =>
      hostile(
        'wrong scope',
        await sign(
          assumeBody(),
          runner,
          rng.next() < 0.5
            ? { service: rng.pick(['vpc-lattice', 'iam', 'vpc-lattice-svcs']) }
            : { region: rng.pick(['us-west-2', 'eu-central-1', 'aws-global']) },
        ),
      ),
    unsigned: async () => ({
      kind: 'unsigned',
      method: rng.pick(['POST', 'GET']),
      target: rng.pick(['/', `/?${assumeBody()}`]),
      headers: ['host', url.host, 'content-type', 'application/x-www-form-urlencoded'],
      body: assumeBody(),
    }),
    'signed, refused parameters': async () => {
      const body = rng.pick([
        assumeBody(`arn:aws:iam::${rng.text(12, '0123456789')}:role/${rng.text(8, 'abcdef')}`),
        assumeBody(INVOKER_B, rng.pick(['', 'a', 'bad session name', 'x'.repeat(65), rng.text(10, '!#%^*()')])),
        assumeBody(INVOKER_B, 'fuzz', `&DurationSeconds=${rng.pick(['0', '60', '43201', 'soon', '-1', '1e3'])}`),
        assumeBody(INVOKER_C, 'fuzz', rng.next() < 0.5 ? '' : `&ExternalId=${encodeURIComponent(rng.text(10))}`),
        `Action=${encodeURIComponent(rng.pick(['DeleteEverything', 'AssumeRoleWithSAML', '', rng.text(12)]))}` +
          '&Version=2011-06-15',
        'Action=AssumeRole&Version=2011-06-15',
        rng.text(rng.int(500)),
      ]);
      return hostile('signed, refused parameters', await sign(body));
    },
    'body over 64 KiB': async () =>
      hostile('body over 64 KiB', await sign(`${assumeBody()}&Pad=${'p'.repeat(70_000)}`)),
    'body over 1 MiB': async () => ({
      kind: 'body over 1 MiB',
      method: 'POST',
      target: '/',
      headers: ['host', url.host, 'content-type', 'application/x-www-form-urlencoded'],
      body: Buffer.alloc(1024 * 1024 + 10, 0x61),
    }),
    'other methods': async () => ({
      kind: 'other methods',
      method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']),
      target: `/${rng.text(rng.int(30), 'abc/?=&')}`,
      headers: ['host', url.host],
      body: rng.next() < 0.5 ? rng.text(100) : undefined,
    }),
    'unknown method': async () => ({
      kind: 'unknown method',
      method: rng.pick(['FOO', 'POSTT']),
      target: '/',
      headers: ['host', url.host],
    }),
    'huge header': async () => ({
      kind: 'huge header',
      method: 'POST',
      target: '/',
      headers: ['host', url.host, 'x-pad', 'b'.repeat(17_000 + rng.int(10_000))],
      body: assumeBody(),
    }),
  };
  const kinds = Object.keys(cases);
  return () => {
    let kind = rng.pick(kinds);
    if ((kind === 'body over 1 MiB' || kind === 'huge header') && rng.next() < 0.9) kind = 'tampered body';
    return cases[kind]();
  };
}

/** Hostile control-plane calls: bad signatures, unknown operations, bodies that are not what the operation takes. */
export function controlPlaneCases(rng: Random, local: LocalWorld) {
  const url = new URL(local.controlPlaneEndpoint);
  const runner = runnerCredentials(local);
  const paths = [
    '/authpolicy/svc-0123456789abcdef0',
    '/services/svc-0123456789abcdef0',
    '/servicenetworks/sn-0123456789abcdef0',
    `/authpolicy/${encodeURIComponent(rng.text(20))}`,
    `/${rng.text(rng.int(60), 'abcxyz/%-_.')}`,
  ];
  return async (): Promise<Hostile> => {
    const path = rng.pick(paths);
    const method = rng.pick(['GET', 'PUT', 'PATCH', 'DELETE', 'POST']);
    const body = rng.pick([
      JSON.stringify({ policy: rng.text(rng.int(300)) }),
      JSON.stringify({ authType: rng.text(6) }),
      rng.text(rng.int(200)),
      '[]',
      'null',
    ]);
    const request: HttpRequest = {
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    };
    const kind = rng.pick(['unsigned', 'wrong secret', 'signed garbage']);
    if (kind === 'unsigned') return { kind, method, target: path, headers: toFlat(request.headers), body };
    // A signed GET or DELETE of a real resource would succeed: signed calls here carry bodies no operation
    // takes, or use other methods.
    const signedMethod = method === 'GET' || method === 'DELETE' ? 'PUT' : method;
    const secret = kind === 'wrong secret' ? rng.text(40) : runner.secretAccessKey;
    const signer = new SignatureV4({
      service: 'vpc-lattice',
      region: REGION,
      credentials: { ...runner, secretAccessKey: secret },
      sha256: Hash.bind(null, 'sha256'),
    });
    const signed = (await signer.sign({
      ...request,
      method: signedMethod,
      path:
        path.startsWith('/services/') || path.startsWith('/servicenetworks/') ? `${path}/${rng.text(4, 'abcd')}` : path,
    })) as HttpRequest;
    return { kind, method: signed.method, target: signed.path, headers: toFlat(signed.headers), body };
  };
}
