import type { PolicyCoverage } from '../../harness/check/coverage';
import type { Explanation } from '../../harness/check/types';
import { callId, type ReportDoc, type ReportResult } from '../../harness/report/reportData';

const DENIAL =
  'AccessDeniedException: User: arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c' +
  ' is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ' +
  'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0/ because no network-based policy allows' +
  ' the vpc-lattice-svcs:Invoke action';

/** What a call of the generated run is: most pass; some fail, are flaky, or pass against check's prediction. */
export type Kind = 'passed' | 'failed' | 'flaky' | 'disagrees';

/** Every 50th call fails, every 97th is flaky, every 131st passes but differs from check's prediction. */
export function kindOf(i: number): Kind {
  if (i % 50 === 7) return 'failed';
  if (i % 97 === 5) return 'flaky';
  if (i % 131 === 3) return 'disagrees';
  return 'passed';
}

/** A check explanation of the size the scenario command gives (the bulk of a call's embedded data). */
const explanation: Explanation = {
  caller: { name: 'outsider-c', principal: 'arn:aws:sts::444444444444:assumed-role/r/s', account: '444444444444' },
  sourceVpc: { id: 'vpc-c', account: '444444444444', address: '127.0.0.12', matchedBy: 'address' },
  service: { name: 'parking', arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0' },
  network: { name: 'guarded-network', arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0' },
  sourceOrgIdMode: 'principal' as Explanation['sourceOrgIdMode'],
  layers: [
    {
      layer: 'network',
      authType: 'AWS_IAM',
      subject: 'service network guarded-network',
      files: ['scenarios/worlds/demo/network-org-guardrail.json'],
      decision: 'ImplicitDeny',
      statements: [
        {
          index: 0,
          sid: 'AllowOrg',
          effect: 'Allow',
          applies: false,
          mismatch: 'condition',
          conditions: [
            {
              operator: 'StringEquals',
              key: 'aws:SourceOrgID',
              requestValue: null,
              policyValues: ['o-a1b2c3d4e5'],
              matched: false,
            },
          ],
        },
      ],
    },
  ],
  notes: [],
};

/** The i-th call of a generated run: 20 scenarios, 6 callers, 4 services. */
export function generatedResult(i: number): ReportResult {
  const kind = kindOf(i);
  const denied = i % 2 === 1;
  const observed = denied
    ? ({
        kind: 'denied',
        layer: 'network',
        explicit: false,
        principal: 'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c',
        resource: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0/',
        body: DENIAL,
      } as const)
    : ({ kind: 'allowed', status: 200, body: '"Lattice Success!"' } as const);
  return {
    scenario: `scenario-${i % 20}`,
    name: `call-${i}`,
    caller: `caller-${i % 6}`,
    service: `service-${i % 4}`,
    request: { method: 'POST', path: '/' },
    expected: denied ? { kind: 'deny', layer: 'network' } : { kind: 'allow', status: 200 },
    observed: kind === 'failed' ? { kind: 'unreachable', code: 'ETIMEDOUT', message: 'timed out' } : observed,
    passed: kind !== 'failed',
    status: kind === 'disagrees' ? 'passed' : kind,
    attempts: kind === 'flaky' ? 2 : 1,
    retried: kind === 'flaky' ? ['unreachable'] : [],
    ...(kind === 'failed' && { reason: 'expected the call to be allowed, observed unreachable' }),
    durationMs: 10 + (i % 90),
    prediction: denied
      ? { kind: 'denied', layer: 'network', explicit: false, principal: 'p', resource: 'r', message: DENIAL }
      : { kind: 'allowed', status: 200 },
    matchesPrediction: kind !== 'disagrees' && kind !== 'failed',
    explanation,
  };
}

/** A generated run's JSON report of `total` calls, its coverage naming every call (one statement decided each). */
export function generatedReport(total: number): ReportDoc {
  const results = Array.from({ length: total }, (_, i) => generatedResult(i));
  const n = (status: string) => results.filter((r) => r.status === status).length;
  const ids = results.map(callId);
  const coverage: PolicyCoverage = {
    statements: [
      {
        layer: 'network',
        subject: 'service network guarded-network',
        file: 'scenarios/worlds/demo/network-org-guardrail.json',
        index: 0,
        sid: 'AllowOrg',
        effect: 'Allow',
        decided: ids,
        notApplied: [],
        conditions: [
          { operator: 'StringEquals', key: 'aws:SourceOrgID', policyValues: ['o-a1'], matched: ids, notMatched: [] },
        ],
      },
    ],
    covered: 1,
    total: 1,
    percent: 100,
  };
  return {
    schemaVersion: 1,
    environment: 'local',
    startedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 600_000,
    summary: { total, passed: n('passed'), failed: n('failed'), flaky: n('flaky') },
    results,
    coverage,
  };
}
