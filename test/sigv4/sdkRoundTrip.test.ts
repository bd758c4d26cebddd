import { describe, expect, it } from 'vitest';
import { LONG_TERM, NOW, SESSION, UNSIGNED, useSdkHarness } from './sdkFixture';

const sdk = useSdkHarness();

describe('SDK-signed requests over a socket are verified', () => {
  const paths = [
    '/',
    '/parking',
    '/a%20b/c%20d/',
    '/a%2Bb',
    '/%E2%9C%93/caf%C3%A9',
    '/pkg.Service/Method',
    '/x/./y/../z',
    '//double//slash',
  ];
  const queries: Array<Record<string, string | string[]>> = [
    {},
    { a: '1', b: 'x y', c: 'plus+sign', d: '' },
    { key: ['2', '1', '10'], other: 'ü' },
    { 'Z-last': 'z', 'a-first': 'a', 'reserved!*()': "it's" },
  ];
  for (const path of paths) {
    for (const query of queries) {
      it(`SigV4 ${path} ${JSON.stringify(query)}`, async () => {
        const result = await sdk.roundTrip({ path, query, headers: UNSIGNED, credentials: LONG_TERM });
        expect(result).toMatchObject({
          kind: 'verified',
          accessKeyId: LONG_TERM.accessKeyId,
          algorithm: 'AWS4-HMAC-SHA256',
          presigned: false,
        });
      });
    }
  }

  for (const path of ['/', '/a%20b/%E2%9C%93', '/x/./y/../z', '//double//slash', '/a%2Bb']) {
    it(`SigV4 sent with fetch ${path}`, async () => {
      const request = await sdk.sign({
        path,
        query: { a: 'x y', b: ['2', '1'] },
        headers: UNSIGNED,
        credentials: SESSION,
      });
      expect(await sdk.fetch(request)).toMatchObject({ kind: 'verified', presigned: false });
    });
  }

  it('SigV4 with a session token', async () => {
    const result = await sdk.roundTrip({
      path: '/parking',
      query: { q: 'a b' },
      headers: UNSIGNED,
      credentials: SESSION,
    });
    expect(result).toEqual({
      kind: 'verified',
      accessKeyId: SESSION.accessKeyId,
      algorithm: 'AWS4-HMAC-SHA256',
      signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token'],
      sessionToken: SESSION.sessionToken,
      presigned: false,
    });
  });

  it('SigV4 POST with a body and extra signed headers', async () => {
    const result = await sdk.roundTrip({
      method: 'POST',
      path: '/orders',
      headers: { ...UNSIGNED, 'content-type': 'application/json', 'x-custom': '  spaced   out  value ' },
      body: '{"id":1}',
      credentials: SESSION,
    });
    expect(result).toMatchObject({
      kind: 'verified',
      signedHeaders: expect.arrayContaining(['content-type', 'x-custom']),
    });
  });

  it('SigV4 presigned URL (x-amz-content-sha256 kept as a signed header)', async () => {
    const result = await sdk.roundTrip({
      path: '/presigned%20path',
      query: { a: ['2', '1'] },
      headers: UNSIGNED,
      credentials: SESSION,
      presign: { expiresIn: 900, unhoistableHeaders: new Set(['x-amz-content-sha256']) },
      signingDate: new Date(NOW.getTime() - 600_000),
    });
    expect(result).toMatchObject({ kind: 'verified', presigned: true, sessionToken: SESSION.sessionToken });
  });

  it('SigV4 presigned URL (x-amz-content-sha256 hoisted into the query)', async () => {
    const result = await sdk.roundTrip({
      path: '/p',
      headers: UNSIGNED,
      credentials: LONG_TERM,
      presign: { expiresIn: 60 },
    });
    expect(result).toMatchObject({ kind: 'verified', presigned: true, signedHeaders: ['host'] });
  });

  for (const path of ['/', '/a%20b/%E2%9C%93', '/pkg.Service/Method']) {
    it(`SigV4A with region set '*' ${path}`, async () => {
      const result = await sdk.roundTrip({
        algorithm: 'sigv4a',
        path,
        query: { k: ['b', 'a'] },
        headers: UNSIGNED,
        credentials: SESSION,
      });
      expect(result).toMatchObject({
        kind: 'verified',
        algorithm: 'AWS4-ECDSA-P256-SHA256',
        signedHeaders: expect.arrayContaining(['x-amz-region-set']),
      });
    });
  }

  it('SigV4A with region set us-* and a comma list', async () => {
    expect(
      await sdk.roundTrip({
        algorithm: 'sigv4a',
        region: 'us-*',
        path: '/',
        headers: UNSIGNED,
        credentials: LONG_TERM,
      }),
    ).toMatchObject({ kind: 'verified' });
    expect(
      await sdk.roundTrip({
        algorithm: 'sigv4a',
        region: 'eu-west-1,us-west-2',
        path: '/',
        headers: UNSIGNED,
        credentials: LONG_TERM,
      }),
    ).toMatchObject({ kind: 'verified' });
  });

  it('STS-style POST with a signed body hash in verify mode', async () => {
    const body =
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fr&RoleSessionName=s';
    const result = await sdk.roundTrip(
      {
        method: 'POST',
        path: '/',
        service: 'sts',
        region: 'us-east-1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        credentials: LONG_TERM,
      },
      (o) => Object.assign(o, { service: 'sts', region: 'us-east-1', payload: 'verify' }),
    );
    expect(result).toMatchObject({ kind: 'verified' });
  });

  it('an unsigned request is anonymous', async () => {
    expect(await sdk.send({ method: 'GET', path: '/x?a=1', headers: {} })).toEqual({ kind: 'unsigned' });
  });
});
