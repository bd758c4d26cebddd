import { invokeResource } from './invokeResource';
import type { DenialSource } from '../accessDeniedTexts';
import type { Decision, EvalRequest, Principal } from '../types';
import { buildInvokeContext } from './buildInvokeContext';
import { evaluateAuthLayer, evaluateIdentityLayer } from './evaluateLayer';
import { evaluateInvokeGuardrails } from './evaluateInvokeGuardrails';
import { formatAccessDenied, INVOKE_ACTION } from './formatAccessDenied';
import type { GuardrailExplanation, InvokeAuthInput, InvokeAuthResult, InvokeLayer, LayerExplanation } from './types';

/**
 * The order in which a refusal is named, explicit denies first, then implicit ones: IAM's
 * evaluation order (RCPs, SCPs, resource-based, identity-based, boundary, session; IAM User Guide,
 * "policy evaluation logic"), with Lattice's two resource-based layers in the order seen (network
 * before service). Which one AWS names when several refuse is undocumented beyond "only one"
 * (*guess*, lattice-behaviour.md §2).
 */
const ORDER: readonly DenialSource[] = ['rcp', 'scp', 'network', 'service', 'identity', 'boundary', 'session'];

const LAYER_OF: Record<DenialSource, InvokeLayer> = {
  rcp: 'organization',
  scp: 'organization',
  network: 'network',
  service: 'service',
  identity: 'identity',
  boundary: 'boundary',
  session: 'session',
};

/**
 * Decides a `vpc-lattice-svcs:Invoke` as Lattice does: every applicable layer (service network,
 * service, and the caller's identity policies for a signed caller) must allow, an explicit deny
 * anywhere wins; a signed caller is also bounded by its organization's SCPs, its permissions
 * boundary and its session policies (`guardrails`). The refusal named follows `ORDER`.
 */
export function authorizeInvoke(input: InvokeAuthInput): InvokeAuthResult {
  const context = buildInvokeContext(input);
  const resource = invokeResource(input.service.arn, input.request.path);
  const { caller } = input;
  const principal: Principal =
    caller.kind === 'iam'
      ? { kind: 'aws', arn: caller.arn, account: caller.account, roleArn: caller.roleArn }
      : { kind: 'anonymous' };
  const request: EvalRequest = { principal, action: INVOKE_ACTION, resource, context };

  const network = evaluateAuthLayer('network', input.network.authType, input.network.policy, request);
  const service = evaluateAuthLayer('service', input.service.authType, input.service.policy, request);
  const identity = resolveIdentityStep(input, request);
  const explanation: LayerExplanation[] = [network, service, identity];
  const whyNot = identity.decision === 'NotApplicable' ? identity.note : undefined;
  const guardrails = evaluateInvokeGuardrails(input, request, whyNot);

  const refusal = findRefusal(explanation, guardrails);
  if (!refusal) return { allowed: true, context, explanation, guardrails };
  const principalName = caller.kind === 'iam' ? caller.arn : 'anonymous';
  const layer = LAYER_OF[refusal.source];
  const { source, explicit } = refusal;
  const message = formatAccessDenied({ principal: principalName, resource, layer, explicit, source });
  return { allowed: false, layer, source, explicit, message, context, explanation, guardrails };
}

function resolveIdentityStep(input: InvokeAuthInput, request: EvalRequest): LayerExplanation {
  if (input.caller.kind === 'anonymous') {
    return { layer: 'identity', decision: 'NotApplicable', note: 'anonymous caller: no identity-based policy step' };
  }
  if (input.network.authType === 'NONE' && input.service.authType === 'NONE') {
    return {
      layer: 'identity',
      decision: 'NotApplicable',
      note: 'auth type NONE on both the service network and the service',
    };
  }
  return evaluateIdentityLayer(input.caller.identityPolicies, request);
}

function findRefusal(
  explanation: readonly LayerExplanation[],
  guardrails: readonly GuardrailExplanation[],
): { source: DenialSource; explicit: boolean } | undefined {
  const bySource = new Map<DenialSource, Decision | 'NotApplicable'>([
    ...explanation.map((e) => [e.layer, e.decision] as const),
    ...guardrails.map((g) => [g.policyType, g.decision] as const),
  ]);
  const explicit = ORDER.find((source) => bySource.get(source) === 'ExplicitDeny');
  if (explicit) return { source: explicit, explicit: true };
  const implicit = ORDER.find((source) => bySource.get(source) === 'ImplicitDeny');
  if (implicit) return { source: implicit, explicit: false };
  return undefined;
}
