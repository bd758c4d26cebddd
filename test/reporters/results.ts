import type { Outcome } from '../../harness/classify/outcome';
import type { Expectation, Plan, PlannedCall } from '../../harness/resolve/types';
import type { CallResult, CallStatus } from '../../harness/run/runCall';
import type { RunSummary } from '../../harness/run/runPlan';

export const SERVICE_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
export const OUTSIDER = 'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c';
export const NETWORK_DENIAL =
  `AccessDeniedException: User: ${OUTSIDER} is not authorized to perform: ` +
  `vpc-lattice-svcs:Invoke on resource: ${SERVICE_ARN}/ ` +
  'because no network-based policy allows the vpc-lattice-svcs:Invoke action';

/** A planned call of the parking service, as the resolve step would produce it. */
export function plannedCall(scenario: string, name: string, caller: string, expect: Expectation): PlannedCall {
  return {
    id: `${scenario} › ${name}`,
    scenario,
    name,
    caller: {
      kind: 'role',
      name: caller,
      roleArn: `arn:aws:iam::444444444444:role/lattice-invoker`,
      sessionName: `lattice-e2e-${caller}`,
      durationSeconds: 3600,
      sessionTags: {},
      signing: 'sigv4',
    },
    service: {
      name: 'parking',
      url: new URL('https://parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws/'),
      arn: SERVICE_ARN,
    },
    request: { method: 'POST', path: '/', headers: {}, query: {} },
    expect,
  };
}

export function callResult(
  call: PlannedCall,
  outcome: Outcome,
  status: CallStatus,
  over: Partial<CallResult> = {},
): CallResult {
  const reason = status === 'failed' ? `expected ${call.expect.kind}, observed ${outcome.kind}` : undefined;
  return {
    call,
    outcome,
    verdict: { passed: status !== 'failed', reason },
    status,
    attempts: 1,
    retried: [],
    durationMs: 12,
    ...over,
  };
}

export function planOf(results: CallResult[], environment = 'local'): Plan {
  return {
    environment: {
      name: environment,
      region: 'us-east-1',
      callers: {},
      services: {},
      credentials: { kind: 'chain' },
      resolve: {},
      timeoutMs: 10_000,
    },
    calls: results.map((r) => r.call),
  };
}

export function summaryOf(results: CallResult[], durationMs = 1234): RunSummary {
  const count = (status: CallStatus) => results.filter((r) => r.status === status).length;
  return { results, passed: count('passed'), failed: count('failed'), flaky: count('flaky'), durationMs };
}

/** A small run: two scenarios, one pass, one flaky pass, one failure. */
export function sampleRun() {
  const passed = callResult(
    plannedCall('in-org', 'consumer-b', 'consumer-b', { kind: 'allow', status: 200 }),
    { kind: 'allowed', status: 200, body: '"Lattice Success!"' },
    'passed',
  );
  const flaky = callResult(
    plannedCall('in-org', 'after-retry', 'consumer-b', { kind: 'allow' }),
    { kind: 'allowed', status: 200, body: '"Lattice Success!"' },
    'flaky',
    { attempts: 3, retried: ['unreachable', 'http-error'], durationMs: 2500 },
  );
  const failed = callResult(
    plannedCall('out-of-org', 'outsider-c', 'outsider-c', { kind: 'allow' }),
    {
      kind: 'denied',
      layer: 'network',
      explicit: false,
      principal: OUTSIDER,
      resource: `${SERVICE_ARN}/`,
      body: NETWORK_DENIAL,
    },
    'failed',
    { durationMs: 40 },
  );
  const results = [passed, flaky, failed];
  return { results, plan: planOf(results), summary: summaryOf(results) };
}

/** Collects what a reporter writes. */
export function sink() {
  const chunks: string[] = [];
  return {
    write: (text: string) => chunks.push(text),
    get text() {
      return chunks.join('');
    },
  };
}
