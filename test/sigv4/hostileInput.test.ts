import { describe, expect, it } from 'vitest';
import { verifyRequest, type ReceivedRequest, type VerifyOptions, type VerifyResult } from '../../emulator/sigv4';
import { loadSuite, SUITE, type SuiteFolder } from './loadSuite';
import { parseSuiteRequest } from './parseSuiteRequest';

/** mulberry32: a small seeded generator, so every run tries the same inputs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(20150830);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (below: number): number => Math.floor(random() * below);
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=;:%+*?&#@!$"\'<>()[]{}|\\^`~';
const randomText = (length: number, alphabet = ALPHABET): string =>
  Array.from({ length }, () => alphabet[int(alphabet.length)]).join('');
const randomUnicode = (length: number): string =>
  Array.from({ length }, () => String.fromCharCode(int(0x10000))).join('');

function baseRequest(
  folder: SuiteFolder,
  name: string,
  kind: 'header' | 'query',
): { request: ReceivedRequest; options: VerifyOptions } {
  const testCase = loadSuite(folder).find((c) => c.name === name)!;
  const parsed = parseSuiteRequest(testCase.variants.find((v) => v.kind === kind)!.signedRequest);
  const { credentials } = testCase.context;
  return {
    request: { method: parsed.method, target: parsed.target, rawHeaders: parsed.rawHeaders, body: parsed.body },
    options: {
      service: SUITE.service,
      region: SUITE.region,
      now: SUITE.now,
      lookupKey: (id) =>
        id === credentials.access_key_id
          ? { secretAccessKey: credentials.secret_access_key, sessionToken: credentials.token }
          : undefined,
      payload: 'verify',
    },
  };
}

const HEADER_V4 = baseRequest('aws-c-auth/v4', 'post-sts-header-before', 'header');
const HEADER_V4A = baseRequest('aws-c-auth/v4a', 'get-vanilla', 'header');
const QUERY_V4 = baseRequest('aws-c-auth/v4', 'get-vanilla-query-order-encoded', 'query');

function headerValue(request: ReceivedRequest, name: string): string {
  const at = request.rawHeaders.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === name);
  return at < 0 ? '' : request.rawHeaders[at + 1]!;
}

function withHeader(request: ReceivedRequest, name: string, value: string): ReceivedRequest {
  const rawHeaders = [...request.rawHeaders];
  const at = rawHeaders.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === name);
  if (at < 0) rawHeaders.push(name, value);
  else rawHeaders[at + 1] = value;
  return { ...request, rawHeaders };
}

/** Runs verifyRequest and fails with the input when it throws. */
function run(request: ReceivedRequest, options: VerifyOptions): VerifyResult {
  try {
    return verifyRequest(request, options);
  } catch (error) {
    throw new Error(`verifyRequest threw on ${JSON.stringify(request).slice(0, 500)}: ${String(error)}`);
  }
}

function expectAllRejected(
  base: { request: ReceivedRequest; options: VerifyOptions },
  variants: ReceivedRequest[],
): void {
  const accepted = variants
    .map((request) => ({ request, result: run(request, base.options) }))
    .filter(({ result }) => result.kind !== 'rejected');
  expect(
    accepted.map(({ request, result }) => ({
      result,
      authorization: headerValue(request, 'authorization'),
      date: [headerValue(request, 'x-amz-date'), headerValue(request, 'date')],
      target: request.target.slice(0, 200),
    })),
  ).toEqual([]);
}

/** Positions in a string whose character is not whitespace or ',' (changing one of them changes a token). */
const tokenPositions = (text: string): number[] => [...text].flatMap((c, i) => (/[\s,]/.test(c) ? [] : [i]));
const NON_SEPARATORS = ALPHABET.replace(/[,]/g, '');

