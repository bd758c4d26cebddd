import { describe, expect, it } from 'vitest';
import type { Explanation, Prediction } from '../../harness/check/types';
import type { Outcome } from '../../harness/classify/outcome';
import type { CallInsight, RunInsights } from '../../harness/report/predictRun';
import { createResultLog } from '../../harness/report/createResultLog';
import { htmlReporter } from '../../harness/reporters/htmlReporter';
import type { Expectation, Plan } from '../../harness/resolve/types';
import type { CallResult, CallStatus } from '../../harness/run/runCall';
import type { RunResults } from '../../harness/run/runPlan';
import { callResult, NETWORK_DENIAL, OUTSIDER, planOf, plannedCall, SERVICE_ARN } from '../reporters/results';

/** Texts a careless writer gets wrong: C0, C1, bidi, zero-width, lone surrogates, a pair, markup, quotes. */
const TRICKY = 'ok \x1b[31m\r\n\u0085 \u202eevil\u202c \u200b\ud800 \udc00 é 🚀 </script><b>&amp;</b> "q" \'s\' \\';

const ALLOW: Expectation = { kind: 'allow', status: 200 };
const DENY: Expectation = { kind: 'deny', layer: 'network' };

interface Spec {
  scenario: string;
  name: string;
  caller: string;
  service?: string;
  method?: string;
  path?: string;
  expect: Expectation;
  outcome: Outcome;
  status: CallStatus;
  over?: Partial<CallResult>;
}

const denied = (body: string): Outcome => ({
  kind: 'denied',
  layer: 'network',
  explicit: false,
  principal: OUTSIDER,
  resource: `${SERVICE_ARN}/`,
  body,
});

/** Calls of several scenarios, callers and services, interleaved: no matrix cell is a run of consecutive calls. */
const SPECS: Spec[] = [
  {
    scenario: 'in-org',
    name: 'consumer-b',
    caller: 'consumer-b',
    expect: ALLOW,
    status: 'passed',
    outcome: { kind: 'allowed', status: 200, body: TRICKY },
  },
  {
    scenario: 'out-of-org',
    name: 'outsider-c',
    caller: 'outsider-c',
    expect: DENY,
    status: 'passed',
    outcome: denied(NETWORK_DENIAL),
  },
  {
    scenario: 'in-org',
    name: 'spots',
    caller: 'consumer-b',
    method: 'GET',
    path: '/spots?x=<1>',
    expect: ALLOW,
    status: 'flaky',
    outcome: { kind: 'allowed', status: 200, body: '[]', truncated: true },
    over: { attempts: 3, retried: ['unreachable', 'http-error'], durationMs: 2500 },
  },
  {
    scenario: 'out-of-org',
    name: `evil ${TRICKY}`,
    caller: `outsider-c ${TRICKY}`,
    service: 'billing',
    expect: DENY,
    status: 'failed',
    outcome: { kind: 'unreachable', code: 'ETIMEDOUT', message: `timed out ${TRICKY}` },
  },
  {
    scenario: 'in-org',
    name: 'bad gateway',
    caller: 'consumer-b',
    expect: ALLOW,
    status: 'failed',
    outcome: { kind: 'http-error', status: 502, body: TRICKY },
    over: { consistentAfterMs: 1500 },
  },
  {
    scenario: 'out-of-org',
    name: 'signature',
    caller: 'outsider-c',
    expect: DENY,
    status: 'failed',
    outcome: { kind: 'signature-rejected', status: 403, code: 'InvalidSignatureException', message: TRICKY },
  },
  {
    scenario: 'in-org',
    name: 'no role',
    caller: 'consumer-b',
    service: 'billing',
    expect: ALLOW,
    status: 'failed',
    outcome: { kind: 'credentials-failed', role: 'r', code: 'AccessDenied', message: TRICKY, transient: false },
  },
  {
    scenario: `scn ${TRICKY}`,
    name: 'relay',
    caller: 'consumer-b',
    expect: ALLOW,
    status: 'failed',
    outcome: { kind: 'relay-failed', relay: 'arn:r', reason: 'invoke-failed', message: TRICKY, transient: false },
    over: { model: { agrees: false, predicted: 'denied by network', reason: TRICKY } },
  },
  {
    scenario: 'in-org',
    name: 'never ran',
    caller: 'consumer-b',
    expect: ALLOW,
    status: 'passed',
    outcome: { kind: 'allowed', status: 200, body: 'x' },
  },
  {
    scenario: 'out-of-org',
    name: 'explicit',
    caller: 'outsider-c',
    expect: { ...DENY, explicit: true },
    status: 'passed',
    outcome: { ...denied(TRICKY), explicit: true } as Outcome,
  },
];

function resultOf(spec: Spec): CallResult {
  const call = plannedCall(spec.scenario, spec.name, spec.caller, spec.expect);
  call.caller = { ...call.caller, name: spec.caller };
  if (spec.service) call.service = { ...call.service, name: spec.service };
  call.request = { ...call.request, method: spec.method ?? 'POST', path: spec.path ?? '/' };
  return callResult(call, spec.outcome, spec.status, spec.over);
}

