import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  getCanonicalRequest,
  getStringToSign,
  verifyRequest,
  type ReceivedRequest,
  type VerifyOptions,
} from '../../emulator/sigv4';
import { SUITE } from './loadSuite';

const options: VerifyOptions = {
  service: SUITE.service,
  region: SUITE.region,
  now: SUITE.now,
  lookupKey: (id) => (id === SUITE.accessKeyId ? { secretAccessKey: SUITE.secretAccessKey } : undefined),
  payload: 'verify',
};
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** Signs a request the textbook way (AWS's documented key derivation), for checks the suite does not cover. */
function signed(rawHeaders: string[], amzDate: string, target = '/'): ReceivedRequest {
  const signedHeaders = ['date', 'host'].filter((name) =>
    rawHeaders.some((v, i) => i % 2 === 0 && v.toLowerCase() === name),
  );
  const canonicalRequest = getCanonicalRequest({
    method: 'GET',
    target,
    rawHeaders,
    signedHeaders,
    payloadHash: EMPTY_SHA256,
  });
  const scope = `${amzDate.slice(0, 8)}/${SUITE.region}/${SUITE.service}/aws4_request`;
  const stringToSign = getStringToSign({ algorithm: 'AWS4-HMAC-SHA256', amzDate, scope, canonicalRequest });
  const key = hmac(
    hmac(hmac(hmac(`AWS4${SUITE.secretAccessKey}`, amzDate.slice(0, 8)), SUITE.region), SUITE.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const authorization =
    `AWS4-HMAC-SHA256 Credential=${SUITE.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return { method: 'GET', target, rawHeaders: [...rawHeaders, 'Authorization', authorization] };
}

const withAuthorization = (
  authorization: string,
  extra: string[] = ['X-Amz-Date', SUITE.amzDate],
): ReceivedRequest => ({
  method: 'GET',
  target: '/',
  rawHeaders: ['Host', 'example.amazonaws.com', ...extra, 'Authorization', authorization],
});

describe('verifyRequest, case by case', () => {
  it('falls back to an HTTP Date header and signs its basic-format equivalent', () => {
    const request = signed(['Host', 'example.amazonaws.com', 'Date', 'Sun, 30 Aug 2015 12:36:00 GMT'], SUITE.amzDate);
    expect(verifyRequest(request, options)).toMatchObject({ kind: 'verified', signedHeaders: ['date', 'host'] });
  });

  it('lists every missing Authorization part, then echoes the header', () => {
    expect(verifyRequest(withAuthorization('mock', []), options)).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization " +
        'header requires existence of either a ' +
        "'X-Amz-Date' or a 'Date' header. Authorization=mock",
    });
  });

  it('refuses a date that is not ISO 8601 basic format', () => {
    const result = verifyRequest(
      withAuthorization('AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=b', [
        'X-Amz-Date',
        '2015-08-30T12:36:00Z',
      ]),
      options,
    );
    expect(result).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message:
        "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. " +
        'See http://en.wikipedia.org/wiki/ISO_8601',
    });
  });

  it('refuses an unknown algorithm and a malformed credential', () => {
    expect(
      verifyRequest(withAuthorization('AWS4-HMAC-SHA512 Credential=a, SignedHeaders=host, Signature=b'), options),
    ).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message: "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'",
    });
    expect(
      verifyRequest(
        withAuthorization('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE, SignedHeaders=host, Signature=b'),
        options,
      ),
    ).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message:
        'Credential must have exactly 5 slash-delimited elements, e.g. ' +
        "keyid/date/region/service/term, got 'AKIDEXAMPLE'",
    });
  });

  it('reports every scope problem at once', () => {
    const result = verifyRequest(
      withAuthorization(
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150829/eu-west-1/s3/aws5_request, SignedHeaders=host, Signature=b',
      ),
      options,
    );
    expect(result).toEqual({
      kind: 'rejected',
      code: 'InvalidSignatureException',
      message:
        "Credential should be scoped to a valid region, not 'eu-west-1'. " +
        "Credential should be scoped to correct service: 'service'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
        'Date in Credential scope does not match YYYYMMDD from ISO-8601 version ' +
        "of date from HTTP: '20150829' != '20150830', from '20150830T123600Z'.",
    });
  });

  it('refuses an Authorization header and a presigned query together, and repeated query parameters', () => {
    const both = {
      ...withAuthorization('AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=b'),
      target: '/?X-Amz-Algorithm=AWS4-HMAC-SHA256',
    };
    expect(verifyRequest(both, options)).toMatchObject({ kind: 'rejected', code: 'IncompleteSignatureException' });
    const repeated: ReceivedRequest = {
      method: 'GET',
      target: '/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=1&X-Amz-Date=2',
      rawHeaders: ['Host', 'h'],
    };
    expect(verifyRequest(repeated, options)).toMatchObject({ kind: 'rejected', code: 'IncompleteSignatureException' });
  });

  it('names the missing presigned parameters', () => {
    const request: ReceivedRequest = {
      method: 'GET',
      target: '/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20150830T123600Z',
      rawHeaders: ['Host', 'h'],
    };
    expect(verifyRequest(request, options)).toEqual({
      kind: 'rejected',
      code: 'IncompleteSignatureException',
      message:
        "AWS query-string parameters must include 'X-Amz-Credential', " +
        "'X-Amz-Signature', 'X-Amz-SignedHeaders'. Re-examine the query-string " +
        'parameters.',
    });
  });

  it('refuses X-Amz-Expires outside 1..604800 seconds', () => {
    for (const expires of ['0', '604801', '-1', '1e3', '']) {
      const target =
        '/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=host' +
        `&X-Amz-Date=20150830T123600Z&X-Amz-Expires=${expires}`;
      expect(verifyRequest({ method: 'GET', target, rawHeaders: ['Host', 'h'] }, options)).toMatchObject({
        kind: 'rejected',
        code: 'IncompleteSignatureException',
      });
    }
  });

  it('an empty Authorization header is not anonymous', () => {
    expect(verifyRequest(withAuthorization(''), options)).toMatchObject({ kind: 'rejected' });
  });

  it('temporary credentials must carry their token; long-term ones must not carry one', () => {
    const request = signed(
      ['Host', 'example.amazonaws.com', 'X-Amz-Date', SUITE.amzDate, 'X-Amz-Security-Token', 'unsigned-token'],
      SUITE.amzDate,
    );
    expect(verifyRequest(request, options)).toMatchObject({ kind: 'rejected', code: 'UnrecognizedClientException' });
    const withToken: VerifyOptions = {
      ...options,
      lookupKey: () => ({ secretAccessKey: SUITE.secretAccessKey, sessionToken: 'unsigned-token' }),
    };
    expect(verifyRequest(request, withToken)).toMatchObject({ kind: 'verified', sessionToken: 'unsigned-token' });
  });
});
