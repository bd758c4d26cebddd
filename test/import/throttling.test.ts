import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadClients } from '../../harness/import/createReadClients';
import { readDeployedOrganization } from '../../harness/import/readDeployedOrganization';
import { seedWorld } from '../../world';
import { startReadableWorld } from './support/readableWorld';
import type { LocalWorld } from '../../emulator/startLocalWorld';
import type { ResolvedEnvironment } from '../../harness/resolve/types';

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  ({ local, env } = await startReadableWorld(seedWorld()));
});
afterAll(() => local.close());

/**
 * A proxy in front of the control plane that answers ListServices with Lattice's throttling error
 * (429, ThrottlingException) `throttle` times, then forwards; counts what it refused and forwarded.
 */
async function throttlingProxy(
  throttle: number,
): Promise<{ url: string; throttled: number; forwarded: number; server: Server }> {
  const target = new URL(local.controlPlaneEndpoint);
  const state = { url: '', throttled: 0, forwarded: 0, server: undefined as unknown as Server };
  state.server = createServer((req, res) => {
    if (req.url?.startsWith('/services?') || req.url === '/services') {
      if (state.throttled < throttle) {
        state.throttled++;
        req.resume();
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' });
        res.end(JSON.stringify({ message: 'Rate exceeded' }));
        return;
      }
    }
    state.forwarded++;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

/**
 * The delay decider the clients are given in place of the SDK's exponential backoff with jitter (which sleeps
 * for real, up to seconds): it answers 1 ms and records which retry it was asked about.
 */
function recordingDelays(): { delayMs: (attempt: number) => number; asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    delayMs: (attempt) => {
      asked.push(attempt);
      return 1;
    },
  };
}

describe('reading the organization under throttling', () => {
  it('backs off and retries a throttled call (the SDK standard strategy), then reads everything', async () => {
    const proxy = await throttlingProxy(2);
    const delays = recordingDelays();
    const pool = createReadClients(env, {
      endpoints: { lattice: proxy.url, iam: local.iamEndpoint, organizations: local.organizationsEndpoint },
      retryDelayMs: delays.delayMs,
    });
    try {
      const org = await readDeployedOrganization(env, pool);
      expect(org.errors).toBeUndefined();
      expect(org.services.map((s) => s.id)).toEqual([
        'svc-0123456789abcdef0',
        'svc-0eeeeeeeeeeeeeee0',
        'svc-0fedcba9876543210',
      ]);
      expect(proxy.throttled).toBe(2);
      // A backoff before each retry, none otherwise: the first throttled call retried twice, or two calls once.
      expect(delays.asked.length).toBe(2);
      expect([
        [1, 2],
        [1, 1],
      ]).toContainEqual([...delays.asked].sort());
    } finally {
      pool.destroy();
      proxy.server.close();
    }
  }, 60_000);

  it('gives up after a bounded number of attempts, and the account is an ' +
    'error naming ThrottlingException', async () => {
    const proxy = await throttlingProxy(Number.MAX_SAFE_INTEGER);
    const delays = recordingDelays();
    const pool = createReadClients(env, {
      endpoints: { lattice: proxy.url, iam: local.iamEndpoint, organizations: local.organizationsEndpoint },
      maxAttempts: 3,
      retryDelayMs: delays.delayMs,
    });
    try {
      const org = await readDeployedOrganization(env, pool);
      const accounts = Object.keys(env.readers!);
      expect(org.errors!.filter((e) => e.kind === 'account').map((e) => [e.id, e.operation, e.name])).toEqual(
        accounts.map((a) => [a, 'ListServices', 'ThrottlingException']),
      );
      // Three attempts per account's ListServices, no more.
      expect(proxy.throttled).toBe(3 * accounts.length);
      // Two backoffs per account (retries 1 and 2), none after the last attempt.
      expect([...delays.asked].sort()).toEqual([...accounts.map(() => 1), ...accounts.map(() => 2)]);
    } finally {
      pool.destroy();
      proxy.server.close();
    }
  }, 60_000);
});
