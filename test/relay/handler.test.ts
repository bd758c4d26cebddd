import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, type RelayOptions } from '../../relay/handler';
import type { RelayAnswer } from '../../relay/protocol';
import {
  pki,
  presigned,
  SERVICE_HOST,
  signed,
  startServer,
  type TestServer,
  unsigned,
  WILDCARD,
} from './support/relayFixtures';

let https: TestServer;
let http: TestServer;
/** Bodies the HTTPS server answers with, by path. */
const answers: Record<string, Buffer> = {
  '/small': Buffer.from('ok'),
  '/big': Buffer.alloc(2048, 0x61),
  '/exact': Buffer.alloc(1024, 0x62),
};

beforeAll(async () => {
  https = await startServer(true, (req, res, body) => {
    const path = (req.url ?? '').split('?')[0]!;
    res.statusCode = path === '/teapot' ? 418 : 200;
    res.setHeader('x-amzn-requestid', 'req-1');
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.end(answers[path] ?? Buffer.concat([Buffer.from('got:'), body]));
  });
  http = await startServer(false, (_req, res) => res.end('plain'));
});
afterAll(async () => {
  await https.close();
  await http.close();
});

function relayWith(overrides: Partial<RelayOptions> = {}) {
  return createRelay({
    allowedHosts: [SERVICE_HOST],
    maxRequestBytes: 1024,
    maxAnswerBytes: 1024,
    maxTimeoutMs: 5_000,
    connectTo: (host, port) =>
      host === SERVICE_HOST ? { address: '127.0.0.1', port: port === 80 ? http.port : https.port } : undefined,
    ca: pki.caCertPem,
    ...overrides,
  });
}
const relay = relayWith();

function responseOf(answer: RelayAnswer) {
  if (answer.kind !== 'response') throw new Error(`expected a response, got ${JSON.stringify(answer)}`);
  return { ...answer, text: Buffer.from(answer.body, 'base64').toString('latin1') };
}

/** Pairs of a raw header list, names as sent. */
const pairs = (raw: string[]) => raw.flatMap((v, i) => (i % 2 === 0 ? [`${v}: ${raw[i + 1]}`] : []));

describe('a relay sends the exact request and hands back the answer', () => {
  it('sends method, path and query, headers and body byte for byte over HTTPS', async () => {
    const body = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0a, 0x0d]);
    const payload = await signed({
      method: 'PUT',
      path: '/a%2Fb/c%20d/',
      query: { q: 'x y', 'z~': '1' },
      headers: { 'X-Custom-Case': 'Value  with  spaces', 'content-type': 'application/octet-stream' },
      body,
    });
    const before = https.received.length;
    const answer = responseOf(await relay(payload));
    const got = https.received[before]!;
    expect(got.method).toBe('PUT');
    expect(got.url).toBe(payload.url.slice(`https://${SERVICE_HOST}`.length));
    expect(got.url).toBe('/a%2Fb/c%20d/?q=x%20y&z~=1');
    for (const [name, value] of Object.entries(payload.headers))
      expect(pairs(got.rawHeaders)).toContain(`${name}: ${value}`);
    expect(got.body.equals(body)).toBe(true);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(`got:${body.toString('latin1')}`);
    expect(answer.headers['x-amzn-requestid']).toBe('req-1');
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('never normalises the path or query', async () => {
    const raw = "/a/../b/./c%7e%2f/?b=2&a=1&a=0&empty&x=%2B+'!*()";
    const payload = { ...(await signed()), url: `https://${SERVICE_HOST}${raw}` };
    responseOf(await relay(payload));
    expect(https.received.at(-1)!.url).toBe(raw);
    responseOf(await relay({ ...payload, url: `https://${SERVICE_HOST}?q=1` }));
    expect(https.received.at(-1)!.url).toBe('/?q=1');
  });

  it('hands back a non-2xx status as it came, with a port in the URL and host header', async () => {
    const payload = await signed({ path: '/teapot', port: 8443 });
    const answer = responseOf(await relay(payload));
    expect(answer.status).toBe(418);
  });

  it('sends a presigned request (signature in the query) and plain HTTP', async () => {
    expect(responseOf(await relay(await presigned({ method: 'GET' }))).status).toBe(200);
    const answer = responseOf(await relay(await signed({ secure: false, method: 'GET' })));
    expect(answer.text).toBe('plain');
    expect(http.received.at(-1)!.method).toBe('GET');
  });

  it('allows one label in front of a wildcard entry, in any case', async () => {
    const wild = relayWith({ allowedHosts: [WILDCARD] });
    expect(responseOf(await wild(await signed())).status).toBe(200);
    const upper = await signed();
    upper.url = upper.url.replace(SERVICE_HOST, SERVICE_HOST.toUpperCase());
    expect(responseOf(await relay(upper)).status).toBe(200);
  });

  it('hands back an answer of exactly the limit, and refuses one byte more (never truncated)', async () => {
    expect(Buffer.from(responseOf(await relay(await signed({ path: '/exact' }))).body, 'base64')).toHaveLength(1024);
    expect(await relay(await signed({ path: '/big' }))).toMatchObject({ kind: 'refused', reason: 'answer-too-large' });
  });
});

