import { evaluatePolicy } from '../evaluatePolicy';
import type { EvalRequest, Policy } from '../types';

/**
 * How a resource-based policy's Allow reaches the caller, which decides what else may limit it in
 * the same account (IAM User Guide, policy evaluation logic, "Resource-based policies"):
 * - `principal`: a statement names the caller itself, an IAM user ARN or the role session ARN;
 *   `"*"` and `{"AWS": "*"}` count as naming it (*guess*: the page does not cover them);
 * - `role`: only through the ARN of the session's role;
 * - `account`: only through the account (its ID or root ARN);
 * - `none`: no statement allows.
 */
export type ResourceGrant = 'principal' | 'role' | 'account' | 'none';

/** Not an account ID nor an ARN: names nobody. */
const NOBODY = 'nobody';

export function classifyResourceGrant(policy: Policy, request: EvalRequest): ResourceGrant {
  const principal = request.principal;
  if (principal?.kind !== 'aws') return 'none';
  // Deny statements are settled elsewhere; a synthetic principal must not trip a NotPrincipal Deny.
  const allows: Policy = { ...policy, statements: policy.statements.filter((s) => s.effect === 'Allow') };
  const allowsFor = (p: EvalRequest['principal']) =>
    evaluatePolicy(allows, { ...request, principal: p }).decision === 'Allow';
  if (!allowsFor(principal)) return 'none';
  if (allowsFor({ kind: 'aws', arn: principal.arn, account: NOBODY })) return 'principal';
  const { roleArn } = principal;
  if (roleArn !== undefined && allowsFor({ kind: 'aws', arn: NOBODY, account: NOBODY, roleArn })) return 'role';
  return 'account';
}
