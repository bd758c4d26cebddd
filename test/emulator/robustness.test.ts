import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { signRequest } from '../../harness/request/signRequest';
import { assume, INVOKER_B, INVOKER_C, invoke, PARKING, REGION, runnerCredentials } from './support/localCalls';

/**
 * At least 10,000 malformed or hostile requests, over loopback, to the data plane and STS. Each
 * must get a well-formed AWS-style 4xx (Lattice: `<Code>: <message>` text; STS: an XML
 * ErrorResponse), never 2xx or 5xx, and never a dropped connection except the documented
 * unreachable case (a Host that names no service). Afterwards both still serve valid requests.
 */

const SEED = Number(process.env.LATTICE_E2E_ROBUSTNESS_SEED ?? 20250101);
const DATA_PLANE_REQUESTS = 6_000;
const STS_REQUESTS = 4_000;
const CONTROL_PLANE_REQUESTS = 1_000;
const RAW_REQUESTS = 400;
const CONCURRENCY = 16;

const LATTICE_CODES = /^(AccessDeniedException|InvalidSignatureException|IncompleteSignatureException|UnrecognizedClientException|ExpiredTokenException|BadRequestException|PayloadTooLargeException): \S/;
const STS_ERROR = /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<Error>\n {4}<Type>Sender<\/Type>\n {4}<Code>(\w+)<\/Code>\n {4}<Message>[^<]*<\/Message>\n {2}<\/Error>\n {2}<RequestId>[0-9a-f-]{36}<\/RequestId>\n<\/ErrorResponse>\n$/;

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const text = (length: number, alphabet = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~') =>
    Array.from({ length }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, text };
}
type Random = ReturnType<typeof random>;

interface Hostile {
  kind: string;
  method: string;
  /** Path and query exactly as sent. */
  target: string;
  /** Flat raw header list, sent as is (duplicates and case kept). */
  headers: string[];
  body?: string | Buffer;
  localAddress?: string;
  /** The one documented case without an HTTP answer: a Host that names no service. */
  unreachable?: boolean;
}

type Outcome = { kind: 'answer'; status: number; contentType: string; body: string; /** x-amzn-errortype */ errorType?: string } | { kind: 'no-answer'; code: string };

function send(port: number, agent: Agent, h: Hostile): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: h.method, path: h.target, headers: h.headers as unknown as Record<string, string>, agent, localAddress: h.localAddress, setHost: false });
    req.setTimeout(10_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'no-answer', code: error.code ?? error.message }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'no-answer', code: error.code ?? 'ECONNRESET' }));
      res.on('end', () =>
        resolve({
          kind: 'answer',
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type']),
          body: Buffer.concat(chunks).toString('utf8'),
          errorType: res.headers["x-amzn-errortype"] as string | undefined,
        }),
      );
    });
    req.end(h.body);
  });
}

/** Runs `count` requests built by `make`, `CONCURRENCY` at a time. */
async function barrage(count: number, make: (i: number) => Promise<Hostile>, run: (h: Hostile) => Promise<Outcome>, tally: (h: Hostile, o: Outcome) => void) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const h = await make(next++);
      tally(h, await run(h));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const toFlat = (headers: Record<string, string>) => Object.entries(headers).flat();

/** A signed Invoke as the harness sends it, returned as parts to break. */
async function signedInvoke(credentials: AwsCredentialIdentity, options: { path?: string; headers?: Record<string, string>; region?: string; service?: string; signingDate?: Date } = {}) {
  const request: HttpRequest = {
    method: 'GET',
    protocol: 'http:',
    hostname: PARKING,
    path: options.path ?? '/',
    query: {},
    headers: { host: PARKING, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...options.headers },
  };
  return signRequest(request, { region: options.region ?? REGION, credentials, service: options.service, signingDate: options.signingDate });
}