const explanation: Explanation = {
  caller: { name: 'outsider-c', principal: `${OUTSIDER} ${TRICKY}`, account: '444444444444' },
  sourceVpc: { id: 'vpc-c', account: '444444444444', address: '127.0.0.12', matchedBy: 'address' },
  service: { name: 'parking', arn: SERVICE_ARN },
  network: { name: `guarded ${TRICKY}`, arn: 'arn:n' },
  sourceOrgIdMode: 'strict' as Explanation['sourceOrgIdMode'],
  layers: [
    {
      layer: 'network',
      authType: 'AWS_IAM',
      subject: 'service network guarded-network',
      files: ['scenarios/worlds/demo/network-org-guardrail.json'],
      decision: 'ImplicitDeny',
      note: TRICKY,
      statements: [
        {
          index: 0,
          sid: TRICKY,
          effect: 'Allow',
          applies: false,
          mismatch: 'condition',
          detail: TRICKY,
          conditions: [
            {
              operator: 'StringEquals',
              key: 'aws:SourceOrgID',
              requestValue: null,
              policyValues: [TRICKY],
              matched: false,
              note: TRICKY,
            },
          ],
        },
      ],
    },
  ],
  notes: [TRICKY],
};

const predicted: Prediction = {
  kind: 'denied',
  layer: 'network',
  explicit: false,
  principal: OUTSIDER,
  resource: SERVICE_ARN,
  message: 'm',
};

/** check's insights for some of the calls (one prediction the observation contradicts) and a coverage. */
function insightsFor(results: CallResult[]): RunInsights {
  const byCallId = new Map<string, CallInsight>();
  const at = (i: number, prediction: Prediction) =>
    byCallId.set(results[i].call.id, { prediction, explanation, expectationAgrees: true });
  at(1, predicted);
  at(3, { kind: 'unreachable', code: 'NOT_ASSOCIATED', message: TRICKY });
  at(0, { kind: 'allowed', status: 200 });
  at(5, predicted);
  const statement = {
    layer: 'network' as const,
    subject: `service network ${TRICKY}`,
    file: `net ${TRICKY}.json`,
    index: 0,
    sid: TRICKY,
    effect: 'Allow' as const,
    decided: [results[0].call.id, results[3].call.id],
    notApplied: [],
    conditions: [
      { operator: 'StringEquals', key: 'aws:SourceOrgID', policyValues: [TRICKY], matched: [TRICKY], notMatched: [] },
    ],
  };
  const uncovered = { ...statement, index: 1, sid: undefined, effect: 'Deny' as const, decided: [], file: undefined };
  return { byCallId, coverage: { statements: [statement, uncovered], covered: 1, total: 2, percent: 50 } };
}

/** The page the html reporter writes for these results, its start time fixed, in the pieces it wrote. */
async function page(plan: Plan, results: RunResults, insights: RunInsights | undefined, error?: string) {
  const pieces: string[] = [];
  const reporter = htmlReporter(
    { write: (text: string) => pieces.push(text) },
    { stdio: false, insights: () => insights },
  );
  await reporter.onBegin?.(plan);
  if (error) await reporter.onError?.({ message: error });
  let [passed, failed, flaky] = [0, 0, 0];
  for (const r of results) r.status === 'passed' ? passed++ : r.status === 'failed' ? failed++ : flaky++;
  await reporter.onEnd?.({ results, passed, failed, flaky, durationMs: 4321 });
  const text = pieces.join('').replace(/20\d\d-\d\d-\d\dT[\d:.]+Z/g, '2026-12-01T00:00:00.000Z');
  return { text, pieces };
}

/** The run's results in memory, in plan order, and the same results in a result log where they landed otherwise. */
function bothWays(all: CallResult[], ran: number[], landing: number[]) {
  const plan = planOf(all);
  const log = createResultLog(plan);
  for (const i of landing) log.add(i, all[i]);
  return { plan, inMemory: ran.map((i) => all[i]), log };
}

describe('the html reporter reading a result log', () => {
  const all = SPECS.map(resultOf);
  const ran = all.map((_, i) => i).filter((i) => i !== 8);
  const landing = [...ran].reverse();

  it('writes the page byte for byte as from the results in memory (insights, an error, a call not run)', async () => {
    const { plan, inMemory, log } = bothWays(all, ran, landing);
    try {
      const insights = insightsFor(all);
      const error = `internal error ${TRICKY}`;
      const expected = await page(plan, inMemory, insights, error);
      const streamed = await page(plan, log.results, insights, error);
      expect(streamed.text).toBe(expected.text);
      // The page as it was rendered whole from the results in memory (the reporter before it read a result log).
      await expect(expected.text).toMatchFileSnapshot('./__snapshots__/htmlFromResultLog.page.snap');
      // Every hostile text is escaped; the data keeps it exactly, lone surrogates included.
      expect(streamed.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u0085\u202e\u200b]/);
      expect(streamed.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(streamed.text).toContain('🚀');
      const json = streamed.text.match(/<script type="application\/json" id="report-data">([^<]*)<\/script>/)![1]!;
      const data = JSON.parse(json).report;
      expect(data.results).toHaveLength(ran.length);
      expect(data.results[0].observed.body).toBe(TRICKY);
      expect(data.errors).toEqual([{ message: error }]);
      expect(streamed.text.match(/<tr id="call-\d+" /g)).toHaveLength(ran.length);
    } finally {
      log.dispose();
    }
  });

  it('writes the same page without insights, and for a run of no calls', async () => {
    const { plan, inMemory, log } = bothWays(all, ran, landing);
    const none = createResultLog(plan);
    try {
      expect((await page(plan, log.results, undefined)).text).toBe((await page(plan, inMemory, undefined)).text);
      expect((await page(plan, none.results, undefined)).text).toBe((await page(plan, [], undefined)).text);
    } finally {
      log.dispose();
      none.dispose();
    }
  });
});
