import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deriveSigV4aPublicKey,
  getCanonicalRequest,
  getStringToSign,
  verifyRequest,
  type ReceivedRequest,
  type VerifyOptions,
} from '../../emulator/sigv4';
import { findSuiteException, SUITE_EXCEPTIONS } from './exceptions';
import {
  loadSuite,
  SUITE,
  SUITE_FOLDERS,
  SUITE_ROOT,
  type SuiteCase,
  type SuiteFolder,
  type SuiteVariant,
} from './loadSuite';
import { parseSuiteRequest, toWireBytes, type SuiteRequest } from './parseSuiteRequest';
import { sendRawRequest } from './sendRawRequest';
import { startVerifyServer, type VerifyServer } from './startVerifyServer';

let server: VerifyServer;
let serverOptions: VerifyOptions;
beforeAll(async () => {
  server = await startVerifyServer(() => serverOptions);
});
afterAll(() => server.close());

const payloadModeOf = (folder: SuiteFolder): VerifyOptions['payload'] =>
  folder.startsWith('aws-c-auth-removed') ? 'unsigned-required' : 'verify';

function optionsFor(testCase: SuiteCase): VerifyOptions {
  const { credentials, normalize, region } = testCase.context;
  return {
    service: SUITE.service,
    region,
    now: SUITE.now,
    lookupKey: (id) =>
      id === credentials.access_key_id
        ? {
            secretAccessKey: credentials.secret_access_key,
            ...(credentials.token ? { sessionToken: credentials.token } : {}),
          }
        : undefined,
    payload: payloadModeOf(testCase.folder),
    normalizePath: normalize,
  };
}

const toReceived = (request: SuiteRequest): ReceivedRequest => ({
  method: request.method,
  target: request.target,
  rawHeaders: request.rawHeaders,
  body: request.body,
});

function signedHeadersOf(request: SuiteRequest, kind: SuiteVariant['kind']): string[] {
  if (kind === 'header') {
    const authorization =
      request.rawHeaders[
        request.rawHeaders.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === 'authorization') + 1
      ]!;
    return /SignedHeaders=([^,\s]+)/.exec(authorization)![1]!.split(';');
  }
  return decodeURIComponent(/[?&]X-Amz-SignedHeaders=([^&]*)/.exec(request.target)![1]!).split(';');
}

/** Changes the last character of a string to another one. */
const flipLast = (text: string): string => `${text.slice(0, -1)}${text.endsWith('a') ? 'b' : 'a'}`;

function withHeader(request: SuiteRequest, name: string, change: (value: string) => string): SuiteRequest {
  const rawHeaders = [...request.rawHeaders];
  const at = rawHeaders.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === name);
  rawHeaders[at + 1] = change(rawHeaders[at + 1]!);
  return { ...request, rawHeaders };
}

const withQueryParam = (request: SuiteRequest, name: string, change: (value: string) => string): SuiteRequest => ({
  ...request,
  target: request.target.replace(
    new RegExp(`([?&]${name}=)([^&]*)`),
    (_, prefix: string, value: string) => `${prefix}${change(value)}`,
  ),
});

for (const folder of SUITE_FOLDERS) {
  describe(folder, () => {
    for (const testCase of loadSuite(folder)) {
      if (testCase.variants.length === 0) {
        it(`${testCase.name}: listed as having no expected output`, () => {
          expect(findSuiteException(folder, testCase.name)).toMatchObject({ scope: 'all', expect: 'nothing' });
        });
        continue;
      }
      if (testCase.sigV4a) {
        it(`${testCase.name}: the derived public key is public-key.json; both signatures verify with it`, () => {
          const { access_key_id, secret_access_key } = testCase.context.credentials;
          const derived = deriveSigV4aPublicKey(access_key_id, secret_access_key);
          expect({ X: derived.x, Y: derived.y }).toEqual({
            X: testCase.publicKey!.X.toLowerCase(),
            Y: testCase.publicKey!.Y.toLowerCase(),
          });
          const fromFile = createPublicKey({
            key: {
              kty: 'EC',
              crv: 'P-256',
              x: Buffer.from(testCase.publicKey!.X, 'hex').toString('base64url'),
              y: Buffer.from(testCase.publicKey!.Y, 'hex').toString('base64url'),
            },
            format: 'jwk',
          });
          for (const variant of testCase.variants) {
            for (const key of [derived.key, fromFile]) {
              expect(
                verify(
                  'sha256',
                  Buffer.from(variant.stringToSign),
                  { key, dsaEncoding: 'der' },
                  Buffer.from(variant.signature, 'hex'),
                ),
              ).toBe(true);
            }
          }
        });
      }
      for (const variant of testCase.variants) {
        defineVariantTests(testCase, variant);
      }
    }
  });
}