/** The malformed and hostile Invokes. Every one is refused by the data plane (none is a valid, allowed request). */
function dataPlaneCases(rng: Random, creds: { b: AwsCredentialIdentity; noInvoke: AwsCredentialIdentity }) {
  const unknownKey = (): AwsCredentialIdentity => ({ accessKeyId: `${rng.pick(['AKIA', 'ASIA', ''])}${rng.text(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, secretAccessKey: rng.text(40), sessionToken: rng.next() < 0.5 ? rng.text(64) : undefined });
  const hostile = (kind: string, signed: HttpRequest, extra: Partial<Hostile> = {}): Hostile => ({ kind, method: signed.method, target: signed.path, headers: toFlat(signed.headers), localAddress: '127.0.0.11', ...extra });
  const cases: Record<string, () => Promise<Hostile>> = {
    'random Authorization': async () => ({ kind: 'random Authorization', method: 'GET', target: '/', headers: ['host', PARKING, 'authorization', rng.text(rng.int(400)), 'x-amz-date', '20250101T000000Z'], localAddress: '127.0.0.11' }),
    'truncated Authorization': async () => {
      const signed = await signedInvoke(creds.b);
      const auth = signed.headers.authorization;
      signed.headers.authorization = auth.slice(0, rng.int(auth.length));
      return hostile('truncated Authorization', signed);
    },
    'bad date': async () => {
      const signed = await signedInvoke(creds.b);
      signed.headers['x-amz-date'] = rng.pick(['', 'yesterday', '2025-01-01T00:00:00Z', '20250101', '20250101T000000', '99999999T999999Z', '19700101T000000Z', '20991231T235959Z', rng.text(16)]);
      return hostile('bad date', signed);
    },
    'stale signature': async () => hostile('stale signature', await signedInvoke(creds.b, { signingDate: new Date(Date.now() - (6 + rng.int(600)) * 60_000) })),
    'unknown key': async () => hostile('unknown key', await signedInvoke(unknownKey())),
    'wrong secret': async () => hostile('wrong secret', await signedInvoke({ ...creds.b, secretAccessKey: rng.text(40) })),
    'missing session token': async () => {
      const signed = await signedInvoke(creds.b);
      delete signed.headers['x-amz-security-token'];
      return hostile('missing session token', signed);
    },
    'replayed, header changed': async () => {
      const signed = await signedInvoke(creds.b, { headers: { 'x-team': 'b' } });
      const field = rng.pick(['x-team', 'x-amz-date', 'x-amz-security-token', 'host']);
      const value = signed.headers[field];
      signed.headers[field] = field === 'host' ? value.toUpperCase() : field === 'x-amz-date' ? value.replace(/.$/, (d) => String((Number(d) + 1) % 10)) : `${value}x`;
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
      const service = region === 'us-east-1' ? rng.pick(['execute-api', 'vpc-lattice', 'sts', 's3', 'lattice']) : rng.pick(['vpc-lattice-svcs', 'execute-api']);
      return hostile('wrong scope', await signedInvoke(creds.b, { region, service }));
    },
    'signed payload': async () => {
      const signed = await signedInvoke(creds.b, { headers: { 'x-amz-content-sha256': rng.pick([rng.text(64, '0123456789abcdef'), 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', '']) || 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } });
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
      headers: ['host', PARKING, 'x-amz-date', '20250101T000000Z', 'x-amz-region-set', rng.pick(['*', 'us-*', rng.text(8)]), 'authorization', `AWS4-ECDSA-P256-SHA256 Credential=${rng.text(20)}/20250101/vpc-lattice-svcs/aws4_request, SignedHeaders=host;x-amz-date, Signature=${rng.text(140, '0123456789abcdef')}`],
      localAddress: '127.0.0.11',
    }),
    'garbage presigned query': async () => ({
      kind: 'garbage presigned query',
      method: 'GET',
      target: `/?X-Amz-Algorithm=${rng.pick(['AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256', 'MD5'])}&X-Amz-Credential=${encodeURIComponent(rng.text(30))}&X-Amz-Date=${rng.text(16, '0123456789TZ')}&X-Amz-SignedHeaders=host&X-Amz-Signature=${rng.text(64, '0123456789abcdef')}${rng.next() < 0.3 ? `&X-Amz-Expires=${rng.int(1e7) - 10}` : ''}`,
      headers: ['host', PARKING, ...(rng.next() < 0.2 ? ['authorization', 'AWS4-HMAC-SHA256 x'] : [])],
      localAddress: '127.0.0.11',
    }),
    'duplicate Authorization': async () => {
      const signed = await signedInvoke(creds.b);
      return hostile('duplicate Authorization', signed, { headers: [...toFlat(signed.headers), 'Authorization', signed.headers.authorization] });
    },
    'garbage path, anonymous': async () => ({
      kind: 'garbage path, anonymous',
      method: rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'PURGE', 'SEARCH']),
      target: `/${rng.text(rng.int(rng.next() < 0.05 ? 6000 : 200), 'abcXYZ019-._~!$&\'()*+,;=:@/%?#[]')}`.replace(/#/g, '%23'),
      headers: ['host', PARKING],
      body: rng.next() < 0.3 ? rng.text(rng.int(2000)) : undefined,
      localAddress: '127.0.0.11',
    }),
    'denied identity, random path': async () => hostile('denied identity, random path', await signedInvoke(creds.noInvoke, { path: `/${rng.text(rng.int(40), 'abcdefghij0123456789-_/')}` })),
    'unknown method': async () => ({ kind: 'unknown method', method: rng.pick(['FOO', 'GETT', 'BREW', 'X']), target: '/', headers: ['host', PARKING], localAddress: '127.0.0.11' }),
    'huge header': async () => ({ kind: 'huge header', method: 'GET', target: '/', headers: ['host', PARKING, 'x-pad', 'a'.repeat(17_000 + rng.int(20_000))], localAddress: '127.0.0.11' }),
    'large header under the limit': async () => {
      const signed = await signedInvoke(creds.b, { headers: { 'x-pad': rng.text(8_000) } });
      signed.headers['x-pad'] = rng.text(8_000);
      return hostile('large header under the limit', signed);
    },
    'unknown Host (unreachable)': async () => ({ kind: 'unknown Host (unreachable)', method: 'GET', target: '/', headers: ['host', `${rng.text(10, 'abcdefghijklmnopqrstuvwxyz')}.example`], localAddress: '127.0.0.11', unreachable: true }),
  };
  const kinds = Object.keys(cases);
  // The unreachable case and the huge one (an expensive close) are kept rare.
  return () => {
    let kind = rng.pick(kinds);
    if ((kind === 'unknown Host (unreachable)' || kind === 'huge header') && rng.next() < 0.8) kind = 'random Authorization';
    return cases[kind]();
  };
}

/** The malformed and hostile STS calls. None is a valid request that STS would grant. */
function stsCases(rng: Random, local: LocalWorld) {
  const url = new URL(local.stsEndpoint);
  const runner = runnerCredentials(local);
  const sign = async (body: string, credentials: AwsCredentialIdentity = runner, scope: { region?: string; service?: string; signingDate?: Date } = {}) => {
    const signer = new SignatureV4({ service: scope.service ?? 'sts', region: scope.region ?? REGION, credentials, sha256: Hash.bind(null, 'sha256') });
    return signer.sign(
      { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
      { signingDate: scope.signingDate },
    ) as Promise<HttpRequest>;
  };
  const assumeBody = (roleArn = INVOKER_B, session = 'fuzz', extra = '') => `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(roleArn)}&RoleSessionName=${encodeURIComponent(session)}${extra}`;
  const hostile = (kind: string, signed: HttpRequest, body: string | Buffer = signed.body as string): Hostile => ({ kind, method: signed.method, target: '/', headers: toFlat(signed.headers), body });
  const cases: Record<string, () => Promise<Hostile>> = {
    'tampered body': async () => {
      const body = assumeBody();
      const signed = await sign(body);
      const tampered = rng.pick([
        body.replace('222222222222', '444444444444'),
        body.replace('fuzz', 'fuzy'),
        `${body}&DurationSeconds=900`,
        body.slice(0, -1),
        Buffer.from(body).map((b, i) => (i === rng.int(body.length) ? b ^ 1 : b)).toString(),
      ]);
      return hostile('tampered body', signed, tampered === body ? `${body}x` : tampered);
    },
    'random Authorization': async () => ({ kind: 'random Authorization', method: 'POST', target: '/', headers: ['host', url.host, 'content-type', 'application/x-www-form-urlencoded', 'x-amz-date', '20250101T000000Z', 'authorization', rng.text(rng.int(300))], body: assumeBody() }),
    'truncated Authorization': async () => {
      const signed = await sign(assumeBody());
      signed.headers.authorization = signed.headers.authorization.slice(0, rng.int(signed.headers.authorization.length));
      return hostile('truncated Authorization', signed);
    },
    'bad date': async () => {
      const signed = await sign(assumeBody());
      signed.headers['x-amz-date'] = rng.pick(['', 'now', '2025-01-01', '20250101T000000', rng.text(16)]);
      return hostile('bad date', signed);
    },
    'stale signature': async () => hostile('stale signature', await sign(assumeBody(), runner, { signingDate: new Date(Date.now() + (rng.next() < 0.5 ? -1 : 1) * (6 + rng.int(600)) * 60_000) })),
    'unknown key': async () => hostile('unknown key', await sign(assumeBody(), { accessKeyId: `AKIA${rng.text(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, secretAccessKey: rng.text(40) })),
    'wrong scope': async () => hostile('wrong scope', await sign(assumeBody(), runner, rng.next() < 0.5 ? { service: rng.pick(['vpc-lattice', 'iam', 'vpc-lattice-svcs']) } : { region: rng.pick(['us-west-2', 'eu-central-1', 'aws-global']) })),
    'unsigned': async () => ({ kind: 'unsigned', method: rng.pick(['POST', 'GET']), target: rng.pick(['/', `/?${assumeBody()}`]), headers: ['host', url.host, 'content-type', 'application/x-www-form-urlencoded'], body: assumeBody() }),
    'signed, refused parameters': async () => {
      const body = rng.pick([
        assumeBody(`arn:aws:iam::${rng.text(12, '0123456789')}:role/${rng.text(8, 'abcdef')}`),
        assumeBody(INVOKER_B, rng.pick(['', 'a', 'bad session name', 'x'.repeat(65), rng.text(10, '!#%^*()')])),
        assumeBody(INVOKER_B, 'fuzz', `&DurationSeconds=${rng.pick(['0', '60', '43201', 'soon', '-1', '1e3'])}`),
        assumeBody(INVOKER_C, 'fuzz', rng.next() < 0.5 ? '' : `&ExternalId=${encodeURIComponent(rng.text(10))}`),
        `Action=${encodeURIComponent(rng.pick(['DeleteEverything', 'AssumeRoleWithSAML', '', rng.text(12)]))}&Version=2011-06-15`,
        'Action=AssumeRole&Version=2011-06-15',
        rng.text(rng.int(500)),
      ]);
      return hostile('signed, refused parameters', await sign(body));
    },
    'body over 64 KiB': async () => hostile('body over 64 KiB', await sign(`${assumeBody()}&Pad=${'p'.repeat(70_000)}`)),
    'body over 1 MiB': async () => ({ kind: 'body over 1 MiB', method: 'POST', target: '/', headers: ['host', url.host, 'content-type', 'application/x-www-form-urlencoded'], body: Buffer.alloc(1024 * 1024 + 10, 0x61) }),
    'other methods': async () => ({ kind: 'other methods', method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']), target: `/${rng.text(rng.int(30), 'abc/?=&')}`, headers: ['host', url.host], body: rng.next() < 0.5 ? rng.text(100) : undefined }),
    'unknown method': async () => ({ kind: 'unknown method', method: rng.pick(['FOO', 'POSTT']), target: '/', headers: ['host', url.host] }),
    'huge header': async () => ({ kind: 'huge header', method: 'POST', target: '/', headers: ['host', url.host, 'x-pad', 'b'.repeat(17_000 + rng.int(10_000))], body: assumeBody() }),
  };
  const kinds = Object.keys(cases);
  return () => {
    let kind = rng.pick(kinds);
    if ((kind === 'body over 1 MiB' || kind === 'huge header') && rng.next() < 0.9) kind = 'tampered body';
    return cases[kind]();
  };
}

/** Hostile control-plane calls: bad signatures, unknown operations, bodies that are not what the operation takes. */
function controlPlaneCases(rng: Random, local: LocalWorld) {
  const url = new URL(local.controlPlaneEndpoint);
  const runner = runnerCredentials(local);
  const paths = ['/authpolicy/svc-0123456789abcdef0', '/services/svc-0123456789abcdef0', '/servicenetworks/sn-0123456789abcdef0', `/authpolicy/${encodeURIComponent(rng.text(20))}`, `/${rng.text(rng.int(60), 'abcxyz/%-_.')}`];
  return async (): Promise<Hostile> => {
    const path = rng.pick(paths);
    const method = rng.pick(['GET', 'PUT', 'PATCH', 'DELETE', 'POST']);
    const body = rng.pick([JSON.stringify({ policy: rng.text(rng.int(300)) }), JSON.stringify({ authType: rng.text(6) }), rng.text(rng.int(200)), '[]', 'null']);
    const request: HttpRequest = { method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path, query: {}, headers: { host: url.host, 'content-type': 'application/json' }, body };
    const kind = rng.pick(['unsigned', 'wrong secret', 'signed garbage']);
    if (kind === 'unsigned') return { kind, method, target: path, headers: toFlat(request.headers), body };
    // A signed GET or DELETE of a real resource would succeed: signed calls here carry bodies no operation takes, or use other methods.
    const signedMethod = method === 'GET' || method === 'DELETE' ? 'PUT' : method;
    const secret = kind === 'wrong secret' ? rng.text(40) : runner.secretAccessKey;
    const signer = new SignatureV4({ service: 'vpc-lattice', region: REGION, credentials: { ...runner, secretAccessKey: secret }, sha256: Hash.bind(null, 'sha256') });
    const signed = (await signer.sign({ ...request, method: signedMethod, path: path.startsWith('/services/') || path.startsWith('/servicenetworks/') ? `${path}/${rng.text(4, 'abcd')}` : path })) as HttpRequest;
    return { kind, method: signed.method, target: signed.path, headers: toFlat(signed.headers), body };
  };
}

/** Bytes Node's HTTP parser refuses: each gets the service's 400 and a closed connection. */
const RAW_GARBAGE = [
  'GARBAGE\r\n\r\n',
  'GET / HTTP/9.9\r\n\r\n',
  `GET / HTTP/1.1\r\nHost: ${PARKING}\r\nContent-Length: abc\r\n\r\n`,
  `POST / HTTP/1.1\r\nHost: ${PARKING}\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n\r\n`,
  'GET / HTTP/1.1\r\nNoColonHere\r\n\r\n',
  'G\x00T / HTTP/1.1\r\n\r\n',
  `POST / HTTP/1.1\r\nHost: ${PARKING}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  `GET /a b HTTP/1.1\r\nHost: ${PARKING}\r\n\r\n`,
  '\x16\x03\x01\x00\xa5\x01\r\n\r\n',
];

function sendRaw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.11' });
    let data = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(data));
    socket.write(Buffer.from(bytes, 'latin1'));
  });
}

describe('robustness: hostile requests over loopback', () => {
  let local: LocalWorld;
  beforeAll(async () => {
    local = await startLocalWorld({ onInternalError: (error) => internalErrors.push(error) });
  });
  afterAll(() => local.close());
  const internalErrors: unknown[] = [];

  it(`answers ${DATA_PLANE_REQUESTS + STS_REQUESTS} hostile requests (+${CONTROL_PLANE_REQUESTS} to the control plane, +${RAW_REQUESTS} unparseable ones) with AWS-shaped 4xx errors, then still serves`, async () => {
    const rng = random(SEED);
    const creds = { b: await assume(local, INVOKER_B, 'fuzz'), noInvoke: await assume(local, 'arn:aws:iam::222222222222:role/lattice-no-invoke', 'fuzz') };
    const outcomes = new Map<string, number>();
    const problems: string[] = [];
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const started = performance.now();

    const latticeAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const nextInvoke = dataPlaneCases(rng, creds);
    await barrage(DATA_PLANE_REQUESTS, () => nextInvoke(), (h) => send(local.dataPlane.port, latticeAgent, h), (h, o) => {
      if (o.kind === 'no-answer') {
        count(`lattice no answer (${h.unreachable ? 'unknown Host' : o.code})`);
        if (!h.unreachable) problems.push(`lattice ${h.kind}: no answer (${o.code})`);
        return;
      }
      const code = LATTICE_CODES.exec(o.body)?.[1];
      count(`lattice ${o.status} ${code ?? 'UNSHAPED'}`);
      if (h.unreachable || o.status < 400 || o.status >= 500 || !code || !o.contentType.startsWith('text/plain')) problems.push(`lattice ${h.kind}: ${o.status} ${o.body.slice(0, 160)}`);
    });
    latticeAgent.destroy();

    const stsAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const stsPort = Number(new URL(local.stsEndpoint).port);
    const nextSts = stsCases(rng, local);
    await barrage(STS_REQUESTS, () => nextSts(), (h) => send(stsPort, stsAgent, h), (h, o) => {
      if (o.kind === 'no-answer') {
        count(`sts no answer (${o.code})`);
        problems.push(`sts ${h.kind}: no answer (${o.code})`);
        return;
      }
      const code = STS_ERROR.exec(o.body)?.[1];
      count(`sts ${o.status} ${code ?? 'UNSHAPED'}`);
      if (o.status < 400 || o.status >= 500 || !code || o.contentType !== 'text/xml') problems.push(`sts ${h.kind}: ${o.status} ${o.body.slice(0, 160)}`);
    });
    stsAgent.destroy();

    const controlPlaneAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const controlPlanePort = Number(new URL(local.controlPlaneEndpoint).port);
    const nextControlPlane = controlPlaneCases(rng, local);
    await barrage(CONTROL_PLANE_REQUESTS, () => nextControlPlane(), (h) => send(controlPlanePort, controlPlaneAgent, h), (h, o) => {
      if (o.kind === 'no-answer') {
        count(`control plane no answer (${o.code})`);
        problems.push(`control plane ${h.kind}: no answer (${o.code})`);
        return;
      }
      let message: unknown;
      try {
        message = (JSON.parse(o.body) as { message?: unknown }).message;
      } catch {
        message = undefined;
      }
      count(`control plane ${o.status} ${typeof message === 'string' ? o.errorType : 'UNSHAPED'}`);
      if (o.status < 400 || o.status >= 500 || typeof message !== 'string' || !o.errorType) problems.push(`control plane ${h.kind}: ${o.status} ${o.body.slice(0, 160)}`);
    });
    controlPlaneAgent.destroy();

    for (let i = 0; i < RAW_REQUESTS; i++) {
      const bytes = rng.pick(RAW_GARBAGE);
      const [name, port, shaped] = i % 2 === 0 ? ['lattice', local.dataPlane.port, /\r\n\r\nBadRequestException: Malformed request: /] : ['sts', stsPort, /\r\n\r\n<ErrorResponse [\s\S]*<Code>MalformedInput<\/Code>/];
      const answer = await sendRaw(port as number, bytes);
      count(`${name} raw ${answer.slice(0, 12) || 'no answer'}`);
      if (!answer.startsWith('HTTP/1.1 400 ') || !(shaped as RegExp).test(answer)) problems.push(`${name} raw ${JSON.stringify(bytes.slice(0, 30))}: ${JSON.stringify(answer.slice(0, 120))}`);
    }
    const seconds = (performance.now() - started) / 1000;

    const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
    console.log(
      `robustness (seed ${SEED}): ${total} requests in ${seconds.toFixed(1)} s\n` +
        [...outcomes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${String(v).padStart(5)}  ${k}`).join('\n'),
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(internalErrors).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(10_000 + CONTROL_PLANE_REQUESTS + RAW_REQUESTS);
    expect(seconds).toBeLessThan(60);

    // Still serving: a valid Invoke and a valid AssumeRole.
    expect(await invoke(local, await assume(local, INVOKER_B, 'after'))).toMatchObject({ kind: 'response', status: 200, body: '"Lattice Success!"' });
  }, 120_000);
});
