/**
 * Verifications per second of the emulator's `verifyRequest` on requests signed by the SDK
 * (`@smithy/signature-v4`: SigV4 in the Authorization header, UNSIGNED-PAYLOAD, session token),
 * against the alternative lattice-behaviour.md §9 names: re-signing the received request
 * with `@smithy/signature-v4` (the client's date, SignedHeaders as `signableHeaders`) and
 * comparing Authorization headers. Also SigV4A (`@smithy/signature-v4a`, region set `*`) with the
 * public key cached and derived on every verification. All in one run, same requests, as ratios.
 *
 * Every request is sent once over loopback to a capturing server first, so each verifier gets
 * exactly what a Node server receives (`req.method`, `req.url`, `req.rawHeaders`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignatureV4a } from '@smithy/signature-v4a';
import type { HttpRequest } from '@smithy/types';
import { verifyRequest, type ReceivedRequest, type SigningKeyRecord, type VerifyOptions } from '../emulator/sigv4';
import { serviceDomain } from '../world/arns';

export interface SigV4BenchOptions {
  /** Measuring time per verifier, in seconds, split over `rounds` interleaved rounds. */
  seconds?: number;
  rounds?: number;
  log?: (line: string) => void;
}

export interface Rate {
  verifier: string;
  perSecond: number;
  calls: number;
  failures: number;
}

export interface SigV4BenchResult {
  rates: Rate[];
  /** ours (SigV4) / re-signing with smithy. */
  oursVsResigning: number;
  /** SigV4A / SigV4 (ours), cached key and key derived each time. */
  sigV4aCachedVsSigV4: number;
  sigV4aDerivedVsSigV4: number;
  failures: number;
}

const REGION = 'us-east-1';
const SERVICE = 'vpc-lattice-svcs';
const HOST = serviceDomain(REGION, 'parking', 'svc-0123456789abcdef0');
const SIGNED_AT = new Date('2026-03-01T10:00:00Z');
const NOW = new Date(SIGNED_AT.getTime() + 2_000);
const FIVE_MINUTES_MS = 5 * 60_000;
/**
 * Distinct keys for "derived each time": well above the 64 keys deriveSigV4aPublicKey caches, so cycling through
 * them always misses.
 */
const DERIVED_KEYS = 160;
const WARMUP_CALLS = 200;
/** Upper bound on calls in one measuring slice, whatever the time. */
const MAX_CALLS_PER_SLICE = 2_000_000;
const Sha256 = Hash.bind(null, 'sha256');

/** Shapes of Invoke a Lattice service sees: JSON POST, REST GET with a query, gRPC, an encoded path. */
const SHAPES: Array<{
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}> = [
  {
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: '{"spot":"A-12","minutes":90}',
  },
  {
    method: 'GET',
    path: '/parking/spots',
    query: { zone: 'north', available: 'true', limit: '50' },
    headers: { accept: 'application/json' },
  },
  {
    method: 'POST',
    path: '/parking.v1.Spots/Reserve',
    headers: { 'content-type': 'application/grpc', te: 'trailers' },
    body: '\0\0\0\0\x05\x0a\x03A12',
  },
  { method: 'GET', path: '/parking/spots/A%2012', query: { fields: 'id,status' }, headers: { accept: '*/*' } },
];

