import { evaluateBoundary, evaluateRcps, evaluateScps, evaluateSessionPolicies } from '../org/evaluateGuardrails';
import { DEFAULT_ORG_SETTINGS } from '../org/orgSettings';
import type { PolicyTypeExplanation, PrincipalPolicies, ResourcePolicies } from '../org/types';
import type { EvalRequest } from '../types';
import type { GuardrailExplanation, InvokeAuthInput, InvokeCaller } from './types';

const LAYER_OF = { scp: 'organization', rcp: 'organization', boundary: 'boundary', session: 'session' } as const;
type GuardrailType = keyof typeof LAYER_OF;
const TYPES: readonly GuardrailType[] = ['scp', 'rcp', 'boundary', 'session'];

/**
 * What bounds a signed caller's Invoke besides Lattice's auth policies: the SCPs of its account,
 * the RCPs of the service owner's account (only if RCPs cover vpc-lattice-svcs: by default they do
 * not), its permissions boundary and its session policies. They apply when the identity step does
 * (a signed caller, some layer AWS_IAM); else each is NotApplicable with `whyNot`.
 *
 * Lattice always wants the identity policy to allow (lattice-behaviour.md §1), so IAM's same-account
 * rule that a resource-based policy naming the session escapes the boundary and session policies
 * is not applied: they always bound the caller (*guess*: Lattice does not say).
 */
export function evaluateInvokeGuardrails(
  input: InvokeAuthInput,
  request: EvalRequest,
  whyNot?: string,
): GuardrailExplanation[] {
  if (whyNot !== undefined || input.caller.kind !== 'iam') {
    const note = whyNot ?? 'anonymous caller';
    return TYPES.map((type) => ({ layer: LAYER_OF[type], policyType: type, decision: 'NotApplicable', note }));
  }
  const principal = principalPolicies(input.caller);
  const resource: ResourcePolicies = {
    account: accountOfArn(input.service.arn),
    ...(input.service.rcpLevels && {
      rcp: { levels: input.service.rcpLevels, isManagementAccount: input.service.inManagementAccount },
    }),
  };
  const explanations: PolicyTypeExplanation[] = [
    evaluateScps(principal, request),
    evaluateRcps(resource, principal, request, input.orgSettings ?? DEFAULT_ORG_SETTINGS),
    evaluateBoundary(principal, request),
    input.caller.principalType === 'User' && principal.sessionPolicies
      ? { type: 'session', decision: 'NotApplicable', note: 'an IAM user signing with its keys has no session policy' }
      : evaluateSessionPolicies(principal, request),
  ];
  return explanations.map((e) => {
    const type = e.type as GuardrailType;
    const out: GuardrailExplanation = { layer: LAYER_OF[type], policyType: type, decision: e.decision };
    if (e.evaluation) out.evaluation = e.evaluation;
    if (e.levels) out.levels = e.levels;
    if (e.note !== undefined) out.note = e.note;
    return out;
  });
}

/** The caller's side of IAM's evaluation of a request it signs: identity and session policies, boundary, SCPs. */
export function principalPolicies(caller: InvokeCaller): PrincipalPolicies {
  return {
    identityPolicies: caller.identityPolicies,
    ...(caller.boundary && { permissionsBoundary: caller.boundary }),
    ...(caller.sessionPolicies && { sessionPolicies: caller.sessionPolicies }),
    ...(caller.scpLevels && { scp: { levels: caller.scpLevels, isManagementAccount: caller.isManagementAccount } }),
    ...(caller.isServiceLinkedRole !== undefined && { isServiceLinkedRole: caller.isServiceLinkedRole }),
  };
}

/** The account part of an ARN (`arn:aws:vpc-lattice:<region>:<account>:...`). */
function accountOfArn(arn: string): string {
  return arn.split(':')[4] ?? '';
}