describe('hostile input never throws and is never verified', () => {
  it('the untouched base requests verify (so the mutations below are what refuses them)', () => {
    for (const base of [HEADER_V4, HEADER_V4A, QUERY_V4]) expect(run(base.request, base.options).kind).toBe('verified');
  });

  for (const [label, base] of [
    ['SigV4', HEADER_V4],
    ['SigV4A', HEADER_V4A],
  ] as const) {
    const authorization = headerValue(base.request, 'authorization');

    it(`${label}: every truncation of the Authorization header`, () => {
      const variants = Array.from({ length: authorization.length }, (_, n) =>
        withHeader(base.request, 'authorization', authorization.slice(0, n)),
      );
      expectAllRejected(base, variants);
    });

    it(`${label}: 2,000 one-character replacements, insertions and deletions in the Authorization header`, () => {
      const positions = tokenPositions(authorization);
      const variants = Array.from({ length: 2000 }, () => {
        const at = pick(positions);
        const operation = int(3);
        let changed: string;
        if (operation === 0) {
          let replacement = pick([...NON_SEPARATORS]);
          while (replacement === authorization[at]) replacement = pick([...NON_SEPARATORS]);
          changed = authorization.slice(0, at) + replacement + authorization.slice(at + 1);
        } else if (operation === 1) {
          changed = authorization.slice(0, at) + pick([...NON_SEPARATORS]) + authorization.slice(at);
        } else {
          changed = authorization.slice(0, at) + authorization.slice(at + 1);
        }
        return withHeader(base.request, 'authorization', changed);
      });
      expectAllRejected(base, variants);
    });
  }

  it('2,000 random Authorization headers', () => {
    const prefixes = [
      '',
      'AWS4-HMAC-SHA256 ',
      'AWS4-ECDSA-P256-SHA256 ',
      'Bearer ',
      'AWS4-HMAC-SHA256 Credential=',
      'AWS AKID:',
    ];
    const parts = [
      'Credential=',
      'SignedHeaders=',
      'Signature=',
      ', ',
      ',',
      '/',
      ';',
      '=',
      ' ',
      'aws4_request',
      'host',
      'AKIDEXAMPLE',
    ];
    const variants = Array.from({ length: 2000 }, (_, i) => {
      const body =
        i % 3 === 0
          ? randomText(int(200))
          : i % 3 === 1
            ? Array.from({ length: int(30) }, () => (random() < 0.5 ? pick(parts) : randomText(int(12)))).join('')
            : randomUnicode(int(100));
      return withHeader(HEADER_V4.request, 'authorization', pick(prefixes) + body);
    });
    expectAllRejected(HEADER_V4, variants);
  });

  it('1,000 bad X-Amz-Date values (and the same as Date headers)', () => {
    const nearMisses = [
      '',
      ' ',
      '20150830',
      '20150830T123600',
      '20150830T123600z',
      '2015-08-30T12:36:00Z',
      '20150830T123600.000Z',
      '20150230T123600Z',
      '20151301T123600Z',
      '20150830T246000Z',
      '20150830T126000Z',
      '20150830T123660Z',
      '00000000T000000Z',
      '99999999T999999Z',
      'Sun, 30 Aug 2015 12:36:00 GMT',
      '20150830T123600Z x',
      '２０１５0830T123600Z',
      '20150830T123600ZZ',
      '+20150830T123600Z',
    ];
    const values = [
      ...nearMisses,
      ...Array.from({ length: 1000 - nearMisses.length }, () => randomText(int(24), '0123456789TZ:-., ')),
    ];
    const asAmzDate = values.map((value) => withHeader(HEADER_V4.request, 'x-amz-date', value));
    const withoutAmzDate = HEADER_V4.request.rawHeaders.filter(
      (_, i, all) => all[i - (i % 2)]!.toLowerCase() !== 'x-amz-date',
    );
    const asDate = values.map((value) => ({ ...HEADER_V4.request, rawHeaders: [...withoutAmzDate, 'Date', value] }));
    expectAllRejected(HEADER_V4, [...asAmzDate, ...asDate]);
  });

  it('every truncation and 1,000 mutations of a presigned URL', () => {
    const target = QUERY_V4.request.target;
    const truncated = Array.from({ length: target.length }, (_, n) => ({
      ...QUERY_V4.request,
      target: target.slice(0, n),
    }));
    const mutated = Array.from({ length: 1000 }, () => {
      const at = int(target.length);
      return { ...QUERY_V4.request, target: target.slice(0, at) + pick([...'%&=?+/;aZ9']) + target.slice(at + 1) };
    });
    const results = [...truncated, ...mutated]
      .filter((request) => request.target !== target)
      .map((request) => run(request, QUERY_V4.options));
    expect(results.filter((result) => result.kind === 'verified')).toEqual([]);
  });

  it('huge headers, targets and lists', () => {
    const megabyte = 'a'.repeat(1 << 20);
    const manyNames = Array.from({ length: 50_000 }, (_, i) => `h${i}`).join(';');
    const authorization = headerValue(HEADER_V4.request, 'authorization');
    const variants: ReceivedRequest[] = [
      withHeader(HEADER_V4.request, 'authorization', megabyte),
      withHeader(
        HEADER_V4.request,
        'authorization',
        `AWS4-HMAC-SHA256 Credential=${megabyte}, SignedHeaders=host, Signature=00`,
      ),
      withHeader(
        HEADER_V4.request,
        'authorization',
        authorization.replace(/SignedHeaders=[^,]+/, `SignedHeaders=host;${manyNames}`),
      ),
      withHeader(
        HEADER_V4.request,
        'authorization',
        authorization.replace(/Signature=\w+/, `Signature=${'f'.repeat(1 << 20)}`),
      ),
      withHeader(
        HEADER_V4.request,
        'authorization',
        `${authorization.replace(/Signature=\w+/, 'Signature=0')}, ${'x=y, '.repeat(100_000)}`,
      ),
      withHeader(HEADER_V4.request, 'x-amz-date', megabyte),
      withHeader(HEADER_V4.request, 'x-amz-security-token', megabyte),
      withHeader(HEADER_V4.request, 'host', megabyte),
      {
        ...HEADER_V4.request,
        rawHeaders: [
          ...HEADER_V4.request.rawHeaders,
          ...Array.from({ length: 20_000 }, () => ['Host', 'example.amazonaws.com']).flat(),
        ],
      },
      { ...HEADER_V4.request, target: `/${'%'.repeat(1 << 20)}` },
      { ...HEADER_V4.request, target: `/${'a/./../'.repeat(200_000)}b` },
      { ...HEADER_V4.request, target: `/?${'a=1&'.repeat(200_000)}` },
      { ...HEADER_V4.request, target: `/?${'%zz%e1%'.repeat(100_000)}` },
      { ...HEADER_V4.request, target: '/\ud800\udfff\ud800' },
      { ...HEADER_V4.request, body: new Uint8Array(8 << 20) },
      withHeader(
        HEADER_V4A.request,
        'authorization',
        headerValue(HEADER_V4A.request, 'authorization').replace(/Signature=\w+/, `Signature=30${'02'.repeat(70)}`),
      ),
      withHeader(HEADER_V4A.request, 'x-amz-region-set', `${'*,'.repeat(100_000)}`.replace(/\*/g, 'us-*-*-*-*-x')),
    ];
    expectAllRejected(HEADER_V4, variants.slice(0, -2));
    expectAllRejected(HEADER_V4A, variants.slice(-2));
  });

  it('random DER signatures for SigV4A', () => {
    const authorization = headerValue(HEADER_V4A.request, 'authorization');
    const variants = Array.from({ length: 300 }, () => {
      const der = Buffer.from(Array.from({ length: 6 + int(70) }, () => int(256)));
      if (random() < 0.5) der[0] = 0x30;
      return withHeader(
        HEADER_V4A.request,
        'authorization',
        authorization.replace(/Signature=\w+/, `Signature=${der.toString('hex')}`),
      );
    });
    expectAllRejected(HEADER_V4A, variants);
  });

  it('malformed request objects', () => {
    const odd = { ...HEADER_V4.request, rawHeaders: [...HEADER_V4.request.rawHeaders, 'Dangling'] };
    const notStrings = {
      ...HEADER_V4.request,
      rawHeaders: [...HEADER_V4.request.rawHeaders, 42, null] as unknown as string[],
    };
    const noHeaders = { method: 'GET', target: '/', rawHeaders: undefined } as unknown as ReceivedRequest;
    expect(run(odd, HEADER_V4.options).kind).toBe('verified');
    expect(run(notStrings, HEADER_V4.options).kind).toBe('verified');
    expect(run(noHeaders, HEADER_V4.options).kind).toBe('rejected');
    expect(run({ method: 'GET', target: '', rawHeaders: [] }, HEADER_V4.options).kind).toBe('unsigned');
  });

  it('what is deliberately tolerated: unknown Authorization parameters, spaces around the date', () => {
    const authorization = headerValue(HEADER_V4.request, 'authorization');
    expect(
      run(withHeader(HEADER_V4.request, 'authorization', `${authorization}, Extra=1`), HEADER_V4.options).kind,
    ).toBe('verified');
    expect(run(withHeader(HEADER_V4.request, 'x-amz-date', ' 20150830T123600Z '), HEADER_V4.options).kind).toBe(
      'verified',
    );
  });
});
