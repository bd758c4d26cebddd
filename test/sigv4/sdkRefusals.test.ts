import { describe, expect, it } from 'vitest';
import { EXPIRED, latticeOptions, LONG_TERM, NOW, SESSION, UNSIGNED, useSdkHarness } from './sdkFixture';

const sdk = useSdkHarness();

describe('refusals carry AWS codes and texts', () => {
  const MISMATCH =
    'The request signature we calculated does not match the signature you ' +
    'provided. Check your AWS Secret Access Key and signing method. Consult ' +
    'the service documentation for details.';

  it('a payload hash other than UNSIGNED-PAYLOAD', async () => {
    const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(
      await sdk.roundTrip({ path: '/', headers: { 'x-amz-content-sha256': hash }, credentials: LONG_TERM }),
    ).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: 'Signed payloads are not supported',
    });
  });

  it('x-amz-content-sha256 absent', async () => {
    expect(await sdk.roundTrip({ path: '/', credentials: LONG_TERM })).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "Missing the 'x-amz-content-sha256' in canonical headers.",
    });
  });

  it('x-amz-content-sha256 sent but not signed', async () => {
    const result = await sdk.roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: LONG_TERM,
      unsignableHeaders: new Set(['x-amz-content-sha256']),
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "Missing the 'x-amz-content-sha256' in canonical headers.",
    });
  });

  it('x-amz-security-token signed but removed', async () => {
    const request = await sdk.sign({ path: '/', headers: UNSIGNED, credentials: SESSION });
    delete request.headers['x-amz-security-token'];
    expect(await sdk.send(request)).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "'x-amz-security-token' is named as a SignedHeader, but it does not exist in the HTTP request.",
    });
  });

  it('any other signed header removed', async () => {
    const request = await sdk.sign({ path: '/', headers: { ...UNSIGNED, 'x-custom': 'v' }, credentials: LONG_TERM });
    delete request.headers['x-custom'];
    expect(await sdk.send(request)).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "'x-custom' is named as a SignedHeader, but it does not exist in the HTTP request.",
    });
  });

  it('a wrong secret', async () => {
    const result = await sdk.roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: { ...LONG_TERM, secretAccessKey: 'not-the-secret' },
    });
    expect(result).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('a wrong secret with SigV4A', async () => {
    const result = await sdk.roundTrip({
      algorithm: 'sigv4a',
      path: '/',
      headers: UNSIGNED,
      credentials: { ...LONG_TERM, secretAccessKey: 'not-the-secret' },
    });
    expect(result).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('a header changed after signing', async () => {
    const request = await sdk.sign({ path: '/', headers: { ...UNSIGNED, 'x-custom': 'v' }, credentials: LONG_TERM });
    request.headers['x-custom'] = 'w';
    expect(await sdk.send(request)).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('the path changed after signing', async () => {
    const request = await sdk.sign({ path: '/a', headers: UNSIGNED, credentials: LONG_TERM });
    request.path = '/b';
    expect(await sdk.send(request)).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });

  it('an unknown access key', async () => {
    const result = await sdk.roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: { ...LONG_TERM, accessKeyId: 'AKIAUNKNOWNEXAMPLE00' },
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('an expired session', async () => {
    const result = await sdk.roundTrip({ path: '/', headers: UNSIGNED, credentials: EXPIRED });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
  });

  it("a session token that is not the key's", async () => {
    const result = await sdk.roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: { ...SESSION, sessionToken: 'some-other-token' },
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('temporary credentials without their token', async () => {
    const { sessionToken: _, ...withoutToken } = SESSION;
    const result = await sdk.roundTrip({ path: '/', headers: UNSIGNED, credentials: withoutToken });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('a date more than 5 minutes old', async () => {
    const result = await sdk.roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: LONG_TERM,
      signingDate: new Date('2026-03-01T09:54:59Z'),
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: 'Signature expired: 20260301T095459Z is now earlier than 20260301T095500Z (20260301T100000Z - 5 min.)',
    });
  });

  it('a date more than 5 minutes ahead', async () => {
    const result = await sdk.roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: LONG_TERM,
      signingDate: new Date('2026-03-01T10:05:01Z'),
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message:
        'Signature not yet current: 20260301T100501Z is still later than 20260301T100500Z (20260301T100000Z + 5 min.)',
    });
  });

  it('dates exactly 5 minutes off are still accepted', async () => {
    for (const offset of [-300_000, 300_000]) {
      const result = await sdk.roundTrip({
        path: '/',
        headers: UNSIGNED,
        credentials: LONG_TERM,
        signingDate: new Date(NOW.getTime() + offset),
      });
      expect(result).toMatchObject({ kind: 'verified' });
    }
  });

  it('a scope for another service', async () => {
    const result = await sdk.roundTrip({
      path: '/',
      headers: UNSIGNED,
      credentials: LONG_TERM,
      service: 'execute-api',
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'vpc-lattice-svcs'.",
    });
  });

  it('a scope for another region', async () => {
    const result = await sdk.roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, region: 'us-east-1' });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
    });
  });

  it('a SigV4A region set that does not cover the region', async () => {
    const result = await sdk.roundTrip({
      algorithm: 'sigv4a',
      region: 'eu-*,ap-southeast-2',
      path: '/',
      headers: UNSIGNED,
      credentials: LONG_TERM,
    });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "The region set 'eu-*,ap-southeast-2' in the signature does not include the region 'us-west-2'.",
    });
  });

  it('SigV4A refused when it is turned off', async () => {
    const result = await sdk.roundTrip(
      { algorithm: 'sigv4a', path: '/', headers: UNSIGNED, credentials: LONG_TERM },
      (o) => (o.allowSigV4a = false),
    );
    expect(result).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'",
    });
  });

  it('a presigned URL past X-Amz-Expires', async () => {
    const result = await sdk.roundTrip({
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
    const result = await sdk.roundTrip(
      { path: '/', headers: UNSIGNED, credentials: LONG_TERM, presign: { expiresIn: 60 } },
      (o) => (o.allowPresigned = false),
    );
    expect(result).toMatchObject({ kind: 'rejected', code: 'IncompleteSignatureException' });
  });

  it('host not signed', async () => {
    const result = await sdk.roundTrip({ path: '/', headers: UNSIGNED, credentials: LONG_TERM, omitHost: true });
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('STS verify mode: a body changed after signing', async () => {
    const request = await sdk.sign({
      method: 'POST',
      path: '/',
      service: 'sts',
      region: 'us-east-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      credentials: LONG_TERM,
    });
    request.body = 'Action=GetCallerIdentity&Version=2011-06-16';
    expect(
      await sdk.send(request, { ...latticeOptions(), service: 'sts', region: 'us-east-1', payload: 'verify' }),
    ).toEqual({ kind: 'rejected', code: 'InvalidSignatureException', message: MISMATCH });
  });
});
