import { parsePolicy, PolicyError } from '../policy';
import type { CompiledWorld } from './compileWorld';
import type { SessionPolicy } from './findGuardrailDecider';

/** AssumeRole's `Policy` plaintext limit (STS API reference, AssumeRole, "Policy"). */
const MAX_POLICY_LENGTH = 2048;
/** AssumeRole's `PolicyArns` limit. */
const MAX_POLICY_ARNS = 10;

export type SessionPoliciesResult =
  | { kind: 'ok'; policies: SessionPolicy[] }
  | { kind: 'refused'; code: 'ValidationError' | 'MalformedPolicyDocument'; message: string };

/**
 * The session policies passed on AssumeRole: the inline `Policy` (JSON text, validated as an
 * identity policy) and the managed policies named by `PolicyArns` (customer managed policies of the
 * world). The codes and texts for a bad one are STS's documented error codes; the wording of the
 * unknown-ARN message is IAM's for a policy that does not exist (*guess* for STS).
 */
export function sessionPoliciesOf(
  world: CompiledWorld,
  policyText: string | undefined,
  policyArns: readonly string[] | undefined,
): SessionPoliciesResult {
  const policies: SessionPolicy[] = [];
  if (policyText !== undefined) {
    if (policyText.length > MAX_POLICY_LENGTH) {
      return {
        kind: 'refused',
        code: 'ValidationError',
        message:
          "1 validation error detected: Value at 'policy' failed to satisfy constraint: " +
          `Member must have length less than or equal to ${MAX_POLICY_LENGTH}`,
      };
    }
    let document: unknown;
    try {
      document = JSON.parse(policyText);
      const policy = parsePolicy(document, { kind: 'identity' });
      policies.push({ policy, source: document, label: 'inline session policy' });
    } catch (error) {
      if (!(error instanceof SyntaxError) && !(error instanceof PolicyError)) throw error;
      return { kind: 'refused', code: 'MalformedPolicyDocument', message: `The policy is not valid: ${error.message}` };
    }
  }
  const arns = policyArns ?? [];
  if (arns.length > MAX_POLICY_ARNS) {
    return {
      kind: 'refused',
      code: 'ValidationError',
      message:
        "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: " +
        `Member must have length less than or equal to ${MAX_POLICY_ARNS}`,
    };
  }
  for (const arn of arns) {
    const managed = world.managedPolicies.find((m) => m.arn === arn);
    if (!managed) {
      const message = `Policy ${arn} does not exist or is not attachable.`;
      return { kind: 'refused', code: 'ValidationError', message };
    }
    policies.push({ ...managed.policy, label: `managed session policy ${arn}` });
  }
  return { kind: 'ok', policies };
}
