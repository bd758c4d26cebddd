import { describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../harness/credentials/createCredentialSource';
import type { Expectation, PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';
import type { SendResult } from '../../harness/send/sendRequest';

const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const DENIAL =
  `AccessDeniedException: User: anonymous is not authorized to perform: ` +
  `vpc-lattice-svcs:Invoke on resource: ${SERVICE}/ because no ` +
  `network-based policy allows the vpc-lattice-svcs:Invoke action`;
const env = {
  name: 't',
  region: 'us-east-1',
  callers: {},
  services: {},
  credentials: { kind: 'chain' },
  resolve: {},
  timeoutMs: 1000,
} as ResolvedEnvironment;
const call = (expect: Expectation): PlannedCall => ({
  id: 's › anonymous',
  scenario: 's',
  name: 'anonymous',
  caller: { kind: 'anonymous', name: 'anonymous' },
  service: { name: 'svc', url: new URL('http://svc.example/'), arn: SERVICE },
  request: { method: 'GET', path: '/', headers: {}, query: {} },
  expect,
});
const response = (status: number, body: string): SendResult => ({
  kind: 'response',
  status,
  headers: {},
  body,
  truncated: false,
});
const noCredentials: CredentialSource = { forCaller: () => Promise.reject(new Error('not used')) };

/** A transport that answers from a script and counts what it was asked. */
function scripted(...answers: SendResult[]) {
  const sent = { count: 0 };
  return { sent, send: async () => answers[Math.min(sent.count++, answers.length - 1)] };
}
const deps = (send: () => Promise<SendResult>) => ({
  credentials: noCredentials,
  redactor: new Redactor(),
  send,
  sleep: async () => {},
});

describe('runCall retries', () => {
  it('retries a 5xx and reports a pass after the retry as flaky', async () => {
    const t = scripted(response(503, 'unavailable'), response(200, 'ok'));
    const r = await runCall(call({ kind: 'allow' }), env, deps(t.send));
    expect(r).toMatchObject({ status: 'flaky', attempts: 2, retried: ['http-error'] });
    expect(t.sent.count).toBe(2);
  });

  it('retries a reset connection within bounds, then fails', async () => {
    const t = scripted({ kind: 'no-response', code: 'ECONNRESET', message: 'socket hang up' });
    const r = await runCall(call({ kind: 'deny', layer: 'network' }), env, {
      ...deps(t.send),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    expect(r).toMatchObject({ status: 'failed', attempts: 3, outcome: { kind: 'unreachable' } });
    expect(t.sent.count).toBe(3);
  });

  it('never retries an auth outcome in normal mode', async () => {
    for (const answer of [
      response(403, DENIAL),
      response(200, 'ok'),
      response(403, 'InvalidSignatureException: Signed payloads are not supported'),
    ]) {
      const t = scripted(answer);
      const r = await runCall(call({ kind: 'allow', body: 'something else' }), env, deps(t.send));
      expect(r.status).toBe('failed');
      expect(t.sent.count).toBe(1);
    }
  });

  it('does not retry a timeout or a refused connection', async () => {
    for (const code of ['ETIMEDOUT', 'ECONNREFUSED']) {
      const t = scripted({ kind: 'no-response', code, message: '' });
      const r = await runCall(call({ kind: 'deny', layer: 'network' }), env, deps(t.send));
      expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    }
  });

  it('with untilConsistent, re-checks until the expectation holds and reports when', async () => {
    const t = scripted(response(200, 'ok'), response(200, 'ok'), response(403, DENIAL));
    const since = Date.now();
    const r = await runCall(call({ kind: 'deny', layer: 'network' }), env, {
      ...deps(t.send),
      untilConsistent: { since, deadline: since + 60_000, baseDelayMs: 1, maxDelayMs: 1 },
    });
    // Seen not holding, it must then hold 3 times in a row.
    expect(r).toMatchObject({ status: 'passed', attempts: 5, retried: ['allowed', 'allowed', 'denied', 'denied'] });
    expect(r.consistentAfterMs).toBeGreaterThanOrEqual(0);
  });

  it('with untilConsistent, a guardrail that flaps is not called consistent on one good answer', async () => {
    const t = scripted(
      response(200, 'ok'),
      response(403, DENIAL),
      response(200, 'ok'),
      response(403, DENIAL),
      response(403, DENIAL),
      response(403, DENIAL),
    );
    const since = Date.now();
    const fast = { since, deadline: since + 60_000, baseDelayMs: 1, maxDelayMs: 1 };
    const r = await runCall(call({ kind: 'deny', layer: 'network' }), env, { ...deps(t.send), untilConsistent: fast });
    expect(r).toMatchObject({ status: 'passed', attempts: 6 });

    let flip = 0;
    const flapping = async () => (flip++ % 2 === 0 ? response(200, 'ok') : response(403, DENIAL));
    const sleepy = {
      ...deps(flapping),
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    };
    const never = await runCall(call({ kind: 'deny', layer: 'network' }), env, {
      ...sleepy,
      untilConsistent: { since, deadline: Date.now() + 200, baseDelayMs: 10, maxDelayMs: 20 },
    });
    expect(never.status).toBe('failed');
    expect(never.consistentAfterMs).toBeUndefined();
  });

  it('with untilConsistent, gives up at the deadline and fails', async () => {
    const t = scripted(response(200, 'ok'));
    const since = Date.now();
    const r = await runCall(call({ kind: 'deny', layer: 'network' }), env, {
      ...deps(t.send),
      sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
      untilConsistent: { since, deadline: since + 150, baseDelayMs: 20, maxDelayMs: 40 },
    });
    expect(r.status).toBe('failed');
    expect(r.consistentAfterMs).toBeUndefined();
    expect(Date.now() - since).toBeLessThan(1_000);
  });

  it('retries only a 5xx or a 429 from the service: any other status, a 999 included, is an answer', async () => {
    for (const [status, attempts] of [
      [429, 2],
      [599, 2],
      [999, 1],
      [600, 1],
      [404, 1],
    ]) {
      const t = scripted(response(status, 'x'), response(200, 'ok'));
      const r = await runCall(call({ kind: 'allow' }), env, deps(t.send));
      expect([status, r.attempts]).toEqual([status, attempts]);
    }
  });
});

/** A clock only the test moves: sleeping advances it, nothing else does (yielding to the event loop). */
function fakeTime(start: number) {
  const slept: number[] = [];
  const clock = {
    t: start,
    now() {
      return new Date(this.t);
    },
  };
  const sleep = (ms: number) => {
    slept.push(ms);
    clock.t += ms;
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
  return { clock, sleep, slept };
}

describe('runCall reads time from its injected clock only', () => {
  const YEAR_2031 = Date.UTC(2031, 0, 1);

  it('consistency and duration are measured on the injected clock', async () => {
    const time = fakeTime(YEAR_2031);
    const t = scripted(response(200, 'ok'), response(200, 'ok'), response(403, DENIAL));
    const r = await runCall(call({ kind: 'deny', layer: 'network' }), env, {
      ...deps(t.send),
      clock: time.clock,
      sleep: time.sleep,
      untilConsistent: { since: YEAR_2031, deadline: YEAR_2031 + 60_000, baseDelayMs: 1_000, maxDelayMs: 15_000 },
    });
    expect(r).toMatchObject({ status: 'passed', attempts: 5 });
    // Two waits before the first denial, which began the run of three that made it consistent.
    expect(r.consistentAfterMs).toBe(time.slept[0] + time.slept[1]);
    expect(r.durationMs).toBe(time.slept.reduce((a, b) => a + b, 0));
  }, 5_000);

  it('the consistency deadline is on the injected clock: a call that never holds stops there', async () => {
    const time = fakeTime(YEAR_2031);
    const t = scripted(response(200, 'ok'));
    const r = await runCall(call({ kind: 'deny', layer: 'network' }), env, {
      ...deps(t.send),
      clock: time.clock,
      sleep: time.sleep,
      untilConsistent: { since: YEAR_2031, deadline: YEAR_2031 + 30_000, baseDelayMs: 1_000, maxDelayMs: 15_000 },
    });
    expect(r.status).toBe('failed');
    expect(time.clock.t).toBeLessThanOrEqual(YEAR_2031 + 30_000);
    expect(time.clock.t + 15_000).toBeGreaterThan(YEAR_2031 + 30_000);
  }, 5_000);
});
