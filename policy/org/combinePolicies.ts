import { evaluatePolicy } from '../evaluatePolicy';
import { LazyEvaluation } from '../LazyEvaluation';
import type { Decision, EvalRequest, Evaluation, Policy } from '../types';

/**
 * Several policies of one type taken together: an explicit deny in any wins, else one allowing is
 * enough, else an implicit deny. Statements are numbered across the policies in order, and the
 * trace is built on first read, as `evaluatePolicy` does.
 */
export function combinePolicies(policies: readonly Policy[], request: EvalRequest): Evaluation {
  const evaluations = policies.map((policy) => evaluatePolicy(policy, request));
  const decisions = evaluations.map((e) => e.decision);
  const decision: Decision = decisions.includes('ExplicitDeny')
    ? 'ExplicitDeny'
    : decisions.includes('Allow')
      ? 'Allow'
      : 'ImplicitDeny';
  return new LazyEvaluation(decision, () => {
    let offset = 0;
    return evaluations.flatMap((e, i) => {
      const base = offset;
      offset += policies[i]!.statements.length;
      return e.statements.map((s) => ({ ...s, index: s.index + base }));
    });
  });
}
