import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../harness/classify/outcome';
import { judgeOutcome } from '../../harness/judge/judgeOutcome';
import type { Expectation, PlannedCall } from '../../harness/resolve/types';

const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const PRINCIPAL = 'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c';

const call = (expect: Expectation): PlannedCall => ({
  id: 's › c',
  scenario: 's',
  name: 'c',
  caller: {
    kind: 'role',
    name: 'outsider-c',
    roleArn: 'arn:aws:iam::444444444444:role/team/lattice-invoker',
    sessionName: 'lattice-e2e-outsider-c',
    durationSeconds: 3600,
    sessionTags: {},
    signing: 'sigv4',
  },
  service: { name: 'parking', url: new URL('https://example.on.aws/'), arn: SERVICE },
  request: { method: 'POST', path: '/', headers: {}, query: {} },
  expect,
});
const denied = (over: Partial<Extract<Outcome, { kind: 'denied' }>> = {}): Outcome => ({
  kind: 'denied',
  layer: 'network',
  explicit: false,
  principal: PRINCIPAL,
  resource: `${SERVICE}/`,
  body: '',
  ...over,
});

describe('judgeOutcome', () => {
  const deny = call({ kind: 'deny', layer: 'network' });

  it('passes a deny expectation only on that layer, this caller and this service', () => {
    expect(judgeOutcome(deny, denied()).passed).toBe(true);
    expect(judgeOutcome(deny, denied({ layer: 'service' })).passed).toBe(false);
    expect(judgeOutcome(deny, denied({ principal: 'anonymous' })).passed).toBe(false);
    expect(
      judgeOutcome(
        deny,
        denied({ resource: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0ffffffffffffffff/' }),
      ).passed,
    ).toBe(false);
    expect(judgeOutcome(deny, denied({ resource: `${SERVICE}/admin` })).passed).toBe(false);
  });

  it(
    'fails closed: unreachable, timeouts, http errors, signature refusals ' +
      'and credential failures never satisfy a deny',
    () => {
      const others: Outcome[] = [
        { kind: 'unreachable', code: 'ETIMEDOUT', message: '' },
        { kind: 'unreachable', code: 'ECONNREFUSED', message: '' },
        { kind: 'http-error', status: 403, body: 'Forbidden' },
        { kind: 'http-error', status: 503, body: '' },
        { kind: 'signature-rejected', status: 403, code: 'InvalidSignatureException', message: '' },
        { kind: 'credentials-failed', role: 'r', code: 'AccessDenied', message: '', transient: false },
        { kind: 'allowed', status: 200, body: '' },
      ];
      for (const outcome of others) expect(judgeOutcome(deny, outcome)).toMatchObject({ passed: false });
    },
  );

  it("names the session in the role's partition", () => {
    const gov = {
      ...deny,
      caller: { ...deny.caller, roleArn: 'arn:aws-us-gov:iam::444444444444:role/lattice-invoker' },
    } as PlannedCall;
    expect(
      judgeOutcome(
        gov,
        denied({ principal: 'arn:aws-us-gov:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c' }),
      ).passed,
    ).toBe(true);
    expect(judgeOutcome(gov, denied()).passed).toBe(false);
  });

  it('checks explicit when the expectation names it', () => {
    expect(judgeOutcome(call({ kind: 'deny', layer: 'network', explicit: true }), denied()).passed).toBe(false);
    expect(
      judgeOutcome(call({ kind: 'deny', layer: 'network', explicit: true }), denied({ explicit: true })).passed,
    ).toBe(true);
  });

  it('checks status and body of an allow', () => {
    const allow = call({ kind: 'allow', status: 200, body: '"Lattice Success!"' });
    expect(judgeOutcome(allow, { kind: 'allowed', status: 200, body: '"Lattice Success!"' }).passed).toBe(true);
    expect(judgeOutcome(allow, { kind: 'allowed', status: 200, body: 'Lattice Success!' }).passed).toBe(false);
    expect(judgeOutcome(allow, { kind: 'allowed', status: 201, body: '"Lattice Success!"' }).passed).toBe(false);
    expect(judgeOutcome(allow, denied()).passed).toBe(false);
    // A body cut at the cap is only the start of what came: it is not the body expected, whatever it starts with.
    expect(
      judgeOutcome(allow, { kind: 'allowed', status: 200, body: '"Lattice Success!"', truncated: true }),
    ).toMatchObject({ passed: false, reason: 'expected body "\\"Lattice Success!\\"", got a body cut at the cap' });
    expect(
      judgeOutcome(call({ kind: 'allow', status: 200 }), { kind: 'allowed', status: 200, body: 'x', truncated: true })
        .passed,
    ).toBe(true);
  });
});
