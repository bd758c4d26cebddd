import type { WorldSpec } from '../../world';
import { checkPlan } from '../check/checkPlan';
import { relative } from 'node:path';
import { policyCoverage, relativeCoverage, type PolicyCoverage } from '../check/coverage';
import { localCheckEnvironment } from '../check/localCheckEnvironment';
import type { Explanation, Prediction } from '../check/types';
import { resolvePlan } from '../resolve/resolvePlan';
import type { Plan } from '../resolve/types';

/** What check predicts for one call of a run, and why. */
export interface CallInsight {
  prediction: Prediction;
  explanation: Explanation;
  /** Whether the scenario's expectation agrees with the prediction. */
  expectationAgrees: boolean;
}

/** Predictions for a run's calls (by call id) and the policy coverage they give. */
export interface RunInsights {
  byCallId: Map<string, CallInsight>;
  coverage: PolicyCoverage;
}

export interface RunSelection {
  dir: string;
  all: boolean;
  names: string[];
}

/**
 * Predicts every call of a run from the world its environment runs or mirrors, offline, as `check`
 * does: the same scenarios planned against the world's own callers and services, matched to the
 * run's calls by id. Undefined when the environment has no world or the world cannot predict (a
 * policy that does not parse: `check` says why).
 */
export async function predictRun(
  plan: Plan,
  selection: RunSelection,
  options: { now?: Date; cwd?: string } = {},
): Promise<RunInsights | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? new Date();
  const world: WorldSpec | undefined = plan.environment.world;
  if (!world) return undefined;
  const checkEnv = localCheckEnvironment(world);
  const worldPlan = await resolvePlan(selection, checkEnv);
  const report = checkPlan(worldPlan, world, { now, policyFiles: world.policyFiles });
  if (report.calls.some((c) => c.error)) return undefined;
  const ids = new Set(plan.calls.map((c) => c.id));
  const byCallId = new Map<string, CallInsight>();
  // Calls of one caller to one service mostly share one explanation: one copy each, however many calls.
  const shared = new Map<string, Explanation>();
  const intern = (explanation: Explanation) => {
    const key = JSON.stringify(explanation);
    const known = shared.get(key);
    if (known) return known;
    shared.set(key, explanation);
    return explanation;
  };
  for (const c of report.calls) {
    if (!ids.has(c.call.id) || !c.prediction || !c.explanation) continue;
    const { credentials } = c.explanation;
    const explanation = intern({
      ...c.explanation,
      ...(credentials && { credentials: { ...credentials, files: credentials.files.map((f) => relative(cwd, f)) } }),
      layers: c.explanation.layers.map((l) => ({ ...l, files: l.files.map((f) => relative(cwd, f)) })),
    });
    byCallId.set(c.call.id, { prediction: c.prediction, explanation, expectationAgrees: c.agrees });
  }
  const explained = [...byCallId].map(([id, insight]) => ({ id, explanation: insight.explanation }));
  const coverage = policyCoverage(world, explained);
  return { byCallId, coverage: relativeCoverage(coverage, cwd) };
}