describe('a relay refuses', () => {
  const refusal = async (payload: unknown, r = relay) => {
    const answer = await r(payload);
    if (answer.kind !== 'refused') throw new Error(`expected a refusal, got ${answer.kind}`);
    expect(answer.v).toBe(1);
    return answer.reason;
  };

  it('a host it was not deployed for, look-alikes and userinfo tricks', async () => {
    const base = await signed();
    const urls = [
      'https://service.evil.com/',
      `https://${SERVICE_HOST}.evil.com/`,
      `https://evil${SERVICE_HOST}/`,
      `https://${SERVICE_HOST}@evil.com/`,
      `https://user:pw@${SERVICE_HOST}/`,
      `https://evil.com/?host=${SERVICE_HOST}`,
      `https://evil.com\\@${SERVICE_HOST}/`,
    ];
    for (const url of urls) {
      expect(await refusal({ ...base, url }), url).toBe('destination-not-allowed');
    }
    // A fragment never goes on the wire: not a request a relay sends, whatever follows it.
    expect(await refusal({ ...base, url: `https://evil.com#@${SERVICE_HOST}/` })).toBe('bad-request');
    expect(https.received.every((r) => !r.url.includes('evil'))).toBe(true);
  });

  it('more than one label in front of a wildcard, or the bare suffix', async () => {
    const wild = relayWith({ allowedHosts: [WILDCARD] });
    for (const host of [`a.${SERVICE_HOST}`, WILDCARD.slice(2)]) {
      const payload = await signed({ host });
      expect(await refusal(payload, wild)).toBe('destination-not-allowed');
    }
  });

  it('a host header that names another host than the URL', async () => {
    const payload = await signed({ headers: { host: 'billing.7d67968.vpc-lattice-svcs.us-east-1.on.aws' } });
    expect(await refusal(payload)).toBe('destination-not-allowed');
  });

  it('unsigned requests: no authorization, a Bearer token, a header without Signature=', async () => {
    expect(await refusal(unsigned())).toBe('unsigned');
    expect(await refusal(unsigned({ headers: { authorization: 'Bearer abc.def' } }))).toBe('unsigned');
    const noSignature = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/vpc-lattice-svcs/aws4_request';
    expect(await refusal(unsigned({ headers: { authorization: `${noSignature}, SignedHeaders=host` } }))).toBe(
      'unsigned',
    );
    expect(await refusal(unsigned({ query: { 'X-Amz-Signature': 'abc' } }))).toBe('unsigned');
  });

  it('a body over the limit (decoded bytes), and sends one of exactly the limit', async () => {
    expect(await refusal(await signed({ body: Buffer.alloc(1025) }))).toBe('request-too-large');
    expect(responseOf(await relay(await signed({ path: '/small', body: Buffer.alloc(1024) }))).status).toBe(200);
    expect(https.received.at(-1)!.body).toHaveLength(1024);
  });

  it('payloads that are not relay requests of this version', async () => {
    const good = await signed();
    const { url: _url, ...noUrl } = good;
    const { timeoutMs: _t, ...noTimeout } = good;
    const { headers: _h, ...noHeaders } = good;
    const bad: unknown[] = [
      null,
      undefined,
      'a string',
      42,
      [good],
      { ...good, v: 2 },
      { ...good, v: '1' },
      noUrl,
      noTimeout,
      noHeaders,
      { ...good, method: 'GET /x' },
      { ...good, headers: { 'x-a': 1 } },
      { ...good, headers: { 'x-a': 'a\r\nx-injected: 1' } },
      { ...good, headers: { ...good.headers, HOST: SERVICE_HOST } },
      { ...good, body: 'not base64!' },
      { ...good, timeoutMs: -1 },
      { ...good, timeoutMs: 'soon' },
      { ...good, http2: 'yes' },
      { ...good, url: 'ftp://example.com/' },
      { ...good, url: `${good.url}#fragment` },
      { ...good, url: `https://${SERVICE_HOST}/a b` },
      { ...good, url: `https://${SERVICE_HOST}:99999/` },
      { ...good, extra: true },
    ];
    for (const payload of bad) expect(await refusal(payload)).toBe('bad-request');
  });

  it('HTTP/2 by ALPN only: a server that does not offer h2 is no answer, never a downgrade', async () => {
    const before = https.received.length;
    const answer = await relay({ ...(await signed()), http2: true });
    expect(answer).toMatchObject({ kind: 'no-response', code: 'H2_NOT_NEGOTIATED' });
    expect(https.received.length).toBe(before);
  });

  it('everything when it is unusable (misconfigured), naming why', async () => {
    const broken = relayWith({ unusable: 'RELAY_ALLOWED_HOSTS is not set' });
    expect(await broken(await signed())).toMatchObject({
      kind: 'refused',
      reason: 'destination-not-allowed',
      message: 'RELAY_ALLOWED_HOSTS is not set',
    });
  });
});

