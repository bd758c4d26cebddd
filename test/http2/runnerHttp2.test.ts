import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { predictCall } from '../../harness/check/predictCall';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import type { ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import { seedWorld } from '../../world';

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  local = await startLocalWorld();
  env = localEnvironment(local);
});
afterAll(() => local.close());

const run = async (scenario: unknown) => {
  const calls = resolveScenario('h2', 'scenarios/h2.ts', scenario, env);
  const options = { reporter: {}, redactor: new Redactor(), credentials: createCredentialSource(env) };
  return { calls, summary: await runPlan({ environment: env, calls }, options) };
};

describe('HTTP/2 scenarios against the embedded local world', () => {
  it('an in-org caller is allowed and an outsider is denied by the network layer, over HTTP/2', async () => {
    const { calls, summary } = await run({
      service: 'parking',
      http: '2',
      calls: [
        { caller: 'consumer-b', expect: { allow: { status: 200, body: '"Lattice Success!"' } } },
        { caller: 'outsider-c', expect: { deny: 'network' } },
        { caller: 'anonymous', expect: { deny: 'network' } },
      ],
    });
    expect(calls.map((c) => c.http)).toEqual(['2', '2', '2']);
    expect(summary.results.map((r) => [r.status, r.outcome.kind, r.verdict.reason])).toEqual([
      ['passed', 'allowed', undefined],
      ['passed', 'denied', undefined],
      ['passed', 'denied', undefined],
    ]);
    const denied = summary.results[1].outcome;
    const body = denied.kind === 'denied' ? denied.body : '';
    expect(body).toMatch(/^AccessDeniedException: User: arn:aws:sts::444444444444:assumed-role\/lattice-invoker\//);
    expect(body).toMatch(/ because no network-based policy allows the vpc-lattice-svcs:Invoke action$/);
  });

  it('the echo target reports the HTTP version the caller spoke (Lattice forwards no header for it)', async () => {
    const { summary } = await run({
      service: 'echo',
      calls: [
        { caller: 'consumer-b', name: 'h2', http: '2', expect: { allow: { status: 200 } } },
        { caller: 'consumer-b', name: 'h1', expect: { allow: { status: 200 } } },
      ],
    });
    const echoed = summary.results.map((r) => (r.outcome.kind === 'allowed' ? JSON.parse(r.outcome.body) : r.outcome));
    expect(echoed.map((e) => e.callerHttpVersion)).toEqual(['2', '1.1']);
    // Same request as the target sees it, whatever the version; HTTP/2's :authority reached it as host.
    expect(echoed[0].headers.host).toBe(echoed[1].headers.host);
    expect(Object.keys(echoed[0].headers).filter((h) => h.startsWith(':'))).toEqual([]);
  });

  it('a gRPC-shaped call is a POST to /package.Service/Method with the gRPC headers and a framed body', async () => {
    const { calls, summary } = await run({
      service: 'echo',
      request: { grpc: 'parking.v1.Spaces/Reserve', body: 'hi' },
      calls: [{ caller: 'consumer-b', expect: { allow: { status: 200 } } }],
    });
    expect(calls[0].http).toBe('2');
    expect(summary.results[0].status).toBe('passed');
    const outcome = summary.results[0].outcome;
    const echoed = outcome.kind === 'allowed' ? JSON.parse(outcome.body) : outcome;
    expect(echoed).toMatchObject({
      method: 'POST',
      target: '/parking.v1.Spaces/Reserve',
      callerHttpVersion: '2',
      // gRPC's Length-Prefixed-Message: not compressed, length 2, then the message.
      body: '\u0000\u0000\u0000\u0000\u0002hi',
    });
    expect(echoed.headers).toMatchObject({ 'content-type': 'application/grpc', te: 'trailers' });
  });

  it('check predicts the HTTP/2 calls as it predicts the same calls over HTTP/1.1', async () => {
    const scenario = (http: '1.1' | '2') => ({
      service: 'parking',
      http,
      calls: ['consumer-b', 'outsider-c', 'anonymous', 'consumer-b-no-invoke', 'consumer-b-isolated-vpc'].map(
        (caller) => ({ caller, expect: { allow: true } }),
      ),
    });
    const now = new Date();
    const predict = (http: '1.1' | '2') =>
      resolveScenario('h2', 'scenarios/h2.ts', scenario(http), env).map((c) => predictCall(c, seedWorld(), { now }));
    const [h1, h2] = [predict('1.1'), predict('2')];
    expect(h2.map((p) => p.prediction)).toEqual(h1.map((p) => p.prediction));
    expect(h2.map((p) => p.prediction.kind)).toEqual(['allowed', 'denied', 'denied', 'denied', 'unreachable']);
    // And the local world answers the HTTP/2 calls as predicted.
    const { summary } = await run(scenario('2'));
    expect(summary.results.map((r) => r.outcome.kind)).toEqual(h2.map((p) => p.prediction.kind));
  });
});
