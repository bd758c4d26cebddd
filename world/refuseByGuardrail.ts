import { authorizeRequest, type EvalRequest } from '../policy';
import { ASSUME_ROLE_SOURCES, type DenialSource } from '../policy/accessDeniedTexts';
import type { AuthorizationResult } from '../policy/org/types';
import type { CompiledRole, CompiledWorld } from './compileWorld';
import type { RefusingPolicy } from './decideAssumeRole';
import type { SigningPrincipal } from './describePrincipal';
import { findGuardrailDecider, type SessionPolicy } from './findGuardrailDecider';
import { WorldMemo } from './WorldMemo';

/**
 * IAM's whole evaluation for the AssumeRole (authorizeRequest): when it names an SCP, RCP,
 * boundary or session policy, that refusal and the policy that decided it. A refusal by the trust
 * policy or the identity policy is left to the checks above, whose texts name no policy type.
 */
export function refuseByGuardrail(
  world: CompiledWorld,
  caller: SigningPrincipal,
  role: CompiledRole,
  request: EvalRequest,
): { denial: { source: DenialSource; explicit: boolean }; decidedBy?: RefusingPolicy } | undefined {
  const account = caller.kind === 'user' ? caller.user.spec.account : caller.role.spec.account;
  const memo = WorldMemo.of(world);
  const scp = memo.orgLevels(account, 'scp');
  const rcp = memo.orgLevels(role.spec.account, 'rcp');
  const scpLevels = memo.guardrailLevels(account, 'scp');
  const rcpLevels = memo.guardrailLevels(role.spec.account, 'rcp');
  const boundary = caller.kind === 'user' ? caller.user.boundary : caller.role.boundary;
  const session: SessionPolicy[] = caller.kind === 'session' ? (caller.sessionPolicies ?? []) : [];
  const identity = caller.kind === 'user' ? caller.user.identityPolicies : caller.role.identityPolicies;
  const result: AuthorizationResult = authorizeRequest({
    request,
    principal: {
      identityPolicies: identity.map((p) => p.policy),
      ...(boundary && { permissionsBoundary: boundary.policy }),
      ...(session.length > 0 && { sessionPolicies: session.map((p) => p.policy) }),
      ...(scpLevels && { scp: scpLevels }),
    },
    resource: {
      account: role.spec.account,
      policy: role.trustPolicy.policy,
      required: true,
      ...(rcpLevels && { rcp: rcpLevels }),
    },
  });
  if (result.allowed) return undefined;
  const source = result.deniedBy as DenialSource;
  if (!ASSUME_ROLE_SOURCES.includes(source)) return undefined;
  const type = source as 'scp' | 'rcp' | 'boundary' | 'session';
  const verdict = result.explanation.find((e) => e.type === type)!;
  const decider = findGuardrailDecider(type, verdict, { scp, rcp, boundary, session }, request);
  const decidedBy = decider && { ...decider, request };
  return { denial: { source, explicit: result.explicit }, ...(decidedBy && { decidedBy }) };
}
