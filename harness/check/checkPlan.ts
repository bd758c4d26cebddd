import type { WorldSpec } from '../../world';
import type { Outcome } from '../classify/outcome';
import { judgeOutcome } from '../judge/judgeOutcome';
import type { Expectation, PlannedCall, Plan } from '../resolve/types';
import { compileWorld, WorldPolicyError } from '../../world';
import { lintWorld } from './lint/lintWorld';
import { predictCall, type PredictOptions } from './predictCall';
import type { CallCheck, CheckReport, Prediction } from './types';

/** A prediction as the observation judgeOutcome takes. */
function asOutcome(prediction: Prediction): Outcome {
  switch (prediction.kind) {
    case 'allowed':
      return { kind: 'allowed', status: prediction.status ?? 200, body: prediction.body ?? '' };
    case 'denied': {
      const { layer, explicit, principal, resource, message } = prediction;
      return { kind: 'denied', layer, explicit, principal, resource, body: message };
    }
    case 'unreachable':
      return { kind: 'unreachable', code: prediction.code, message: prediction.message };
    case 'credentials-failed':
      return {
        kind: 'credentials-failed',
        role: prediction.role,
        code: prediction.code,
        message: prediction.message,
        transient: false,
      };
    case 'relay-failed':
      return { ...prediction, transient: false };
  }
}

/** The expectation without what the prediction cannot know (a target's status or body the world does not fix). */
function comparable(expect: Expectation, prediction: Prediction): { expect: Expectation; notCompared?: string } {
  if (expect.kind !== 'allow' || prediction.kind !== 'allowed') return { expect };
  const left: string[] = [];
  const { status, body, bodyIncludes } = expect;
  const kept: Expectation = { kind: 'allow' };
  if (status !== undefined) prediction.status === undefined ? left.push(`status ${status}`) : (kept.status = status);
  if (body !== undefined)
    prediction.body === undefined ? left.push(`body ${JSON.stringify(body)}`) : (kept.body = body);
  if (bodyIncludes !== undefined)
    prediction.body === undefined
      ? left.push(`body including ${JSON.stringify(bodyIncludes)}`)
      : (kept.bodyIncludes = bodyIncludes);
  return left.length > 0
    ? { expect: kept, notCompared: `${left.join(', ')}: the target's answer is not predicted` }
    : { expect: kept };
}

/** Judges a call's expectation against its prediction, as a run judges it against an observation. */
export function judgePrediction(
  call: PlannedCall,
  prediction: Prediction,
): Pick<CallCheck, 'agrees' | 'reason' | 'notCompared'> {
  const { expect, notCompared } = comparable(call.expect, prediction);
  const verdict = judgeOutcome({ ...call, expect }, asOutcome(prediction));
  return {
    agrees: verdict.passed,
    ...(verdict.reason !== undefined && { reason: verdict.reason }),
    ...(notCompared !== undefined && { notCompared }),
  };
}

/**
 * Checks a plan against a world offline: every call's prediction and explanation, whether the
 * scenario's expectation agrees with it, and the world's policies linted. When a policy of the
 * world does not parse, nothing can be predicted: the lint names it and every call says why.
 */
export function checkPlan(plan: Plan, world: WorldSpec, options: PredictOptions = {}): CheckReport {
  const lint = lintWorld(world, { policyFiles: options.policyFiles });
  let unusable: string | undefined;
  try {
    compileWorld(world);
  } catch (error) {
    if (!(error instanceof WorldPolicyError)) throw error;
    unusable = `a policy of the world is invalid: ${error.message}`;
  }
  const now = options.now ?? new Date();
  const calls: CallCheck[] = plan.calls.map((call) => {
    if (unusable) return { call, agrees: false, error: unusable };
    const { prediction, explanation } = predictCall(call, world, { ...options, now });
    return { call, prediction, explanation, ...judgePrediction(call, prediction) };
  });
  const agree = calls.filter((c) => c.agrees).length;
  return {
    calls,
    lint,
    summary: {
      total: calls.length,
      agree,
      disagree: calls.length - agree,
      lintErrors: lint.filter((f) => f.severity === 'error').length,
      lintWarnings: lint.filter((f) => f.severity === 'warning').length,
    },
  };
}
