import { evaluatePolicy } from './evaluatePolicy';
import type { EvalRequest, Policy } from './types';

/**
 * Whether a role's trust policy, which allows `request`, would also let in another principal of
 * the caller's account: then it trusts the account (its root, its ID, or everyone) rather than the
 * caller by name, and IAM also wants the caller's own identity policy to allow the call.
 */
export function trustsWholeAccount(trustPolicy: Policy, request: EvalRequest, account: string): boolean {
  const someoneElse = {
    kind: 'aws' as const,
    arn: `arn:aws:iam::${account}:user/another-principal-of-this-account`,
    account,
  };
  return evaluatePolicy(trustPolicy, { ...request, principal: someoneElse }).decision === 'Allow';
}
