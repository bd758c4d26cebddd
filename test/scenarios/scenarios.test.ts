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
import {
  localWorlds,
  openEnvironment,
  planOnce,
  planScenarios,
  type OpenEnvironment,
  type ScenarioTarget,
} from './planScenarios';

const dirVar = process.env.LATTICE_E2E_SCENARIOS_DIR;
const envName = process.env.LATTICE_E2E_ENV || 'local';
const dir = dirVar ? (isAbsolute(dirVar) ? dirVar : resolve(projectRoot, dirVar)) : join(projectRoot, 'scenarios');
// The embedded local world runs each world of the folder in turn; another environment names its own.
const targets: ScenarioTarget[] =
  envName === 'local'
    ? localWorlds(dir, process.env).map((world) => ({ env: envName, dir, world }))
    : [{ env: envName, dir }];

/** The environment a target's calls run against, opened once; the calls are re-resolved against it. */
interface Live {
  open: OpenEnvironment;
  calls: Map<string, PlannedCall>;
  deps: CallDeps;
}

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
  const error = Object.assign(new Error(lines.join('\n')), {
    name: 'AssertionError',
    expected,
    actual: observed,
    showDiff: true,
  });
  Error.captureStackTrace(error, expectationFailed); // point at the test, not at this function
  return error;
}

/** Long enough for every retry of a call that times out, plus assuming its role. */
const callTimeout = (env: ResolvedEnvironment) => env.timeoutMs * DEFAULT_RETRY.maxAttempts + 30_000;

for (const target of targets) {
  // Vitest declares tests from what this module registers when it is loaded, so the plan (which
  // needs the environment's callers and services) is built here, before any describe().
  const planned = await planOnce(target, process.env);
  const byScenario = new Map<string, PlannedCall[]>();
  for (const call of planned.calls) byScenario.set(call.scenario, [...(byScenario.get(call.scenario) ?? []), call]);
  let live: Live | undefined;
  describe(target.world ? `world ${target.world}` : `environment ${target.env}`, () => {
    beforeAll(async () => {
      const open = await openEnvironment(target, process.env);
      const redactor = new Redactor();
      const plan = await planScenarios(target.dir, open.env);
      const credentials = createCredentialSource(open.env, {
        onCredentials: (c) => redactor.add(c.secretAccessKey, c.sessionToken),
      });
      live = { open, calls: new Map(plan.calls.map((c) => [c.id, c])), deps: { credentials, redactor } };
    });
    afterAll(async () => {
      await live?.open.close();
    });
    declareScenarios(byScenario, planned.environment, () => live, target);
  });
}

function declareScenarios(
  byScenario: Map<string, PlannedCall[]>,
  environment: ResolvedEnvironment,
  getLive: () => Live | undefined,
  target: ScenarioTarget,
): void {
  for (const [scenario, calls] of byScenario) {
    describe.concurrent(scenario, () => {
      for (const { id, name } of calls) {
        it(
          name,
          async ({ annotate }) => {
            const live = getLive();
            if (!live) throw new Error(`the ${target.env} environment was not opened`);
            const call = live.calls.get(id);
            if (!call) throw new Error(`"${id}" is no longer in the plan (a scenario file changed while loading)`);
            const result = await runCall(call, live.open.env, live.deps);
            if (result.status === 'flaky')
              await annotate(
                `flaky: held after ${result.attempts} attempts (retried: ${result.retried.join(', ')})`,
                'warning',
              );
            if (result.status === 'failed') throw expectationFailed(result);
          },
          callTimeout(environment),
        );
      }
    });
  }
}