describe('a relay reports a transport failure as no response', () => {
  it('connection refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = relayWith({ connectTo: () => ({ address: '127.0.0.1', port }) });
    expect(await r(await signed())).toMatchObject({ v: 1, kind: 'no-response', code: 'ECONNREFUSED' });
  });

  it("a server that never answers, bounded by the relay's own limit", async () => {
    // Reads and drops what comes (so it sees the relay hang up), never answers.
    const silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const r = relayWith({ maxTimeoutMs: 50, connectTo: () => ({ address: '127.0.0.1', port }) });
      const answer = await r(await signed({}, 60_000));
      expect(answer).toMatchObject({ v: 1, kind: 'no-response', code: 'ETIMEDOUT', message: 'no answer within 50 ms' });
      const short = await relayWith({ connectTo: () => ({ address: '127.0.0.1', port }) })(await signed({}, 40));
      expect(short).toMatchObject({ kind: 'no-response', code: 'ETIMEDOUT', message: 'no answer within 40 ms' });
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('a relay logs nothing', () => {
  it('writes nothing to the console, stdout or stderr while it answers, refuses or fails', async () => {
    const payloads = [
      await signed({ body: Buffer.from('secret body'), headers: { 'x-secret': 'hunter2' } }),
      await signed({ path: '/big' }),
      unsigned(),
      { ...(await signed()), url: 'https://service.evil.com/' },
      { v: 9 },
    ];
    const failing = relayWith({ connectTo: () => ({ address: '127.0.0.1', port: 1 }) });
    const written: unknown[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;
    const originals = methods.map((m) => console[m]);
    const { write: stdoutWrite } = process.stdout;
    const { write: stderrWrite } = process.stderr;
    for (const m of methods) console[m] = (...args: unknown[]) => void written.push([m, args]);
    process.stdout.write = ((chunk: unknown) => written.push(['stdout', chunk]) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: unknown) => written.push(['stderr', chunk]) > 0) as typeof process.stderr.write;
    try {
      for (const payload of payloads) await relay(payload);
      await failing(await signed());
    } finally {
      methods.forEach((m, i) => {
        console[m] = originals[i]!;
      });
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
    }
    expect(written).toEqual([]);
  });
});
