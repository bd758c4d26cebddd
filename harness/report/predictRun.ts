import type { WorldSpec } from '../../world';
import { checkPlan } from '../check/checkPlan';
import { relative } from 'node:path';
import { policyCoverage, relativeCoverage, type PolicyCoverage } from '../check/coverage';
import { localCheckEnvironment } from '../check/localCheckEnvironment';
import type { Explanation, Prediction } from '../check/types';
import { resolvePlan } from '../resolve/resolvePlan';
import type { Plan, PlannedCall } from '../resolve/types';

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
  // Calls alike in all check reads are predicted once: a run of many calls has few kinds of call.
  const { representatives, representativeOf } = groupAlikeCalls(worldPlan.calls);
  const report = checkPlan({ ...worldPlan, calls: representatives }, world, { now, policyFiles: world.policyFiles });
  if (report.calls.some((c) => c.error)) return undefined;
  const checked = new Map(report.calls.map((c) => [c.call, c]));
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
  const insightOf = new Map<PlannedCall, CallInsight>();
  for (const call of worldPlan.calls) {
    const c = checked.get(representativeOf(call))!;
    if (!ids.has(call.id) || !c.prediction || !c.explanation) continue;
    const known = insightOf.get(c.call);
    if (known) {
      byCallId.set(call.id, known);
      continue;
    }
    const { credentials } = c.explanation;
    const explanation = intern({
      ...c.explanation,
      ...(credentials && { credentials: { ...credentials, files: credentials.files.map((f) => relative(cwd, f)) } }),
      layers: c.explanation.layers.map((l) => ({ ...l, files: l.files.map((f) => relative(cwd, f)) })),
    });
    const insight = { prediction: c.prediction, explanation, expectationAgrees: c.agrees };
    insightOf.set(c.call, insight);
    byCallId.set(call.id, insight);
  }
  const explained = [...byCallId].map(([id, insight]) => ({ id, explanation: insight.explanation }));
  const coverage = policyCoverage(world, explained);
  return { byCallId, coverage: relativeCoverage(coverage, cwd) };
}

/**
 * Calls grouped by what a prediction reads (caller, service, request, expectation: everything but
 * the call's id, scenario and name), the first of each group standing for it.
 */
function groupAlikeCalls(calls: PlannedCall[]): {
  representatives: PlannedCall[];
  representativeOf: (call: PlannedCall) => PlannedCall;
} {
  const texts = new WeakMap<object, string>();
  const textOf = (value: object) => {
    let text = texts.get(value);
    if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
    return text;
  };
  const byKey = new Map<string, PlannedCall>();
  const of = new Map<PlannedCall, PlannedCall>();
  for (const call of calls) {
    let key: string;
    try {
      key = [textOf(call.caller), textOf(call.service), textOf(call.request), textOf(call.expect)].join('\n');
    } catch {
      // Not serialisable: a group of its own.
      key = `id ${call.id}`;
    }
    const first = byKey.get(key) ?? call;
    byKey.set(key, first);
    of.set(call, first);
  }
  return { representatives: [...byKey.values()], representativeOf: (call) => of.get(call)! };
}
