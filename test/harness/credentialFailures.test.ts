import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalPki } from '../../emulator/tls/createLocalPki';
import { createCredentialSource, CredentialsError } from '../../harness/credentials/createCredentialSource';
import type { RoleCaller } from '../../harness/credentials/createCredentialSource';
import type { ResolvedEnvironment } from '../../harness/resolve/types';

const caller: RoleCaller = {
  kind: 'role',
  name: 'b',
  roleArn: 'arn:aws:iam::222222222222:role/r',
  sessionName: 'test',
  durationSeconds: 900,
  sessionTags: {},
  signing: 'sigv4',
};
const keys = { accessKeyId: 'AKIAEXAMPLEBASEKEY01', secretAccessKey: 'base-secret-base-secret-base-secret-0001' };
const once = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

const servers: (Server | NetServer)[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function listen(server: Server | NetServer, scheme = 'http') {
  let connections = 0;
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

/** A stand-in STS endpoint that misbehaves at the transport level; counts connections. */
function misbehavingSts(behaviour: 'hang' | 'reset' | 'garbage-500') {
  return listen(
    createServer((req, res) => {
      if (behaviour === 'reset') req.socket.destroy();
      if (behaviour === 'garbage-500') res.writeHead(500).end('<html>oops</html>');
    }),
  );
}

/** An STS endpoint that answers `status` with `body`. */
const answering = (status: number, body: string, headers: Record<string, string> = {}) =>
  listen(createServer((_req, res) => res.writeHead(status, { 'content-type': 'text/xml', ...headers }).end(body)));

const envFor = (stsEndpoint: string, timeoutMs = 500): ResolvedEnvironment => ({
  name: 't',
  region: 'us-east-1',
  callers: {},
  services: {},
  resolve: {},
  timeoutMs,
  stsEndpoint,
  credentials: { kind: 'static', keys },
});

/** What forCaller rejected with: always a CredentialsError, never anything else. */
async function failureOf(env: ResolvedEnvironment): Promise<CredentialsError> {
  const source = createCredentialSource(env, { retry: once });
  const error = await source.forCaller(caller).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialsError);
  return error as CredentialsError;
}

const THROTTLED =
  '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>' +
  '<Message>Rate exceeded</Message></Error></ErrorResponse>';

describe('credentials when STS misbehaves', () => {
  it('a stalled STS fails within the timeout, as a transient failure', async () => {
    const sts = await misbehavingSts('hang');
    const started = Date.now();
    const source = createCredentialSource(envFor(sts.url, 300), { retry: once });
    await expect(source.forCaller(caller)).rejects.toMatchObject({ transient: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a reset connection is transient: retried within bounds, asked again later, not remembered', async () => {
    const sts = await misbehavingSts('reset');
    const retry = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 };
    const source = createCredentialSource(envFor(sts.url), { retry });
    await expect(source.forCaller(caller)).rejects.toMatchObject({ transient: true });
    await expect(source.forCaller(caller)).rejects.toMatchObject({ transient: true });
    expect(sts.connections()).toBe(4);
  });

  it('a 5xx from STS is transient', async () => {
    const sts = await misbehavingSts('garbage-500');
    const source = createCredentialSource(envFor(sts.url), { retry: once });
    await expect(source.forCaller(caller)).rejects.toMatchObject({ transient: true });
  });

  it("shows every credential it resolves, the runner's own included, so the run can redact them", async () => {
    const sts = await misbehavingSts('garbage-500');
    const seen: string[] = [];
    const onCredentials = (c: { secretAccessKey: string }) => void seen.push(c.secretAccessKey);
    const source = createCredentialSource(envFor(sts.url), { retry: once, onCredentials });
    await source.forCaller(caller).catch(() => undefined);
    expect(seen).toEqual([keys.secretAccessKey]);
  });

  it("throttling (STS's Throttling code, or a 429) and a 503 are transient; a status 999 is not", async () => {
    const throttled = await failureOf(envFor((await answering(400, THROTTLED)).url));
    expect(throttled).toMatchObject({ code: 'Throttling', transient: true });
    expect(await failureOf(envFor((await answering(429, 'slow down')).url))).toMatchObject({ transient: true });
    expect(await failureOf(envFor((await answering(503, 'unavailable')).url))).toMatchObject({ transient: true });
    expect(await failureOf(envFor((await answering(999, 'odd')).url))).toMatchObject({ transient: false });
  });
});

describe('every failure to reach or read STS is a credentials failure, never a crash', () => {
  it('an endpoint that answers bytes that are not HTTP', async () => {
    const sts = await listen(createNetServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')));
    const failure = await failureOf(envFor(sts.url));
    expect(failure).toMatchObject({ code: 'HPE_INVALID_CONSTANT', transient: false, role: caller.roleArn });
  });

  it('response headers over 16 KB', async () => {
    const sts = await answering(200, '<x/>', { 'x-padding': 'a'.repeat(20_000) });
    expect(await failureOf(envFor(sts.url))).toMatchObject({ code: 'HPE_HEADER_OVERFLOW', transient: false });
  });

  it('a certificate no trusted CA signed', async () => {
    const pki = createLocalPki(['sts.example']);
    const tls = { key: pki.serverKeyPem, cert: pki.serverCertPem };
    const sts = await listen(
      createHttpsServer(tls, (_req, res) => res.end('<x/>')),
      'https',
    );
    expect(await failureOf(envFor(sts.url))).toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN', transient: false });
  });

  it("the environment's extra CA is trusted for STS as for the services", async () => {
    const pki = createLocalPki(['sts.example']);
    const tls = { key: pki.serverKeyPem, cert: pki.serverCertPem };
    const sts = await listen(
      createHttpsServer(tls, (_req, res) => res.writeHead(400).end(THROTTLED)),
      'https',
    );
    expect(await failureOf({ ...envFor(sts.url), ca: pki.caCertPem })).toMatchObject({ code: 'Throttling' });
  });

  it('TLS spoken to a plain HTTP server (a TLS protocol error)', async () => {
    const sts = await answering(200, '<x/>');
    const failure = await failureOf(envFor(sts.url.replace('http:', 'https:')));
    expect(failure).toMatchObject({ code: 'EPROTO', transient: false });
  });

  it("a 200 whose body is not STS's document", async () => {
    const sts = await answering(200, '<<<garbled&&');
    expect(await failureOf(envFor(sts.url))).toMatchObject({ code: 'InvalidResponse', transient: false });
  });
});

describe('STS answers are bounded in size and in time, the body included', () => {
  /** An answer that starts at once and never ends: `chunk` every `everyMs` (0: as fast as the socket takes it). */
  const endless = (status: number, chunk: string, everyMs: number) =>
    listen(
      createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'text/xml' });
        const write = () => {
          if (res.destroyed) return;
          if (everyMs === 0) res.write(chunk, write);
          else res.write(chunk, () => setTimeout(write, everyMs));
        };
        write();
      }),
    );

  it('an error body that never ends is cut at the size cap and fails at once, not at the timeout', async () => {
    const sts = await endless(400, `<Error>${'x'.repeat(64 * 1024)}</Error>`, 0);
    const started = Date.now();
    const error = await failureOf(envFor(sts.url, 20_000));
    expect(error).toMatchObject({ code: 'ResponseTooLarge', transient: false });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a body that trickles in fails at the timeout, which covers the whole exchange', async () => {
    const sts = await endless(200, '<a>', 50);
    const started = Date.now();
    expect(await failureOf(envFor(sts.url, 400))).toMatchObject({ transient: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
