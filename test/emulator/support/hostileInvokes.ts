import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import { signRequest } from '../../../harness/request/signRequest';
import { PARKING, REGION } from './localCalls';
import { toFlat, type Hostile, type Random } from './hostileTransport';

/** A signed Invoke as the harness sends it, returned as parts to break. */
async function signedInvoke(
  credentials: AwsCredentialIdentity,
  options: {
    path?: string;
    headers?: Record<string, string>;
    region?: string;
    service?: string;
    signingDate?: Date;
  } = {},
) {
  const request: HttpRequest = {
    method: 'GET',
    protocol: 'http:',
    hostname: PARKING,
    path: options.path ?? '/',
    query: {},
    headers: { host: PARKING, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...options.headers },
  };
  return signRequest(request, {
    region: options.region ?? REGION,
    credentials,
    service: options.service,
    signingDate: options.signingDate,
  });
}

/** The malformed and hostile Invokes. Every one is refused by the data plane (none is a valid, allowed request). */
export function dataPlaneCases(rng: Random, creds: { b: AwsCredentialIdentity; noInvoke: AwsCredentialIdentity }) {
  const unknownKey = (): AwsCredentialIdentity => ({
    accessKeyId: `${rng.pick(['AKIA', 'ASIA', ''])}${rng.text(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    secretAccessKey: rng.text(40),
    sessionToken: rng.next() < 0.5 ? rng.text(64) : undefined,
  });
  const hostile = (kind: string, signed: HttpRequest, extra: Partial<Hostile> = {}): Hostile => ({
    kind,
    method: signed.method,
    target: signed.path,
    headers: toFlat(signed.headers),
    localAddress: '127.0.0.11',
    ...extra,
  });
  const cases: Record<string, () => Promise<Hostile>> = {
    'random Authorization': async () => ({
      kind: 'random Authorization',
      method: 'GET',
      target: '/',
      headers: ['host', PARKING, 'authorization', rng.text(rng.int(400)), 'x-amz-date', '20250101T000000Z'],
      localAddress: '127.0.0.11',
    }),
    'truncated Authorization': async () => {
      const signed = await signedInvoke(creds.b);
      const auth = signed.headers.authorization;
      signed.headers.authorization = auth.slice(0, rng.int(auth.length));
      return hostile('truncated Authorization', signed);
    },
    'bad date': async () => {
      const signed = await signedInvoke(creds.b);
      signed.headers['x-amz-date'] = rng.pick([
        '',
        'yesterday',
        '2025-01-01T00:00:00Z',
        '20250101',
        '20250101T000000',
        '99999999T999999Z',
        '19700101T000000Z',
        '20991231T235959Z',
        rng.text(16),
      ]);
      return hostile('bad date', signed);
    },
    'stale signature': async () =>
      hostile(
        'stale signature',
        await signedInvoke(creds.b, { signingDate: new Date(Date.now() - (6 + rng.int(600)) * 60_000) }),
      ),
    'unknown key': async () => hostile('unknown key', await signedInvoke(unknownKey())),
    'wrong secret': async () =>
      hostile('wrong secret', await signedInvoke({ ...creds.b, secretAccessKey: rng.text(40) })),
    'missing session token': async () => {
      const signed = await signedInvoke(creds.b);
      delete signed.headers['x-amz-security-token'];
      return hostile('missing session token', signed);
    },
    'replayed, header changed': async () => {
      const signed = await signedInvoke(creds.b, { headers: { 'x-team': 'b' } });
      const field = rng.pick(['x-team', 'x-amz-date', 'x-amz-security-token', 'host']);
      const value = signed.headers[field];
      signed.headers[field] =
        field === 'host'
          ? value.toUpperCase()
          : field === 'x-amz-date'
            ? value.replace(/.$/, (d) => String((Number(d) + 1) % 10))
            : `${value}x`;
      return hostile('replayed, header changed', signed);
    },
    'replayed, path or method changed': async () => {
      const signed = await signedInvoke(creds.b, { path: '/spots' });
      return rng.next() < 0.5
        ? hostile('replayed, path or method changed', signed, { target: `/spots/${rng.text(3, 'abcdefgh')}` })
        : hostile('replayed, path or method changed', signed, { method: rng.pick(['POST', 'DELETE', 'PUT', 'PATCH']) });
    },
    'wrong scope': async () => {
      const region = rng.pick(['us-west-2', 'eu-west-1', 'us-east-1', 'us-gov-west-1', '*']);
      const service =
        region === 'us-east-1'
          ? rng.pick(['execute-api', 'vpc-lattice', 'sts', 's3', 'lattice'])
          : rng.pick(['vpc-lattice-svcs', 'execute-api']);
      return hostile('wrong scope', await signedInvoke(creds.b, { region, service }));
    },
    'signed payload': async () => {
      const signed = await signedInvoke(creds.b, {
        headers: {
          'x-amz-content-sha256':
            rng.pick([rng.text(64, '0123456789abcdef'), 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', '']) ||
            'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        },
      });
      return hostile('signed payload', signed);
    },
    'content hash not signed': async () => {
      const signed = await signedInvoke(creds.b, { headers: { 'x-amz-content-sha256': '' } });
      signed.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return hostile('content hash not signed', signed);
    },
    'garbage SigV4A': async () => ({
      kind: 'garbage SigV4A',
      method: 'GET',
      target: '/',
      headers: [
        'host',
        PARKING,
        'x-amz-date',
        '20250101T000000Z',
        'x-amz-region-set',
        rng.pick(['*', 'us-*', rng.text(8)]),
        'authorization',
        `AWS4-ECDSA-P256-SHA256 ` +
          `Credential=${rng.text(20)}/20250101/vpc-lattice-svcs/aws4_request, ` +
          `SignedHeaders=host;x-amz-date, ` +
          `Signature=${rng.text(140, '0123456789abcdef')}`,
      ],
      localAddress: '127.0.0.11',
    }),
    'garbage presigned query': async () => ({
      kind: 'garbage presigned query',
      method: 'GET',
      // One expression, evaluated left to right: the draws from rng stay in the same order.
      target:
        `/?X-Amz-Algorithm=${rng.pick(['AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256', 'MD5'])}` +
        `&X-Amz-Credential=${encodeURIComponent(rng.text(30))}` +
        `&X-Amz-Date=${rng.text(16, '0123456789TZ')}&X-Amz-SignedHeaders=host` +
        `&X-Amz-Signature=${rng.text(64, '0123456789abcdef')}` +
        `${rng.next() < 0.3 ? `&X-Amz-Expires=${rng.int(1e7) - 10}` : ''}`,
      headers: ['host', PARKING, ...(rng.next() < 0.2 ? ['authorization', 'AWS4-HMAC-SHA256 x'] : [])],
      localAddress: '127.0.0.11',
    }),
    'duplicate Authorization': async () => {
      const signed = await signedInvoke(creds.b);
      return hostile('duplicate Authorization', signed, {
        headers: [...toFlat(signed.headers), 'Authorization', signed.headers.authorization],
      });
    },
    'garbage path, anonymous': async () => ({
      kind: 'garbage path, anonymous',
      method: rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'PURGE', 'SEARCH']),
      target: `/${rng.text(rng.int(rng.next() < 0.05 ? 6000 : 200), "abcXYZ019-._~!$&'()*+,;=:@/%?#[]")}`.replace(
        /#/g,
        '%23',
      ),
      headers: ['host', PARKING],
      body: rng.next() < 0.3 ? rng.text(rng.int(2000)) : undefined,
      localAddress: '127.0.0.11',
    }),
    'denied identity, random path': async () =>
      hostile(
        'denied identity, random path',
        await signedInvoke(creds.noInvoke, { path: `/${rng.text(rng.int(40), 'abcdefghij0123456789-_/')}` }),
      ),
    'unknown method': async () => ({
      kind: 'unknown method',
      method: rng.pick(['FOO', 'GETT', 'BREW', 'X']),
      target: '/',
      headers: ['host', PARKING],
      localAddress: '127.0.0.11',
    }),
    'huge header': async () => ({
      kind: 'huge header',
      method: 'GET',
      target: '/',
      headers: ['host', PARKING, 'x-pad', 'a'.repeat(17_000 + rng.int(20_000))],
      localAddress: '127.0.0.11',
    }),
    'large header under the limit': async () => {
      const signed = await signedInvoke(creds.b, { headers: { 'x-pad': rng.text(8_000) } });
      signed.headers['x-pad'] = rng.text(8_000);
      return hostile('large header under the limit', signed);
    },
    'unknown Host (unreachable)': async () => ({
      kind: 'unknown Host (unreachable)',
      method: 'GET',
      target: '/',
      headers: ['host', `${rng.text(10, 'abcdefghijklmnopqrstuvwxyz')}.example`],
      localAddress: '127.0.0.11',
      unreachable: true,
    }),
  };
  const kinds = Object.keys(cases);
  // The unreachable case and the huge one (an expensive close) are kept rare.
  return () => {
    let kind = rng.pick(kinds);
    if ((kind === 'unknown Host (unreachable)' || kind === 'huge header') && rng.next() < 0.8)
      kind = 'random Authorization';
    return cases[kind]();
  };
}