export async function benchSigV4(options: SigV4BenchOptions = {}): Promise<SigV4BenchResult> {
  const { seconds = 3, rounds = 3, log = console.log } = options;
  const session = sessionCredentials(0);
  const derivedKeys = Array.from({ length: DERIVED_KEYS }, (_, i) => sessionCredentials(i + 1));
  const keys = new Map<string, SigningKeyRecord>(
    [session, ...derivedKeys].map((c) => [c.accessKeyId, { ...c, expiration: new Date(NOW.getTime() + 3_600_000) }]),
  );
  const sigV4 = await capture(await Promise.all(SHAPES.map((_, i) => signShape(i, session, 'sigv4'))));
  const sigV4a = await capture(await Promise.all(SHAPES.map((_, i) => signShape(i, session, 'sigv4a'))));
  const sigV4aDistinct = await capture(
    await Promise.all(derivedKeys.map((c, i) => signShape(i % SHAPES.length, c, 'sigv4a'))),
  );

  const verifyOptions: VerifyOptions = {
    service: SERVICE,
    region: REGION,
    now: NOW,
    payload: 'unsigned-required',
    lookupKey: (id) => keys.get(id),
  };
  const ours = (requests: ReceivedRequest[]) => (i: number) => {
    const result = verifyRequest(requests[i % requests.length]!, verifyOptions);
    return (
      result.kind === 'verified' || (result.kind === 'rejected' ? `${result.code}: ${result.message}` : 'unsigned')
    );
  };
  const resigning = createResigningVerifier(keys);
  const verifiers: Verifier[] = [
    { name: 'ours, SigV4', run: ours(sigV4) },
    { name: 're-signing with smithy, SigV4', runAsync: (i) => resigning(sigV4[i % sigV4.length]!) },
    { name: 'ours, SigV4A, key cached', run: ours(sigV4a) },
    { name: 'ours, SigV4A, key derived (first use)', run: ours(sigV4aDistinct) },
  ];
  log(
    `sigv4 bench: ${SHAPES.length} SDK-signed Invoke requests ` +
      `(UNSIGNED-PAYLOAD, session token), ${seconds}s per verifier in ` +
      `${rounds} interleaved rounds`,
  );
  const rates = await measureInterleaved(verifiers, seconds, rounds);

  const [oursV4, resigned, v4aCached, v4aDerived] = rates as [Rate, Rate, Rate, Rate];
  for (const rate of rates) log(`  ${rate.verifier.padEnd(38)} ${format(rate.perSecond)} verifications/s`);
  const result: SigV4BenchResult = {
    rates,
    oursVsResigning: oursV4.perSecond / resigned.perSecond,
    sigV4aCachedVsSigV4: v4aCached.perSecond / oursV4.perSecond,
    sigV4aDerivedVsSigV4: v4aDerived.perSecond / oursV4.perSecond,
    failures: rates.reduce((n, r) => n + r.failures, 0),
  };
  log(`  ours / re-signing (SigV4)              ${result.oursVsResigning.toFixed(2)}x`);
  log(
    `  SigV4A / SigV4 (ours)                  ` +
      `${result.sigV4aCachedVsSigV4.toFixed(2)}x key cached, ` +
      `${result.sigV4aDerivedVsSigV4.toFixed(2)}x key derived`,
  );
  log(
    `  failed verifications                   ${result.failures} of ` +
      `${rates.reduce((n, r) => n + r.calls, 0).toLocaleString('en-US')} ` +
      `measured`,
  );
  return result;
}

/** `npm run bench -- sigv4`: exit 1 when any verification failed (the figures would not count). */
export default async function run(): Promise<void> {
  try {
    await benchSigV4();
  } catch (error) {
    if (!(error instanceof VerificationFailed)) throw error;
    console.error(`sigv4 bench aborted: ${error.message}`);
    process.exitCode = 1;
  }
}

class VerificationFailed extends Error {}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** Deterministic temporary credentials, with a session token as long as STS's (about 1,000 characters). */
function sessionCredentials(index: number): Credentials {
  const bytes = (label: string, n: number) => {
    let out = Buffer.alloc(0);
    for (let block = 0; out.length < n; block++)
      out = Buffer.concat([out, createHash('sha512').update(`${label}/${index}/${block}`).digest()]);
    return out.subarray(0, n);
  };
  return {
    accessKeyId: `ASIAQBENCH${String(index).padStart(10, '0')}`,
    secretAccessKey: bytes('secret', 30).toString('base64'),
    sessionToken: `IQoJb3JpZ2luX2Vj${bytes('token', 740).toString('base64')}`,
  };
}

