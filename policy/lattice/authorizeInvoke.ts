import type { EvalRequest, Principal } from '../types';
import { buildInvokeContext } from './buildInvokeContext';
import { evaluateAuthLayer, evaluateIdentityLayer } from './evaluateLayer';
import { formatAccessDenied, INVOKE_ACTION } from './formatAccessDenied';
import type { InvokeAuthInput, InvokeAuthResult, Layer, LayerExplanation } from './types';

const ORDER: readonly Layer[] = ['network', 'service', 'identity'];

/**
 * Decides a `vpc-lattice-svcs:Invoke` as Lattice does: every applicable layer (service network,
 * service, and the caller's identity policies for a signed caller) must allow, an explicit deny
 * anywhere wins. The refusing layer named is the first explicit deny in the order network,
 * service, identity, else the first implicit deny in that order.
 */
export function authorizeInvoke(input: InvokeAuthInput): InvokeAuthResult {
  const context = buildInvokeContext(input);
  const resource = `${input.service.arn}/${input.request.path.replace(/^\//, '')}`;
  const { caller } = input;
  const principal: Principal =
    caller.kind === 'iam' ? { kind: 'aws', arn: caller.arn, account: caller.account, roleArn: caller.roleArn } : { kind: 'anonymous' };
  const request: EvalRequest = { principal, action: INVOKE_ACTION, resource, context };

  const network = evaluateAuthLayer('network', input.network.authType, input.network.policy, request);
  const service = evaluateAuthLayer('service', input.service.authType, input.service.policy, request);
  const explanation: LayerExplanation[] = [network, service, resolveIdentityStep(input, request)];

  const refusal = findRefusal(explanation);
  if (!refusal) return { allowed: true, context, explanation };
  const principalName = caller.kind === 'iam' ? caller.arn : 'anonymous';
  const message = formatAccessDenied({ principal: principalName, resource, layer: refusal.layer, explicit: refusal.explicit });
  return { allowed: false, layer: refusal.layer, explicit: refusal.explicit, message, context, explanation };
}

function resolveIdentityStep(input: InvokeAuthInput, request: EvalRequest): LayerExplanation {
  if (input.caller.kind === 'anonymous') {
    return { layer: 'identity', decision: 'NotApplicable', note: 'anonymous caller: no identity-based policy step' };
  }
  if (input.network.authType === 'NONE' && input.service.authType === 'NONE') {
    return { layer: 'identity', decision: 'NotApplicable', note: 'auth type NONE on both the service network and the service' };
  }
  return evaluateIdentityLayer(input.caller.identityPolicies, request);
}

function findRefusal(explanation: readonly LayerExplanation[]): { layer: Layer; explicit: boolean } | undefined {
  const byLayer = new Map(explanation.map((e) => [e.layer, e.decision]));
  const explicit = ORDER.find((layer) => byLayer.get(layer) === 'ExplicitDeny');
  if (explicit) return { layer: explicit, explicit: true };
  const implicit = ORDER.find((layer) => byLayer.get(layer) === 'ImplicitDeny');
  if (implicit) return { layer: implicit, explicit: false };
  return undefined;
}
