import { combinePolicies } from './combinePolicies';
import { classifyResourceGrant } from './classifyResourceGrant';
import {
  evaluateBoundary,
  evaluateIdentity,
  evaluateRcps,
  evaluateScps,
  evaluateSessionPolicies,
} from './evaluateGuardrails';
import { DEFAULT_ORG_SETTINGS } from './orgSettings';
import type { AuthorizationInput, AuthorizationResult, PolicyType, PolicyTypeExplanation } from './types';

/**
 * Decides a request as IAM's policy evaluation logic does, from every policy type that applies
 * (IAM User Guide, https://docs.aws.amazon.com/IAM/latest/UserGuide/ +
 * reference_policies_evaluation-logic_policy-eval-denyallow.html and
 * reference_policies_evaluation-logic-cross-account.html), in its order:
 *
 * 1. an explicit deny in any policy (RCP, SCP, resource-based, identity-based, boundary, session) denies;
 * 2. RCPs of the resource's account, then SCPs of the principal's account, must allow at every level;
 * 3. a resource-based policy that must allow (a role trust policy) is required;
 * 4. same account: a resource-based policy naming the caller itself (user or role session ARN)
 *    allows, whatever the identity, boundary and session policies say; one naming the session's role
 *    allows unless the boundary or a session policy implicitly denies;
 *    cross-account: the resource-based policy must allow;
 * 5. the identity-based policies must allow, then the permissions boundary, then the session policies.
 *
 * The type named for a denial is the first in that order (AWS names only one).
 * Not covered: federated user sessions (GetFederationToken), VPC endpoint policies, the root user.
 */
export function authorizeRequest(input: AuthorizationInput): AuthorizationResult {
  const { request, principal, resource } = input;
  if (request.principal?.kind !== 'aws') {
    throw new TypeError('authorizeRequest needs an AWS principal (a user or a role session)');
  }
  const settings = input.settings ?? DEFAULT_ORG_SETTINGS;
  const sameAccount = request.principal.account === resource.account;

  const rcp = evaluateRcps(resource, principal, request, settings);
  const scp = evaluateScps(principal, request);
  const resourceBased: PolicyTypeExplanation = resource.policy
    ? { type: 'resource', ...withDecision(combinePolicies([resource.policy], request)) }
    : { type: 'resource', decision: 'NotApplicable', note: 'the resource has no resource-based policy' };
  const identity = evaluateIdentity(principal, request);
  const boundary = evaluateBoundary(principal, request);
  const session = evaluateSessionPolicies(principal, request);
  const explanation = [rcp, scp, resourceBased, identity, boundary, session];
  const allow = (rule: string): AuthorizationResult => ({ allowed: true, rule, explanation });
  const deny = (deniedBy: PolicyType, explicit: boolean, rule: string): AuthorizationResult => ({
    allowed: false,
    deniedBy,
    explicit,
    rule,
    explanation,
  });

  const explicit = explanation.find((e) => e.decision === 'ExplicitDeny');
  if (explicit) return deny(explicit.type, true, 'an explicit deny in any policy overrides every allow');
  if (rcp.decision === 'ImplicitDeny') {
    return deny('rcp', false, 'every level of the resource account must have an RCP that allows');
  }
  if (scp.decision === 'ImplicitDeny') {
    return deny('scp', false, "every level of the principal's account must have an SCP that allows");
  }
  if (resource.required && resourceBased.decision !== 'Allow') {
    return deny('resource', false, 'a role trust policy must allow the principal explicitly');
  }

  const grant = resource.policy ? classifyResourceGrant(resource.policy, request) : 'none';
  if (sameAccount && grant === 'principal') {
    return allow('same account: a resource-based policy naming the caller escapes implicit denies elsewhere');
  }
  if (sameAccount && grant === 'role') {
    const limit = [boundary, session].find((e) => e.decision === 'ImplicitDeny');
    if (limit) return deny(limit.type, false, `a grant to the role is limited by the ${limit.type} policy`);
    return allow("same account: a resource-based policy naming the session's role, within boundary and session");
  }
  if (!sameAccount && resourceBased.decision !== 'Allow') {
    return deny('resource', false, 'cross-account: the resource-based policy must allow');
  }
  for (const step of [identity, boundary, session]) {
    if (step.decision === 'ImplicitDeny') return deny(step.type, false, `no ${step.type} policy allows the action`);
  }
  if (!sameAccount) return allow('cross-account: the resource-based policy and the identity side both allow');
  return allow('the identity-based policies allow, within the boundary and session policies');
}

function withDecision(
  evaluation: ReturnType<typeof combinePolicies>,
): Pick<PolicyTypeExplanation, 'decision' | 'evaluation'> {
  return { decision: evaluation.decision, evaluation };
}
