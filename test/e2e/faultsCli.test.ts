import { PutAuthPolicyCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld, type LocalWorldOptions } from '../../emulator/startLocalWorld';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';
import { projectRoot } from '../support/paths';
import { scenarioDir } from '../support/runCli';

const scenarios = join(projectRoot, 'scenarios');
const NETWORK_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0';
let local: LocalWorld | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

async function run(argv: string[], options: LocalWorldOptions = {}) {
  local ??= await startLocalWorld(options);
  let out = '';
  let err = '';
  const code = await runScenarioCli(
    argv,
    { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: {} },
    // Retries and re-checks wait 5 ms instead of their backoff: the attempts and bounds are the run's own.
    { localWorld: local, sleep: () => new Promise((resolve) => setTimeout(resolve, 5)) },
  );
  return { code, err, doc: argv.includes('json') ? JSON.parse(out) : undefined, out };
}

describe('the runner against injected faults', () => {
  it('retries STS throttling and a target 5xx within bounds and reports the pass as flaky', async () => {
    const r = await run(['in-org', '--dir', scenarios, '--reporter', 'json'], {
      faults: { throttleAssumeRole: 1, targetErrors: 1 },
    });
    expect(r.code).toBe(0);
    expect(r.doc.summary).toEqual({ total: 1, passed: 0, failed: 0, flaky: 1 });
    expect(r.doc.results[0]).toMatchObject({
      status: 'flaky',
      passed: true,
      attempts: 3,
      retried: ['credentials-failed', 'http-error'],
    });
    // The throttled call and the retry: STS saw two AssumeRole calls for the one role.
    expect([...local!.world.stats.assumeRole.values()]).toEqual([2]);
  });

  it('stops retrying at the bound: more faults than attempts fail the call', async () => {
    const r = await run(['in-org', '--dir', scenarios, '--reporter', 'json'], { faults: { targetErrors: 10 } });
    expect(r.code).toBe(1);
    expect(r.doc.results[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      observed: { kind: 'http-error', status: 503 },
    });
  });

  it('an unreachable service (dropped connections) with a deny expectation still fails', async () => {
    const r = await run(['out-of-org', '--dir', scenarios, '--reporter', 'json'], { faults: { dropConnections: 100 } });
    expect(r.code).toBe(1);
    expect(r.doc.results[0]).toMatchObject({ status: 'failed', observed: { kind: 'unreachable' } });
  });

  it('a timeout is never a denial', async () => {
    local = await startLocalWorld({ faults: { latticeLatencyMs: 1_500 } });
    const env = { ...localEnvironment(local), timeoutMs: 300 };
    // An unsigned caller: no STS call that a loaded machine could make time out first.
    const call = {
      id: 'x › anonymous',
      scenario: 'x',
      name: 'anonymous',
      caller: env.callers.anonymous,
      service: env.services.parking,
      request: { method: 'POST', path: '/', headers: {}, query: {} },
      expect: { kind: 'deny' as const, layer: 'network' as const },
    };
    const r = await runCall(call, env, { credentials: createCredentialSource(env), redactor: new Redactor() });
    expect(r).toMatchObject({ status: 'failed', attempts: 1, outcome: { kind: 'unreachable', code: 'ETIMEDOUT' } });
  });

  it('an HTTPS service whose certificate is not trusted is unreachable, not denied', async () => {
    local = await startLocalWorld();
    const env = { ...localEnvironment(local), ca: undefined };
    const call = {
      id: 'x › outsider-c',
      scenario: 'x',
      name: 'outsider-c',
      caller: env.callers['outsider-c'],
      service: env.services.parking,
      request: { method: 'POST', path: '/', headers: {}, query: {} },
      expect: { kind: 'deny' as const, layer: 'network' as const },
    };
    const r = await runCall(call, env, { credentials: createCredentialSource(env), redactor: new Redactor() });
    expect(r.status).toBe('failed');
    expect(r.outcome.kind).toBe('unreachable');
  });
});

describe('after a policy change that takes time to propagate', () => {
  it('a normal run right after it fails; --until-consistent passes and reports the time to consistency', async () => {
    // The world's clock moves on only when the test says so: the change is pending for the first run
    // however slow the machine, and reaches the data plane once the waiting run has seen it not hold.
    let offsetMs = 0;
    local = await startLocalWorld({
      propagationDelayMs: 60_000,
      clock: { now: () => new Date(Date.now() + offsetMs) },
    });
    const { accessKeyId, secretAccessKey } = local.world.runnerKey;
    const lattice = new VPCLatticeClient({
      region: 'us-east-1',
      endpoint: local.controlPlaneEndpoint,
      credentials: { accessKeyId, secretAccessKey },
    });
    // Tighten the guardrail: only another organization may invoke. In-org B must now be refused.
    await lattice.send(
      new PutAuthPolicyCommand({
        resourceIdentifier: NETWORK_ARN,
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'vpc-lattice-svcs:Invoke',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-someoneelse' } },
            },
          ],
        }),
      }),
    );
    const dir = scenarioDir({
      'tightened.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [
  { caller: 'consumer-b', expect: { deny: 'network' } },
  { caller: 'outsider-c', expect: { deny: 'network' } },
] });`,
    });
    const now = await run(['tightened', '--dir', dir, '--reporter', 'json']);
    expect(now.code).toBe(1);
    expect(now.doc.results.find((r: { caller: string }) => r.caller === 'consumer-b')).toMatchObject({
      passed: false,
      observed: { kind: 'allowed' },
    });

    const seen = local.world.stats.invokes;
    const propagate = setInterval(() => {
      // Two more invokes (B's and C's first checks) have been judged against the old policy: now it propagates.
      if (local!.world.stats.invokes >= seen + 2) offsetMs = 61_000;
    }, 10);
    const waited = await run(['tightened', '--dir', dir, '--reporter', 'json', '--until-consistent', '5m']).finally(
      () => clearInterval(propagate),
    );
    expect(waited.code).toBe(0);
    const b = waited.doc.results.find((r: { caller: string }) => r.caller === 'consumer-b');
    expect(b).toMatchObject({ status: 'passed', observed: { kind: 'denied', layer: 'network' } });
    expect(b.attempts).toBeGreaterThan(1);
    expect(b.consistentAfterMs).toBeGreaterThan(0);
    const c = waited.doc.results.find((r: { caller: string }) => r.caller === 'outsider-c');
    expect(c).toMatchObject({ status: 'passed', attempts: 1 });
  });
});