function defineVariantTests(testCase: SuiteCase, variant: SuiteVariant): void {
  const label = `${testCase.name} ${variant.kind}`;
  const request = parseSuiteRequest(variant.signedRequest);
  const exception = findSuiteException(testCase.folder, testCase.name, variant.kind);
  const options = optionsFor(testCase);
  const payloadHash =
    options.payload === 'unsigned-required'
      ? 'UNSIGNED-PAYLOAD'
      : createHash('sha256').update(request.body).digest('hex');

  it(
    `${label}: canonical request and string to ` +
      `sign${exception?.canonical === 'differs' ? ' differ, as listed in exceptions.ts' : ''}`,
    () => {
      const canonicalRequest = getCanonicalRequest({
        method: request.method,
        target: request.target,
        rawHeaders: request.rawHeaders,
        signedHeaders: signedHeadersOf(request, variant.kind),
        payloadHash,
        normalizePath: testCase.context.normalize,
      });
      if (exception?.canonical === 'differs') {
        expect(canonicalRequest).not.toBe(variant.canonicalRequest);
        return;
      }
      expect(canonicalRequest).toBe(variant.canonicalRequest);
      const scope = testCase.sigV4a
        ? `20150830/${SUITE.service}/aws4_request`
        : `20150830/${SUITE.region}/${SUITE.service}/aws4_request`;
      const algorithm = testCase.sigV4a ? 'AWS4-ECDSA-P256-SHA256' : 'AWS4-HMAC-SHA256';
      expect(getStringToSign({ algorithm, amzDate: SUITE.amzDate, scope, canonicalRequest })).toBe(
        variant.stringToSign,
      );
    },
  );

  if (exception?.scope === 'verify') {
    it(`${label}: refused, as listed in exceptions.ts`, () => {
      expect(verifyRequest(toReceived(request), options)).toMatchObject({
        kind: 'rejected',
        code: 'InvalidSignatureException',
      });
    });
    return;
  }

  it(`${label}: verified directly`, () => {
    expect(verifyRequest(toReceived(request), options)).toMatchObject({
      kind: 'verified',
      accessKeyId: SUITE.accessKeyId,
      presigned: variant.kind === 'query',
    });
  });

  it(`${label}: a tampered signed header, signature or date is rejected`, () => {
    const tampered: Array<[string, SuiteRequest]> = signedHeadersOf(request, variant.kind).map((name) => [
      `header ${name}`,
      withHeader(request, name, flipLast),
    ]);
    if (variant.kind === 'header') {
      tampered.push(['signature', withHeader(request, 'authorization', flipLast)]);
      tampered.push(['date', withHeader(request, 'x-amz-date', () => '20150830T123601Z')]);
    } else {
      tampered.push(['signature', withQueryParam(request, 'X-Amz-Signature', flipLast)]);
      tampered.push(['date', withQueryParam(request, 'X-Amz-Date', () => '20150830T123601Z')]);
    }
    for (const [what, changed] of tampered) {
      expect({ what, result: verifyRequest(toReceived(changed), options) }).toMatchObject({
        what,
        result: { kind: 'rejected' },
      });
    }
  });

  const overSocket =
    exception?.scope === 'socket'
      ? 'refused by Node over a socket, as listed in exceptions.ts'
      : 'verified over a socket';
  it(`${label}: ${overSocket}`, async () => {
    serverOptions = options;
    const result = await sendRawRequest(server.port, toWireBytes(request));
    if (exception?.scope === 'socket') expect(result).toEqual({ status: 'HTTP/1.1 400 Bad Request' });
    else expect(result).toMatchObject({ kind: 'verified', accessKeyId: SUITE.accessKeyId });
  });
}

describe('aws4_testsuite .req + .authz', () => {
  it('get-vanilla-with-session-token: .req plus its token and .authz verifies', () => {
    const dir = path.join(SUITE_ROOT, 'aws4_testsuite/get-vanilla-with-session-token');
    const request = parseSuiteRequest(readFileSync(path.join(dir, 'get-vanilla-with-session-token.req')));
    const authorization = readFileSync(path.join(dir, 'get-vanilla-with-session-token.authz'), 'utf8').trim();
    const testCase = loadSuite('aws4_testsuite').find((c) => c.name === 'get-vanilla-with-session-token')!;
    const token = testCase.context.credentials.token!;
    const rawHeaders = [...request.rawHeaders, 'X-Amz-Security-Token', token, 'Authorization', authorization];
    const result = verifyRequest({ ...toReceived(request), rawHeaders }, optionsFor(testCase));
    expect(result).toMatchObject({ kind: 'verified', sessionToken: testCase.context.credentials.token });
  });
});

describe('exceptions.ts', () => {
  it('names only cases and variants that exist', () => {
    for (const entry of SUITE_EXCEPTIONS) {
      for (const folder of entry.folders) {
        const testCase = loadSuite(folder).find((c) => c.name === entry.case);
        expect({ folder, case: entry.case, found: testCase !== undefined }).toEqual({
          folder,
          case: entry.case,
          found: true,
        });
        if (entry.variant) expect(testCase!.variants.map((v) => v.kind)).toContain(entry.variant);
      }
    }
  });
});
