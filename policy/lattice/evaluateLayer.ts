import { evaluatePolicy } from '../evaluatePolicy';
import { LazyEvaluation } from '../LazyEvaluation';
import type { Decision, EvalRequest, Evaluation, Policy } from '../types';
import type { AuthType, Layer, LayerExplanation } from './types';

/**
 * A service network or service layer: `NONE` lets everything through (its policy, if any, is
 * inactive); `AWS_IAM` without a policy denies everything; otherwise its policy decides.
 */
export function evaluateAuthLayer(
  layer: Exclude<Layer, 'identity'>,
  authType: AuthType,
  policy: Policy | undefined,
  request: EvalRequest,
): LayerExplanation {
  if (authType === 'NONE') {
    return {
      layer,
      authType,
      decision: 'NotApplicable',
      note: `auth type NONE${policy ? ': the policy is inactive' : ''}`,
    };
  }
  if (!policy)
    return {
      layer,
      authType,
      decision: 'ImplicitDeny',
      note: 'auth type AWS_IAM with no auth policy denies every request',
    };
  const evaluation = evaluatePolicy(policy, request);
  return { layer, authType, decision: evaluation.decision, evaluation };
}

/**
 * The caller's identity-based policies, taken together: an explicit deny in any wins, else one
 * must allow. Statements are numbered across the policies in order.
 */
export function evaluateIdentityLayer(policies: readonly Policy[], request: EvalRequest): LayerExplanation {
  if (policies.length === 0) {
    return { layer: 'identity', decision: 'ImplicitDeny', note: 'the caller has no identity-based policy' };
  }
  const evaluations = policies.map((policy) => evaluatePolicy(policy, request));
  const decisions = evaluations.map((e) => e.decision);
  const decision: Decision = decisions.includes('ExplicitDeny')
    ? 'ExplicitDeny'
    : decisions.includes('Allow')
      ? 'Allow'
      : 'ImplicitDeny';
  const counts = policies.map((p) => p.statements.length);
  const offsets = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
  const ranges = counts.map((n, i) => `policy ${i + 1}: statements ${offsets[i]}-${offsets[i]! + n - 1}`);
  const evaluation: Evaluation = new LazyEvaluation(decision, () =>
    evaluations.flatMap((e, i) => e.statements.map((s) => ({ ...s, index: s.index + offsets[i]! }))),
  );
  return {
    layer: 'identity',
    decision,
    evaluation,
    note: `${policies.length} identity-based policies (${ranges.join('; ')})`,
  };
}