interface Outgoing {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** One shape signed by the SDK as an SDK client sends it: host, content-length and x-amz-content-sha256 signed. */
async function signShape(index: number, credentials: Credentials, algorithm: 'sigv4' | 'sigv4a'): Promise<Outgoing> {
  const shape = SHAPES[index]!;
  const headers: Record<string, string> = {
    host: HOST,
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    'user-agent': 'aws-sdk-js/3 lattice-e2e-bench',
    ...shape.headers,
  };
  if (shape.body !== undefined) headers['content-length'] = String(Buffer.byteLength(shape.body));
  const request: HttpRequest = {
    method: shape.method,
    protocol: 'https:',
    hostname: HOST,
    path: shape.path,
    query: shape.query ?? {},
    headers,
    body: shape.body,
  };
  const common = { credentials, service: SERVICE, sha256: Sha256, applyChecksum: false };
  const signer =
    algorithm === 'sigv4a'
      ? new SignatureV4a({ ...common, region: '*' })
      : new SignatureV4({ ...common, region: REGION, uriEscapePath: true });
  const signed = (await signer.sign(request, { signingDate: SIGNED_AT })) as HttpRequest;
  const query = Object.entries(shape.query ?? {})
    .map(([k, v]) => `${escapeUri(k)}=${escapeUri(v)}`)
    .join('&');
  return {
    method: signed.method,
    path: query ? `${signed.path}?${query}` : signed.path,
    headers: signed.headers,
    body: shape.body,
  };
}

/** smithy's escapeUri, as the SDK builds a query string. */
const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Sends each request once to a loopback server and returns what that server received. */
async function capture(requests: Outgoing[]): Promise<ReceivedRequest[]> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? 'GET', target: req.url ?? '/', rawHeaders: req.rawHeaders });
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const request of requests) {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            agent,
            method: request.method,
            path: request.path,
            headers: request.headers,
            timeout: 5_000,
          },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`the capturing server did not answer within 5 s`)));
        req.on('error', reject);
        req.end(request.body);
      });
    }
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  if (received.length !== requests.length)
    throw new Error(`captured ${received.length} of ${requests.length} requests`);
  return received;
}

const CREDENTIAL = String.raw`Credential=([^/]+)\/\d{8}\/[^/]+\/[^/]+\/aws4_request`;
const AUTHORIZATION = new RegExp(
  `^AWS4-HMAC-SHA256 ${CREDENTIAL}, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$`,
);
const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * The §9 alternative: rebuild the request from what was received with only the signed headers,
 * sign it again with `@smithy/signature-v4` (the server's own region and service, the client's
 * X-Amz-Date, `signableHeaders` = SignedHeaders) and compare Authorization headers in constant
 * time. Skew, the key and its session token are checked as ours checks them; AWS's refusal texts
 * are not produced.
 */
function createResigningVerifier(keys: ReadonlyMap<string, SigningKeyRecord>) {
  const signers = new Map<string, SignatureV4>();
  const signerFor = (accessKeyId: string, record: SigningKeyRecord) => {
    let signer = signers.get(accessKeyId);
    if (!signer) {
      const credentials = { accessKeyId, secretAccessKey: record.secretAccessKey, sessionToken: record.sessionToken };
      signer = new SignatureV4({
        credentials,
        region: REGION,
        service: SERVICE,
        sha256: Sha256,
        uriEscapePath: true,
        applyChecksum: false,
      });
      signers.set(accessKeyId, signer);
    }
    return signer;
  };
  return async (req: ReceivedRequest): Promise<true | string> => {
    const headers = new Map<string, string>();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!.toLowerCase();
      const seen = headers.get(name);
      headers.set(name, seen === undefined ? req.rawHeaders[i + 1]! : `${seen},${req.rawHeaders[i + 1]}`);
    }
    const authorization = headers.get('authorization') ?? '';
    const match = AUTHORIZATION.exec(authorization);
    if (!match) return 'no SigV4 Authorization header';
    const date = BASIC_DATE.exec(headers.get('x-amz-date') ?? '');
    if (!date) return 'no X-Amz-Date';
    const [year, month, day, hour, minute, second] = date.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const signingDate = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (Math.abs(signingDate.getTime() - NOW.getTime()) > FIVE_MINUTES_MS) return 'signature outside the skew window';
    const record = keys.get(match[1]!);
    if (!record) return 'unknown access key';
    // The signer writes the key's own token into what it signs, so the token sent must be compared on its own.
    const token = headers.get('x-amz-security-token');
    if (
      token === undefined || record.sessionToken === undefined
        ? token !== record.sessionToken
        : !isSameText(token, record.sessionToken)
    ) {
      return 'session token does not match the key';
    }
    const signedHeaders = match[2]!.split(';');
    const toSign: Record<string, string> = {};
    for (const name of signedHeaders) {
      const value = headers.get(name);
      if (value === undefined) return `signed header ${name} missing`;
      toSign[name] = value;
    }
    const query = parseQuery(req.target);
    if (query === undefined) return 'query not decodable';
    const path = req.target.split('?', 1)[0]!;
    const resigned = await signerFor(match[1]!, record).sign(
      { method: req.method, protocol: 'https:', hostname: toSign.host ?? '', path, query, headers: toSign },
      { signingDate, signableHeaders: new Set(signedHeaders) },
    );
    return isSameText(String(resigned.headers.authorization), authorization) || 'signature mismatch';
  };
}

function isSameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The query of a request-target, decoded, as smithy's HttpRequest holds it. */
function parseQuery(target: string): Record<string, string | string[]> | undefined {
  const at = target.indexOf('?');
  const query: Record<string, string | string[]> = {};
  if (at < 0) return query;
  try {
    for (const pair of target.slice(at + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
      const seen = query[key];
      query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
  } catch {
    return undefined;
  }
  return query;
}

/** A verifier: `true` for a verified request, else why not. */
interface Verifier {
  name: string;
  run?: (i: number) => true | string;
  runAsync?: (i: number) => Promise<true | string>;
}

/**
 * Each verifier is checked on every request once, warmed up, then measured for `seconds`, in
 * `rounds` slices taken in turn (so a noisy neighbour hurts all of them alike). Every verification
 * must succeed; the first failure's reason is kept.
 */
async function measureInterleaved(verifiers: Verifier[], seconds: number, rounds: number): Promise<Rate[]> {
  const totals = verifiers.map(() => ({ calls: 0, ms: 0, failures: 0, firstFailure: undefined as string | undefined }));
  const call = (v: Verifier, i: number): true | string | Promise<true | string> => (v.run ? v.run(i) : v.runAsync!(i));
  for (const verifier of verifiers) {
    for (let i = 0; i < WARMUP_CALLS; i++) {
      const outcome = await call(verifier, i);
      if (outcome !== true)
        throw new VerificationFailed(`${verifier.name}: request ${i} not verified before measuring (${outcome})`);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const [index, verifier] of verifiers.entries()) {
      const total = totals[index]!;
      const record = (outcome: true | string) => {
        if (outcome === true) return;
        total.failures++;
        total.firstFailure ??= outcome;
      };
      const start = performance.now();
      const end = start + (seconds * 1000) / rounds;
      let calls = 0;
      if (verifier.run) {
        while (calls < MAX_CALLS_PER_SLICE && performance.now() < end)
          for (let batch = 0; batch < 50; batch++) record(verifier.run(total.calls + calls++));
      } else {
        while (calls < MAX_CALLS_PER_SLICE && performance.now() < end)
          record(await verifier.runAsync!(total.calls + calls++));
      }
      total.ms += performance.now() - start;
      total.calls += calls;
    }
  }
  const failed = verifiers.findIndex((_, i) => totals[i]!.failures > 0);
  if (failed >= 0) {
    const { failures, calls, firstFailure } = totals[failed]!;
    throw new VerificationFailed(
      `${verifiers[failed]!.name}: ${failures} of ${calls} measured verifications failed (first: ${firstFailure})`,
    );
  }
  return verifiers.map((v, i) => ({
    verifier: v.name,
    perSecond: totals[i]!.calls / (totals[i]!.ms / 1000),
    calls: totals[i]!.calls,
    failures: totals[i]!.failures,
  }));
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(10);
}
