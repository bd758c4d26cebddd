import { authorizeRequest, buildGlobalContext, evaluatePolicy, type EvalRequest } from '../policy';
import {
  DENIAL_PHRASES,
  formatNotAuthorized,
  LAMBDA_INVOKE_ACTION,
  RESOURCE_POLICY_PHRASES,
  type DenialSource,
} from '../policy/accessDeniedTexts';
import { principalPolicies } from '../policy/lattice/evaluateInvokeGuardrails';
import type { PolicyTypeExplanation } from '../policy/org/types';
import { relaySubject, roleSubject, userSubject, type CompiledRelay, type CompiledWorld } from './compileWorld';
import type { RefusingPolicy } from './decideAssumeRole';
import { principalOf, type SigningPrincipal } from './describePrincipal';
import { findGuardrailDecider } from './findGuardrailDecider';
import type { RequestFacts } from './requestContext';
import { WorldMemo } from './WorldMemo';

/** The Lambda actions on a function the local world authorizes: Invoke, and the reads of import and drift. */
export type LambdaFunctionAction = 'lambda:InvokeFunction' | 'lambda:GetFunctionConfiguration' | 'lambda:GetPolicy';

/**
 * A Lambda request on a function: who signs it, the function (its unqualified ARN), the action (default
 * `lambda:InvokeFunction`) and the request's own facts.
 */
export interface LambdaInvokeRequest extends RequestFacts {
  caller: SigningPrincipal;
  functionArn: string;
  action?: LambdaFunctionAction;
}

export type LambdaInvokeDecision =
  | { kind: 'allowed'; request: EvalRequest }
  | {
      kind: 'refused';
      /** The policy type the refusal names (`resource`: the function's resource-based policy). */
      source: DenialSource | 'resource';
      explicit: boolean;
      /** Lambda's AccessDeniedException message. */
      message: string;
      request: EvalRequest;
      decidedBy?: RefusingPolicy;
    };

/**
 * May this principal invoke this function (or read it: `action`), as IAM's evaluation logic decides
 * `lambda:InvokeFunction` (the one
 * engine, `authorizeRequest`): an explicit deny anywhere refuses; the caller's SCPs (and its account's RCPs where
 * they cover Lambda) must allow; in the function's account, the identity policies or the function's resource
 * policy allow (a resource policy naming the caller escapes its identity policies), within the caller's
 * permissions boundary and session policies; from another account, both must allow. A function the world does
 * not have has no resource policy. The refusal names one policy type, as AWS does.
 */
export function decideLambdaInvoke(world: CompiledWorld, invoke: LambdaInvokeRequest): LambdaInvokeDecision {
  const memo = WorldMemo.of(world);
  const action = invoke.action ?? LAMBDA_INVOKE_ACTION;
  const caller = memo.invokeCaller(invoke.caller);
  const account = invoke.functionArn.split(':')[4] ?? '';
  const relay = world.relays.find((r) => r.spec.arn === invoke.functionArn);
  const org = memo.organization(account);
  const request: EvalRequest = {
    principal: principalOf(caller),
    action,
    resource: invoke.functionArn,
    // Invoke is an ordinary signed AWS API request: the global keys of STS's (the table's API column), no tags.
    context: buildGlobalContext('assume-role', {
      caller,
      resource: { account, ...(org && { orgId: org.orgId, orgPaths: org.orgPaths }) },
      request: {
        time: invoke.now,
        sourceIp: invoke.sourceIp,
        secureTransport: invoke.secure,
        region: invoke.region,
        ...(invoke.userAgent !== undefined && { userAgent: invoke.userAgent }),
      },
    }),
  };
  const rcp = memo.guardrailLevels(account, 'rcp');
  const result = authorizeRequest({
    request,
    principal: principalPolicies(caller),
    resource: {
      account,
      ...(relay?.policy && { policy: relay.policy.policy }),
      ...(rcp && { rcp: { levels: rcp.levels, isManagementAccount: rcp.isManagementAccount } }),
    },
  });
  if (result.allowed) return { kind: 'allowed', request };
  const source = result.deniedBy as DenialSource | 'resource';
  // Lambda's AccessDeniedException: IAM's documented form, naming the one policy type that refused.
  const phrases = source === 'resource' ? RESOURCE_POLICY_PHRASES : DENIAL_PHRASES[source];
  const tail = result.explicit ? phrases.explicit : phrases.implicit(action);
  const message = `${formatNotAuthorized(caller.arn, action, invoke.functionArn)} ${tail}`;
  const verdict = result.explanation.find((e) => e.type === result.deniedBy)!;
  const decidedBy = refusingPolicy(world, invoke.caller, verdict, relay, request);
  return { kind: 'refused', source, explicit: result.explicit, message, request, ...(decidedBy && { decidedBy }) };
}

/** The policy to show for the refusal: the function's policy, the caller's identity policy, or a guardrail's. */
function refusingPolicy(
  world: CompiledWorld,
  caller: SigningPrincipal,
  verdict: PolicyTypeExplanation,
  relay: CompiledRelay | undefined,
  request: EvalRequest,
): RefusingPolicy | undefined {
  if (verdict.type === 'resource') {
    const subject = relay ? `${relaySubject(relay.spec)} resource policy` : `function ${request.resource}`;
    if (!relay?.policy) return { subject, note: 'the function has no resource-based policy', request };
    return { subject, policy: relay.policy.policy, evaluation: evaluatePolicy(relay.policy.policy, request), request };
  }
  const principal = caller.kind === 'user' ? caller.user : caller.role;
  if (verdict.type === 'identity') {
    const owner = caller.kind === 'user' ? userSubject(caller.user.spec) : roleSubject(caller.role.spec);
    const subject = `${owner} identity policy`;
    const evaluated = principal.identityPolicies.map((p) => ({ p, evaluation: evaluatePolicy(p.policy, request) }));
    const shown = evaluated.find((e) => e.evaluation.decision === 'ExplicitDeny') ?? evaluated[0];
    if (!shown) return { subject, note: 'no identity-based policy is attached', request };
    return { subject, policy: shown.p.policy, evaluation: shown.evaluation, request };
  }
  const memo = WorldMemo.of(world);
  const sources = {
    scp: memo.orgLevels(principal.spec.account, 'scp'),
    rcp: memo.orgLevels(request.resource?.split(':')[4] ?? '', 'rcp'),
    boundary: principal.boundary,
    session: caller.kind === 'session' ? (caller.sessionPolicies ?? []) : [],
  };
  const decider = findGuardrailDecider(verdict.type, verdict, sources, request);
  return decider && { ...decider, request };
}
