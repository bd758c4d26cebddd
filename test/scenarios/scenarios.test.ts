// `npm run test:scenarios`: every scenarios/*.ts as vitest tests, one per scenario × call, run
// through the harness against LATTICE_E2E_ENV (default `local`, the embedded world). Vitest's own
// filters (-t), reporters (--reporter=junit …) and watch mode apply.
import { isAbsolute, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { formatOutcome } from '../../harness/classify/outcome';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { formatExpectation } from '../../harness/judge/judgeOutcome';
import { clipText, responseText } from '../../harness/classify/outcome';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { DEFAULT_RETRY } from '../../harness/run/backoff';
import { Redactor } from '../../harness/run/Redactor';
import { runCall, type CallDeps, type CallResult } from '../../harness/run/runCall';
import { projectRoot } from '../support/paths';
import { openEnvironment, planOnce, planScenarios, type OpenEnvironment, type ScenarioTarget } from './planScenarios';

const dirVar = process.env.LATTICE_E2E_SCENARIOS_DIR;
const target: ScenarioTarget = {
  env: process.env.LATTICE_E2E_ENV || 'local',
  dir: dirVar ? (isAbsolute(dirVar) ? dirVar : resolve(projectRoot, dirVar)) : join(projectRoot, 'scenarios'),
};

// Vitest declares tests from what this module registers when it is loaded, so the plan (which
// needs the environment's callers and services) is built here, before any describe().
const planned = await planOnce(target, process.env);

/** The environment the calls run against, opened once for the file; the calls are re-resolved against it. */
let live: { open: OpenEnvironment; calls: Map<string, PlannedCall>; deps: CallDeps } | undefined;

beforeAll(async () => {
  const open = await openEnvironment(target, process.env);
  const redactor = new Redactor();
  const plan = await planScenarios(target.dir, open.env);
  live = { open, calls: new Map(plan.calls.map((c) => [c.id, c])), deps: { credentials: createCredentialSource(open.env, { onCredentials: (c) => redactor.add(c.secretAccessKey, c.sessionToken) }), redactor } };
});

afterAll(async () => {
  await live?.open.close();
});

/** Expected versus observed as an assertion failure: vitest prints the message and the two side by side. */
function expectationFailed(r: CallResult): Error {
  const expected = formatExpectation(r.call.expect);
  const observed = clipText(formatOutcome(r.outcome), 500);
  const lines = [
    `${r.verdict.reason ?? 'the expectation did not hold'}`,
    `  expected: ${expected}`,
    `  observed: ${observed}`,
    `  attempts: ${r.attempts}${r.retried.length > 0 ? ` (retried: ${r.retried.join(', ')})` : ''}`,
    `  response: ${clipText(responseText(r.outcome), 2000)}`,
  ];
  const error = Object.assign(new Error(lines.join('\n')), { name: 'AssertionError', expected, actual: observed, showDiff: true });
  Error.captureStackTrace(error, expectationFailed); // point at the test, not at this function
  return error;
}

/** Long enough for every retry of a call that times out, plus assuming its role. */
const callTimeout = (env: ResolvedEnvironment) => env.timeoutMs * DEFAULT_RETRY.maxAttempts + 30_000;

const byScenario = new Map<string, PlannedCall[]>();
for (const call of planned.calls) byScenario.set(call.scenario, [...(byScenario.get(call.scenario) ?? []), call]);

for (const [scenario, calls] of byScenario) {
  describe.concurrent(scenario, () => {
    for (const { id, name } of calls) {
      it(
        name,
        async ({ annotate }) => {
          if (!live) throw new Error(`the ${target.env} environment was not opened`);
          const call = live.calls.get(id);
          if (!call) throw new Error(`"${id}" is no longer in the plan (a scenario file changed while loading)`);
          const result = await runCall(call, live.open.env, live.deps);
          if (result.status === 'flaky') await annotate(`flaky: held after ${result.attempts} attempts (retried: ${result.retried.join(', ')})`, 'warning');
          if (result.status === 'failed') throw expectationFailed(result);
        },
        callTimeout(planned.environment),
      );
    }
  });
}
