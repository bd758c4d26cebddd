import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SigningKeyRecord, VerifyOptions } from '../../emulator/sigv4';
import { sendWithNodeHttp } from './sendWithNodeHttp';
import { signWithSdk, type SdkSignInput } from './signWithSdk';
import { startVerifyServer, type VerifyServer } from './startVerifyServer';

const NOW = new Date('2026-03-01T10:00:00Z');
const LONG_TERM = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SESSION = {
  accessKeyId: 'ASIAQEXAMPLESESSION1',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//session+token/==',
};
const EXPIRED = { ...SESSION, accessKeyId: 'ASIAQEXAMPLEEXPIRED1' };

const keys = new Map<string, SigningKeyRecord>([
  [LONG_TERM.accessKeyId, { secretAccessKey: LONG_TERM.secretAccessKey }],
  [SESSION.accessKeyId, { ...SESSION, expiration: new Date(NOW.getTime() + 3600_000) }],
  [EXPIRED.accessKeyId, { ...EXPIRED, expiration: new Date(NOW.getTime() - 1000) }],
]);

let options: VerifyOptions;
const latticeOptions = (): VerifyOptions => ({
  service: 'vpc-lattice-svcs',
  region: 'us-west-2',
  now: NOW,
  lookupKey: (id) => keys.get(id),
  payload: 'unsigned-required',
});

let server: VerifyServer;
beforeAll(async () => {
  server = await startVerifyServer(() => options);
});
afterAll(() => server.close());

const UNSIGNED = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };

async function roundTrip(input: Omit<SdkSignInput, 'port' | 'signingDate'> & { signingDate?: Date }, setup?: (o: VerifyOptions) => void) {
  options = latticeOptions();
  setup?.(options);
  const request = await signWithSdk({ signingDate: NOW, ...input, port: server.port });
  return sendWithNodeHttp(server.port, request);
}

