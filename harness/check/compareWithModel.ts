import type { WorldSpec } from '../../world';
import { formatOutcome, type Outcome } from '../classify/outcome';
import type { PlannedCall, ResolvedEnvironment } from '../resolve/types';
import { localCheckEnvironment } from './localCheckEnvironment';
import { predictCall } from './predictCall';
import type { Prediction } from './types';

/** How a call's observation compares with the world as code's prediction of it. */
export interface ModelCheck {
  agrees: boolean;
  /** The predicted outcome, in the words a run uses (`denied by network`, `allowed 200`...). */
  predicted: string;
  /** Why it disagrees, or why nothing could be predicted. */
  reason?: string;
}

function describePrediction(p: Prediction): string {
  switch (p.kind) {
    case 'allowed':
      return `allowed${p.status === undefined ? '' : ` ${p.status}`}`;
    case 'denied':
      return `denied by ${p.layer}${p.explicit ? ' (explicit deny)' : ''}`;
    case 'unreachable':
      return `unreachable (${p.code})`;
    case 'credentials-failed':
      return `credentials-failed (${p.code})`;
    case 'relay-failed':
      return `relay-failed (${p.reason})`;
  }
}

/** The decision of an outcome and a prediction, compared: kind, and for a denial its layer and explicitness. */
function sameDecision(p: Prediction, o: Outcome): boolean {
  if (p.kind !== o.kind) return false;
  if (p.kind === 'denied' && o.kind === 'denied') return p.layer === o.layer && p.explicit === o.explicit;
  if (p.kind === 'allowed' && o.kind === 'allowed') return p.status === undefined || p.status === o.status;
  return true;
}

/**
 * Compares what AWS answered with what the world an environment mirrors predicts for the same
 * call: the caller and the service of the same names in the world, the same listener. A
 * disagreement is drift between the accounts and the world as code, or AWS behaviour the model lacks.
 */
export function createModelComparer(
  world: WorldSpec,
  now: () => Date,
): (call: PlannedCall, outcome: Outcome) => ModelCheck {
  const modelEnv: ResolvedEnvironment = localCheckEnvironment(world);
  return (call, outcome) => {
    const caller = modelEnv.callers[call.caller.name];
    const service = modelEnv.services[call.service.name];
    const missing = !caller ? `caller "${call.caller.name}"` : !service ? `service "${call.service.name}"` : undefined;
    if (missing) return { agrees: false, predicted: 'nothing', reason: `the world ${world.name} has no ${missing}` };
    const url = new URL(service.url);
    url.protocol = call.service.url.protocol;
    url.port = call.service.url.port;
    if (service.customDomainName && call.service.url.hostname === call.service.customDomainName)
      url.hostname = service.customDomainName;
    const { prediction } = predictCall({ ...call, caller, service: { ...service, url } }, world, { now: now() });
    const predicted = describePrediction(prediction);
    if (sameDecision(prediction, outcome)) return { agrees: true, predicted };
    return {
      agrees: false,
      predicted,
      reason: `AWS answered ${formatOutcome(outcome)}; the world as code predicts ${predicted}`,
    };
  };
}
