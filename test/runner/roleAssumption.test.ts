import { afterEach, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld, type LocalWorldOptions } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import type { CredentialSource, RoleCaller } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import { ALLOW_SUCCESS, collecting, DENY_NETWORK, FAST_RETRY, plannedCall } from './support';

let local: LocalWorld | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

async function world(options: LocalWorldOptions = {}): Promise<{ local: LocalWorld; env: ResolvedEnvironment }> {
  local = await startLocalWorld(options);
  return { local, env: localEnvironment(local) };
}

const assumeRoleCount = (l: LocalWorld, caller: RoleCaller) => l.world.stats.assumeRole.get(caller.roleArn) ?? 0;

describe('one assumption per role, its retries included', () => {
  it('10 calls of one role and one throttled AssumeRole: 2 AssumeRole calls at STS, shared by all', async () => {
    const { local, env } = await world({ faults: { throttleAssumeRole: 1 } });
    const b = env.callers['consumer-b'] as RoleCaller;
    const calls = Array.from({ length: 10 }, (_, n) => plannedCall(env, b, ALLOW_SUCCESS, n));
    const credentials = createCredentialSource(env, { retry: FAST_RETRY });
    const options = { reporter: {}, redactor: new Redactor(), credentials, concurrency: 10, sleep: async () => {} };
    const summary = await runPlan({ environment: env, calls }, options);
    expect(assumeRoleCount(local, b)).toBe(2);
    // Every call waited on the throttled assumption and its retry: each passed after a retry.
    const each = summary.results.map((r) => [r.status, r.retried]);
    expect(each).toEqual(calls.map(() => ['flaky', ['credentials-failed']]));
  });

  it('with fewer workers than calls, the calls that start later use the assumed role as it is', async () => {
    const { local, env } = await world({ faults: { throttleAssumeRole: 1 } });
    const b = env.callers['consumer-b'] as RoleCaller;
    const calls = Array.from({ length: 10 }, (_, n) => plannedCall(env, b, ALLOW_SUCCESS, n));
    const credentials = createCredentialSource(env, { retry: FAST_RETRY });
    const options = { reporter: {}, redactor: new Redactor(), credentials, concurrency: 3, sleep: async () => {} };
    const summary = await runPlan({ environment: env, calls }, options);
    expect(assumeRoleCount(local, b)).toBe(2);
    expect(summary.failed).toBe(0);
    expect(summary.flaky).toBe(3);
  });
});

describe('the order calls run in', () => {
  it("a worker takes another caller's call rather than wait for an assumption in flight", async () => {
    const { env } = await world({ faults: { stsLatencyMs: 100 } });
    const inner = createCredentialSource(env);
    const asked: string[] = [];
    // Records which caller each call asks credentials for, in order.
    const credentials: CredentialSource = {
      forCaller: (caller, options) => {
        asked.push(caller.name);
        return inner.forCaller(caller, options);
      },
      isPending: (caller) => inner.isPending!(caller),
    };
    const calls: PlannedCall[] = [
      ...[0, 1, 2].map((n) => plannedCall(env, 'consumer-b', ALLOW_SUCCESS, n)),
      ...[0, 1, 2].map((n) => plannedCall(env, 'outsider-c', DENY_NETWORK, n)),
      plannedCall(env, 'anonymous', DENY_NETWORK),
    ];
    const reporter = collecting();
    const options = { reporter, redactor: new Redactor(), credentials, concurrency: 3 };
    const summary = await runPlan({ environment: env, calls }, options);
    expect(summary.failed).toBe(0);
    // Both roles are assumed at once, and the third worker runs the anonymous call (no STS) meanwhile.
    expect(asked.slice(0, 2)).toEqual(['consumer-b', 'outsider-c']);
    expect(reporter.landed[0].call.caller.name).toBe('anonymous');
    // Results keep the plan's order whatever order the calls ran in.
    expect(summary.results.map((r) => r.call.id)).toEqual(calls.map((c) => c.id));
  });
});

describe('--until-consistent and trust policies', () => {
  /** Makes consumer-b's role trust only callers that pass outsider-c's external ID: STS refuses consumer-b. */
  function refuseConsumerB(l: LocalWorld) {
    const role = l.world.roles.find((r) => r.arn === 'arn:aws:iam::222222222222:role/lattice-invoker')!;
    const trusting = role.trustPolicy;
    const outsider = l.world.roles.find((r) => r.arn === 'arn:aws:iam::444444444444:role/lattice-invoker')!;
    role.trustPolicy = outsider.trustPolicy;
    return () => void (role.trustPolicy = trusting);
  }

  it('a role STS refused is asked again with backoff while waiting; the call passes once trusted', async () => {
    const { local, env } = await world();
    const b = env.callers['consumer-b'] as RoleCaller;
    const restore = refuseConsumerB(local);
    const waits: number[] = [];
    // The trust policy change lands during the second wait.
    const sleep = async (ms: number) => {
      waits.push(ms);
      if (waits.length === 2) restore();
    };
    const since = Date.now();
    const calls = [0, 1, 2].map((n) => plannedCall(env, b, ALLOW_SUCCESS, n));
    const summary = await runPlan(
      { environment: env, calls },
      {
        reporter: {},
        redactor: new Redactor(),
        credentials: createCredentialSource(env),
        sleep,
        untilConsistent: { since, deadline: since + 60_000, baseDelayMs: 1_000, maxDelayMs: 15_000, stableChecks: 1 },
      },
    );
    expect(summary.results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed']);
    expect(summary.results[0].retried).toContain('credentials-failed');
    expect(summary.results[0].consistentAfterMs).toBeGreaterThanOrEqual(0);
    // Backed off (1 s doubling), not hammered; and STS was asked again, once per round, not once per call.
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    const count = assumeRoleCount(local, b);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThanOrEqual(3);
  });

  it('outside --until-consistent a refusal is final for the run', async () => {
    const { local, env } = await world();
    const b = env.callers['consumer-b'] as RoleCaller;
    const restore = refuseConsumerB(local);
    const calls = [0, 1, 2].map((n) => plannedCall(env, b, ALLOW_SUCCESS, n));
    const summary = await runPlan(
      { environment: env, calls },
      {
        reporter: { onResult: () => restore() },
        redactor: new Redactor(),
        credentials: createCredentialSource(env),
        sleep: async () => {},
        concurrency: 1,
      },
    );
    const each = summary.results.map((r) => [r.status, r.outcome.kind, r.attempts]);
    expect(each).toEqual(calls.map(() => ['failed', 'credentials-failed', 1]));
    expect(assumeRoleCount(local, b)).toBe(1);
  });
});