describe('SDK-signed requests over a socket are verified', () => {
  const paths = ['/', '/parking', '/a%20b/c%20d/', '/a%2Bb', '/%E2%9C%93/caf%C3%A9', '/pkg.Service/Method', '/x/./y/../z', '//double//slash'];
  const queries: Array<Record<string, string | string[]>> = [
    {},
    { a: '1', b: 'x y', c: 'plus+sign', d: '' },
    { key: ['2', '1', '10'], other: 'ü' },
    { 'Z-last': 'z', 'a-first': 'a', 'reserved!*()': "it's" },
  ];
  for (const path of paths) {
    for (const query of queries) {
      it(`SigV4 ${path} ${JSON.stringify(query)}`, async () => {
        const result = await roundTrip({ path, query, headers: UNSIGNED, credentials: LONG_TERM });
        expect(result).toMatchObject({ kind: 'verified', accessKeyId: LONG_TERM.accessKeyId, algorithm: 'AWS4-HMAC-SHA256', presigned: false });
      });
    }
  }

  it('SigV4 with a session token', async () => {
    const result = await roundTrip({ path: '/parking', query: { q: 'a b' }, headers: UNSIGNED, credentials: SESSION });
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
    const result = await roundTrip({
      method: 'POST',
      path: '/orders',
      headers: { ...UNSIGNED, 'content-type': 'application/json', 'x-custom': '  spaced   out  value ' },
      body: '{"id":1}',
      credentials: SESSION,
    });
    expect(result).toMatchObject({ kind: 'verified', signedHeaders: expect.arrayContaining(['content-type', 'x-custom']) });
  });

  it('SigV4 presigned URL (x-amz-content-sha256 kept as a signed header)', async () => {
    const result = await roundTrip({
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
    const result = await roundTrip({ path: '/p', headers: UNSIGNED, credentials: LONG_TERM, presign: { expiresIn: 60 } });
    expect(result).toMatchObject({ kind: 'verified', presigned: true, signedHeaders: ['host'] });
  });

  for (const path of ['/', '/a%20b/%E2%9C%93', '/pkg.Service/Method']) {
    it(`SigV4A with region set '*' ${path}`, async () => {
      const result = await roundTrip({ algorithm: 'sigv4a', path, query: { k: ['b', 'a'] }, headers: UNSIGNED, credentials: SESSION });
      expect(result).toMatchObject({
        kind: 'verified',
        algorithm: 'AWS4-ECDSA-P256-SHA256',
        signedHeaders: expect.arrayContaining(['x-amz-region-set']),
      });
    });
  }

  it('SigV4A with region set us-* and a comma list', async () => {
    expect(await roundTrip({ algorithm: 'sigv4a', region: 'us-*', path: '/', headers: UNSIGNED, credentials: LONG_TERM })).toMatchObject({ kind: 'verified' });
    expect(await roundTrip({ algorithm: 'sigv4a', region: 'eu-west-1,us-west-2', path: '/', headers: UNSIGNED, credentials: LONG_TERM })).toMatchObject({ kind: 'verified' });
  });

  it('STS-style POST with a signed body hash in verify mode', async () => {
    const body = 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fr&RoleSessionName=s';
    const result = await roundTrip(
      { method: 'POST', path: '/', service: 'sts', region: 'us-east-1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, credentials: LONG_TERM },
      (o) => Object.assign(o, { service: 'sts', region: 'us-east-1', payload: 'verify' }),
    );
    expect(result).toMatchObject({ kind: 'verified' });
  });

  it('an unsigned request is anonymous', async () => {
    options = latticeOptions();
    expect(await sendWithNodeHttp(server.port, { method: 'GET', path: '/x?a=1', headers: {} })).toEqual({ kind: 'unsigned' });
  });
});

describe('refusals carry AWS codes and texts', () => {
  const MISMATCH =
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

  it('a payload hash other than UNSIGNED-PAYLOAD', async () => {
    const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(await roundTrip({ path: '/', headers: { 'x-amz-content-sha256': hash }, credentials: LONG_TERM })).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: 'Signed payloads are not supported',
    });
  });

  it('x-amz-content-sha256 absent', async () => {
    expect(await roundTrip({ path: '/', credentials: LONG_TERM })).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "Missing the 'x-amz-content-sha256' in canonical headers.",
    });
  });

  it('x-amz-content-sha256 sent but not signed', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, unsignableHeaders: new Set(['x-amz-content-sha256']) });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "Missing the 'x-amz-content-sha256' in canonical headers.",
    });
  });

  it('x-amz-security-token signed but removed', async () => {
    options = latticeOptions();
    const request = await signWithSdk({ path: '/', headers: UNSIGNED, credentials: SESSION, port: server.port, signingDate: NOW });
    delete request.headers['x-amz-security-token'];
    expect(await sendWithNodeHttp(server.port, request)).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "'x-amz-security-token' is named as a SignedHeader, but it does not exist in the HTTP request.",
    });
  });

  it('any other signed header removed', async () => {
    options = latticeOptions();
    const request = await signWithSdk({ path: '/', headers: { ...UNSIGNED, 'x-custom': 'v' }, credentials: LONG_TERM, port: server.port, signingDate: NOW });
    delete request.headers['x-custom'];
    expect(await sendWithNodeHttp(server.port, request)).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "'x-custom' is named as a SignedHeader, but it does not exist in the HTTP request.",
    });
  });

  it('a wrong secret', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: { ...LONG_TERM, secretAccessKey: 'not-the-secret' } });
    expect(result).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('a wrong secret with SigV4A', async () => {
    const result = await roundTrip({ algorithm: 'sigv4a', path: '/', headers: UNSIGNED, credentials: { ...LONG_TERM, secretAccessKey: 'not-the-secret' } });
    expect(result).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('a header changed after signing', async () => {
    options = latticeOptions();
    const request = await signWithSdk({ path: '/', headers: { ...UNSIGNED, 'x-custom': 'v' }, credentials: LONG_TERM, port: server.port, signingDate: NOW });
    request.headers['x-custom'] = 'w';
    expect(await sendWithNodeHttp(server.port, request)).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('the path changed after signing', async () => {
    options = latticeOptions();
    const request = await signWithSdk({ path: '/a', headers: UNSIGNED, credentials: LONG_TERM, port: server.port, signingDate: NOW });
    request.path = '/b';
    expect(await sendWithNodeHttp(server.port, request)).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('an unknown access key', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: { ...LONG_TERM, accessKeyId: 'AKIAUNKNOWNEXAMPLE00' } });
    expect(result).toEqual({ kind: 'rejected', code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
  });

  it('an expired session', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: EXPIRED });
    expect(result).toEqual({ kind: 'rejected', code: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
  });

  it("a session token that is not the key's", async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: { ...SESSION, sessionToken: 'some-other-token' } });
    expect(result).toEqual({ kind: 'rejected', code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
  });

  it('temporary credentials without their token', async () => {
    const { sessionToken: _, ...withoutToken } = SESSION;
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: withoutToken });
    expect(result).toEqual({ kind: 'rejected', code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
  });

  it('a date more than 5 minutes old', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, signingDate: new Date('2026-03-01T09:54:59Z') });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: 'Signature expired: 20260301T095459Z is now earlier than 20260301T095500Z (20260301T100000Z - 5 min.)',
    });
  });

  it('a date more than 5 minutes ahead', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, signingDate: new Date('2026-03-01T10:05:01Z') });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: 'Signature not yet current: 20260301T100501Z is still later than 20260301T100500Z (20260301T100000Z + 5 min.)',
    });
  });

  it('dates exactly 5 minutes off are still accepted', async () => {
    for (const offset of [-300_000, 300_000]) {
      const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, signingDate: new Date(NOW.getTime() + offset) });
      expect(result).toMatchObject({ kind: 'verified' });
    }
  });

  it('a scope for another service', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, service: 'execute-api' });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'vpc-lattice-svcs'.",
    });
  });

  it('a scope for another region', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, region: 'us-east-1' });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
    });
  });

  it('a SigV4A region set that does not cover the region', async () => {
    const result = await roundTrip({ algorithm: 'sigv4a', region: 'eu-*,ap-southeast-2', path: '/', headers: UNSIGNED, credentials: LONG_TERM });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "The region set 'eu-*,ap-southeast-2' in the signature does not include the region 'us-west-2'.",
    });
  });

  it('SigV4A refused when it is turned off', async () => {
    const result = await roundTrip({ algorithm: 'sigv4a', path: '/', headers: UNSIGNED, credentials: LONG_TERM }, (o) => (o.allowSigV4a = false));
    expect(result).toEqual({ kind: 'rejected', code: 'IncompleteSignatureException', message: "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'" });
  });

  it('a presigned URL past X-Amz-Expires', async () => {
    const result = await roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: LONG_TERM,
      presign: { expiresIn: 60 },
      signingDate: new Date('2026-03-01T09:58:59Z'),
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: 'Signature expired: 20260301T095859Z is now earlier than 20260301T095900Z (20260301T100000Z - 60 sec.)',
    });
  });

  it('presigned URLs refused when they are turned off', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, presign: { expiresIn: 60 } }, (o) => (o.allowPresigned = false));
    expect(result).toMatchObject({ kind: 'rejected', code: 'IncompleteSignatureException' });
  });

  it('host not signed', async () => {
    const result = await roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, omitHost: true });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('STS verify mode: a body changed after signing', async () => {
    options = { ...latticeOptions(), service: 'sts', region: 'us-east-1', payload: 'verify' };
    const request = await signWithSdk({
      method: 'POST', path: '/', service: 'sts', region: 'us-east-1', port: server.port, signingDate: NOW,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15', credentials: LONG_TERM,
    });
    request.body = 'Action=GetCallerIdentity&Version=2011-06-16';
    expect(await sendWithNodeHttp(server.port, request)).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });
});
