import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialSource, type RoleCaller } from '../../harness/credentials/createCredentialSource';
import type { ResolvedEnvironment } from '../../harness/resolve/types';

const caller: RoleCaller = { kind: 'role', name: 'b', roleArn: 'arn:aws:iam::222222222222:role/r', sessionName: 'test', durationSeconds: 900, sessionTags: {}, signing: 'sigv4' };
const keys = { accessKeyId: 'AKIAEXAMPLEBASEKEY01', secretAccessKey: 'base-secret-base-secret-base-secret-0001' };

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())));

/** A stand-in STS endpoint that misbehaves at the transport level; counts connections. */
async function misbehavingSts(behaviour: 'hang' | 'reset' | 'garbage-500'): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  server = createServer((req, res) => {
    if (behaviour === 'reset') req.socket.destroy();
    if (behaviour === 'garbage-500') res.writeHead(500).end('<html>oops</html>');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const envFor = (stsEndpoint: string, timeoutMs = 500): ResolvedEnvironment => ({
  name: 't', region: 'us-east-1', callers: {}, services: {}, resolve: {}, timeoutMs, stsEndpoint, credentials: { kind: 'static', keys },
});

describe('credentials when STS misbehaves', () => {
  it('a stalled STS fails within the timeout, as a transient failure', async () => {
    const sts = await misbehavingSts('hang');
    const started = Date.now();
    await expect(createCredentialSource(envFor(sts.url, 300)).forCaller(caller)).rejects.toMatchObject({ transient: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a reset connection is transient and is asked again, not remembered as a refusal', async () => {
    const sts = await misbehavingSts('reset');
    const source = createCredentialSource(envFor(sts.url));
    await expect(source.forCaller(caller)).rejects.toMatchObject({ transient: true });
    await expect(source.forCaller(caller)).rejects.toMatchObject({ transient: true });
    expect(sts.connections()).toBe(2);
  });

  it('a 5xx from STS is transient', async () => {
    const sts = await misbehavingSts('garbage-500');
    await expect(createCredentialSource(envFor(sts.url)).forCaller(caller)).rejects.toMatchObject({ transient: true });
  });

  it('shows every credential it resolves, the runner\'s own included, so the run can redact them', async () => {
    const sts = await misbehavingSts('garbage-500');
    const seen: string[] = [];
    await createCredentialSource(envFor(sts.url), { onCredentials: (c) => seen.push(c.secretAccessKey) }).forCaller(caller).catch(() => undefined);
    expect(seen).toEqual([keys.secretAccessKey]);
  });
});
