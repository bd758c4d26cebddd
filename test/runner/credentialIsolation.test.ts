import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import type { ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import { ALLOW_SUCCESS, DENY_NETWORK, FAST_RETRY, plannedCall } from './support';

let local: LocalWorld;
let notHttp: Server;
const sockets = new Set<Socket>();
beforeAll(async () => {
  local = await startLocalWorld();
  // An "STS endpoint" that is not an HTTP server at all.
  notHttp = createServer((socket) => {
    sockets.add(socket);
    socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
  });
  await new Promise<void>((resolve) => notHttp.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => notHttp.close(() => resolve()));
  await local.close();
});

/** A plan of role calls and an anonymous call against the local world's services. */
function planFor(env: ResolvedEnvironment) {
  return {
    environment: env,
    calls: [
      plannedCall(env, 'consumer-b', ALLOW_SUCCESS),
      plannedCall(env, 'anonymous', DENY_NETWORK),
      plannedCall(env, 'outsider-c', DENY_NETWORK),
    ],
  };
}

async function run(env: ResolvedEnvironment) {
  const plan = planFor(env);
  const credentials = createCredentialSource(env, { retry: FAST_RETRY });
  return runPlan(plan, { reporter: {}, redactor: new Redactor(), credentials, sleep: async () => {} });
}

describe('a caller whose credentials cannot be had fails alone; the run and its reports go on', () => {
  it('STS answering bytes that are not HTTP: role calls are credentials-failed, the anonymous call runs', async () => {
    const port = (notHttp.address() as AddressInfo).port;
    const env = { ...localEnvironment(local), stsEndpoint: `http://127.0.0.1:${port}` };
    const summary = await run(env);
    const [b, anonymous, c] = summary.results;
    for (const r of [b, c]) {
      const outcome = { kind: 'credentials-failed', code: 'HPE_INVALID_CONSTANT', transient: false };
      expect(r).toMatchObject({ status: 'failed', attempts: 1, outcome });
    }
    const denied = { kind: 'denied', layer: 'network', principal: 'anonymous' };
    expect(anonymous).toMatchObject({ status: 'passed', outcome: denied });
  });

  it('no credentials anywhere in the AWS SDK chain (CredentialsProviderError)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lattice-e2e-no-credentials-'));
    const saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, {
      HOME: empty,
      AWS_CONFIG_FILE: join(empty, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(empty, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    try {
      const credentials = { kind: 'chain' as const, profile: 'lattice-e2e-none' };
      const env: ResolvedEnvironment = { ...localEnvironment(local), credentials };
      const summary = await run(env);
      const [b, anonymous, c] = summary.results;
      const failed = { kind: 'credentials-failed', code: 'CredentialsProviderError', transient: false };
      for (const r of [b, c]) expect(r.outcome).toMatchObject(failed);
      expect(anonymous.status).toBe('passed');
    } finally {
      process.env = saved;
    }
  });
});
