import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import type { ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import { ALLOW_SUCCESS, DENY_NETWORK, plannedCall } from './support';

// Node's TLS client builds a context per connection through this export unless it is handed one.
const tls = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  local = await startLocalWorld();
  env = localEnvironment(local);
});
afterAll(() => local.close());

describe('connections of a run', () => {
  it("every HTTPS connection uses the run's one TLS context (roots and extra CA); none builds its own", async () => {
    const calls = [0, 1, 2, 3].flatMap((n) => [
      plannedCall(env, 'consumer-b', ALLOW_SUCCESS, n),
      plannedCall(env, 'anonymous', DENY_NETWORK, n),
    ]);
    expect(env.services.parking.url.protocol).toBe('https:');
    const spy = vi.spyOn(tls, 'createSecureContext');
    try {
      const options = { reporter: {}, redactor: new Redactor(), credentials: createCredentialSource(env) };
      const summary = await runPlan({ environment: env, calls }, options);
      expect(summary.passed).toBe(calls.length);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('each caller still calls from its own source address (the VPC the local world sees)', async () => {
    const calls = [
      plannedCall(env, 'consumer-b', ALLOW_SUCCESS),
      plannedCall(env, 'consumer-b-isolated-vpc', DENY_NETWORK),
      plannedCall(env, 'consumer-b', ALLOW_SUCCESS, 1),
    ];
    const options = { reporter: {}, redactor: new Redactor(), credentials: createCredentialSource(env) };
    const summary = await runPlan({ environment: env, calls }, options);
    expect(summary.results.map((r) => r.outcome.kind)).toEqual(['allowed', expect.any(String), 'allowed']);
    expect(summary.results[1].outcome.kind).not.toBe('allowed');
  });
});
