import type { EvalRequest } from '../types';
import { combinePolicies } from './combinePolicies';
import { evaluateOrgPath } from './evaluateOrgPath';
import { serviceOf } from './orgSettings';
import type { OrgSettings, PolicyTypeExplanation, PrincipalPolicies, ResourcePolicies } from './types';

const SCPS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html';
const RCPS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html';

/**
 * The SCPs of the principal's account. "SCPs affect only IAM users and roles that are managed by
 * accounts that are part of the organization"; not restricted: "any action performed by the
 * management account" and "any action performed by service-linked roles" (SCPs page, "Tasks and
 * entities not restricted by SCPs").
 */
export function evaluateScps(principal: PrincipalPolicies, request: EvalRequest): PolicyTypeExplanation {
  if (!principal.scp) return { type: 'scp', decision: 'NotApplicable', note: 'the account is not in an organization' };
  if (principal.scp.isManagementAccount) {
    return notApplicable('scp', `the management account is not restricted by SCPs (${SCPS})`);
  }
  if (principal.isServiceLinkedRole) {
    return notApplicable('scp', `service-linked roles are not restricted by SCPs (${SCPS})`);
  }
  return evaluateOrgPath('scp', principal.scp, request);
}

/**
 * The RCPs of the resource's account: only for the services RCPs support (a setting); not for
 * resources in the management account nor for actions by service-linked roles (RCPs page, "Tasks
 * and entities not restricted by RCPs").
 */
export function evaluateRcps(
  resource: ResourcePolicies,
  principal: PrincipalPolicies,
  request: EvalRequest,
  settings: OrgSettings,
): PolicyTypeExplanation {
  if (!resource.rcp) {
    return notApplicable('rcp', "the resource's account is not in an organization");
  }
  const service = serviceOf(request.action);
  if (!settings.rcpServices.includes(service)) {
    return { type: 'rcp', decision: 'NotApplicable', note: `RCPs do not cover ${service} (setting rcpServices)` };
  }
  if (resource.rcp.isManagementAccount) {
    return notApplicable('rcp', `resources of the management account are not restricted by RCPs (${RCPS})`);
  }
  if (principal.isServiceLinkedRole) {
    return notApplicable('rcp', `service-linked roles are not restricted by RCPs (${RCPS})`);
  }
  return evaluateOrgPath('rcp', resource.rcp, request);
}

/**
 * The permissions boundary: "the entity can perform only the actions that are allowed by both its
 * identity-based policies and its permissions boundaries" (IAM User Guide, policy evaluation logic,
 * "Evaluating identity-based policies with permissions boundaries").
 */
export function evaluateBoundary(principal: PrincipalPolicies, request: EvalRequest): PolicyTypeExplanation {
  if (!principal.permissionsBoundary) {
    return notApplicable('boundary', 'no permissions boundary');
  }
  const evaluation = combinePolicies([principal.permissionsBoundary], request);
  return { type: 'boundary', decision: evaluation.decision, evaluation };
}

/**
 * Session policies: "the resulting session's permissions are the intersection of the IAM entity's
 * identity-based policy and the session policies"; "if there is no session policy, the code checks
 * whether the principal is a role session. If the principal is a role session, then the request is
 * Allowed" (policy evaluation logic, "Session policies"). Only a session has them.
 */
export function evaluateSessionPolicies(principal: PrincipalPolicies, request: EvalRequest): PolicyTypeExplanation {
  const policies = principal.sessionPolicies ?? [];
  if (policies.length === 0) {
    return notApplicable('session', 'no session policy was passed');
  }
  if (!isRoleSession(request)) {
    return notApplicable('session', 'session policies apply to sessions only; the principal is not one');
  }
  const evaluation = combinePolicies(policies, request);
  return { type: 'session', decision: evaluation.decision, evaluation, note: `${policies.length} session policies` };
}

/** The identity-based policies of the principal, together. */
export function evaluateIdentity(principal: PrincipalPolicies, request: EvalRequest): PolicyTypeExplanation {
  if (principal.identityPolicies.length === 0) {
    return { type: 'identity', decision: 'ImplicitDeny', note: 'the principal has no identity-based policy' };
  }
  const evaluation = combinePolicies(principal.identityPolicies, request);
  return { type: 'identity', decision: evaluation.decision, evaluation };
}

/** An assumed-role session: an AWS principal that carries its role's ARN. */
export function isRoleSession(request: EvalRequest): boolean {
  return request.principal?.kind === 'aws' && request.principal.roleArn !== undefined;
}

function notApplicable(type: PolicyTypeExplanation['type'], note: string): PolicyTypeExplanation {
  return { type, decision: 'NotApplicable', note };
}
