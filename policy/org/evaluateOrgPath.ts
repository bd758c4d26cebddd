import { evaluatePolicy } from '../evaluatePolicy';
import type { Decision, EvalRequest } from '../types';
import type { LevelExplanation, OrgPath, PolicyTypeExplanation } from './types';

/**
 * SCPs or RCPs down an organization's tree. "To allow a permission for a specific account, there
 * must be an explicit Allow statement at every level from the root through each OU in the direct
 * path to the account (including the target account itself)"; "if any SCP at any level denies a
 * permission, it is denied" (Organizations User Guide, SCP evaluation,
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html,
 * "How SCPs work with Allow" and "How SCPs work with Deny"; RCPs are evaluated the same way).
 * So a level whose policies hold only Deny statements (FullAWSAccess detached) denies everything.
 */
export function evaluateOrgPath(type: 'scp' | 'rcp', path: OrgPath, request: EvalRequest): PolicyTypeExplanation {
  const levels: LevelExplanation[] = path.levels.map((level) => {
    const evaluations = level.policies.map((policy) => evaluatePolicy(policy, request));
    const decisions = evaluations.map((e) => e.decision);
    const decision: Decision = decisions.includes('ExplicitDeny')
      ? 'ExplicitDeny'
      : decisions.includes('Allow')
        ? 'Allow'
        : 'ImplicitDeny';
    return { id: level.id, decision, evaluations };
  });
  if (levels.length === 0) {
    return { type, decision: 'ImplicitDeny', levels, note: 'no level given: an organization always has a root' };
  }
  const explicit = levels.find((l) => l.decision === 'ExplicitDeny');
  if (explicit) return { type, decision: 'ExplicitDeny', levels, note: `explicit deny at ${explicit.id}` };
  const missing = levels.find((l) => l.decision === 'ImplicitDeny');
  if (missing) {
    const note = `no ${type.toUpperCase()} allows the action at ${missing.id}`;
    return { type, decision: 'ImplicitDeny', levels, note };
  }
  return { type, decision: 'Allow', levels };
}
