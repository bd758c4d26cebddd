import { startLocalWorld } from '../../../emulator/startLocalWorld';
import { predictCall } from '../../../harness/check/predictCall';
import type { Prediction } from '../../../harness/check/types';
import type { Outcome } from '../../../harness/classify/outcome';
import type { RequestConfig } from '../../../harness/config/types';
import { createCredentialSource } from '../../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../../harness/environments/localEnvironment';
import { resolveScenario } from '../../../harness/resolve/resolveScenario';
import type { PlannedCall, ResolvedEnvironment } from '../../../harness/resolve/types';
import { Redactor } from '../../../harness/run/Redactor';
import { runCall } from '../../../harness/run/runCall';
import { listenersOf, type WorldSpec } from '../../../world';
import { mapBounded } from '../../support/mapBounded';

/** What a prediction and an observation must share. */
export function shapeOfObserved(o: Outcome) {
  switch (o.kind) {
    case 'allowed':
      return { kind: o.kind, status: o.status, body: o.body };
    case 'denied':
      return {
        kind: o.kind,
        layer: o.layer,
        explicit: o.explicit,
        principal: o.principal,
        resource: o.resource,
        text: o.body,
      };
    case 'credentials-failed':
      return { kind: o.kind, role: o.role, code: o.code, message: o.message };
    case 'http-error':
      return { kind: o.kind, status: o.status, body: o.body };
    case 'relay-failed':
      return { kind: o.kind, relay: o.relay, reason: o.reason, message: o.message };
    default:
      return { kind: o.kind };
  }
}

export function shapeOfPredicted(p: Prediction, observed: Outcome) {
  switch (p.kind) {
    case 'allowed':
      // An echo target's body repeats the request: not predicted.
      return {
        kind: p.kind,
        status: p.status,
        body: p.body ?? (observed.kind === 'allowed' ? observed.body : undefined),
      };
    case 'denied':
      return {
        kind: p.kind,
        layer: p.layer,
        explicit: p.explicit,
        principal: p.principal,
        resource: p.resource,
        text: p.message,
      };
    case 'credentials-failed':
      return { kind: p.kind, role: p.role, code: p.code, message: p.message };
    case 'unreachable':
      return { kind: p.kind };
    case 'relay-failed':
      return { kind: p.kind, relay: p.relay, reason: p.reason, message: p.message };
  }
}

/** Every caller × service × listener × request of a world's local environment, as planned calls. */
export function plannedCalls(
  env: ResolvedEnvironment,
  spec: WorldSpec,
  requests: Record<string, RequestConfig>,
): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const service of spec.services) {
    for (const listener of listenersOf(service)) {
      for (const [label, request] of Object.entries(requests)) {
        const scenario = {
          service: service.name,
          listener: { protocol: listener.protocol, port: listener.port },
          request,
          calls: Object.keys(env.callers).map((caller) => ({
            caller,
            name: `${caller} ${listener.protocol}:${listener.port} ${label}`,
            expect: { allow: true },
          })),
        };
        calls.push(...resolveScenario(service.name, `${service.name}.ts`, scenario, env));
      }
    }
  }
  return calls;
}

export interface Comparison {
  calls: number;
  /** Of them, by callers that send through a relay. */
  relayCalls: number;
  mismatches: { call: string; observed: unknown; predicted: unknown }[];
  outcomes: string[];
}

const GUARDRAILS = 'service control policy|resource control policy|permissions boundary|session policy';
const GUARDRAIL_TEXT = new RegExp(`(?:an explicit deny in an? |because no )(${GUARDRAILS})`);
const GUARDRAIL_OF: Record<string, string> = {
  'service control policy': 'scp',
  'resource control policy': 'rcp',
  'permissions boundary': 'boundary',
  'session policy': 'session',
};

/** `credentials-failed`, and the guardrail STS named in its refusal (`credentials-failed scp explicit`), if one. */
function credentialsLabel(message: string | undefined): string {
  const match = message === undefined ? null : GUARDRAIL_TEXT.exec(message);
  if (!match) return 'credentials-failed';
  return `credentials-failed ${GUARDRAIL_OF[match[1]!]}${match[0].startsWith('an explicit') ? ' explicit' : ''}`;
}

/**
 * An outcome's label, `via relay ` before it when the request went out through a relay (neither the caller's
 * credentials nor the relay's Invoke failed): what the service answered a relay, or that it did not.
 */
function describeOutcome(o: Outcome, call: PlannedCall): string {
  const label =
    o.kind === 'denied'
      ? `denied ${o.layer}${o.explicit ? ' explicit' : ''}`
      : o.kind === 'credentials-failed'
        ? credentialsLabel(o.message)
        : o.kind;
  const sent = o.kind !== 'credentials-failed' && o.kind !== 'relay-failed';
  return call.caller.relay !== undefined && sent ? `via relay ${label}` : label;
}

/**
 * Starts the world, sends every planned call for real (at most `concurrency` at once, with a
 * generous timeout and no retries; a relay caller's through the world's Lambda endpoint, invoked
 * with the runner's keys), predicts each offline, and returns where they differ.
 */
export async function compareWithEmulator(
  spec: WorldSpec,
  requests: Record<string, RequestConfig>,
  concurrency = 4,
): Promise<Comparison> {
  const local = await startLocalWorld({ spec });
  try {
    // Slow machines are slow, not different: a timeout here must not read as "unreachable".
    const env = { ...localEnvironment(local), timeoutMs: 60_000 };
    const calls = plannedCalls(env, spec, requests);
    const deps = {
      credentials: createCredentialSource(env),
      redactor: new Redactor(),
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      sleep: async () => {},
    };
    const results = await mapBounded(calls, concurrency, (call) => runCall(call, env, deps));
    const mismatches: Comparison['mismatches'] = [];
    const outcomes = new Set<string>();
    for (const { call, outcome } of results) {
      outcomes.add(describeOutcome(outcome, call));
      const { prediction } = predictCall(call, spec);
      const observed = shapeOfObserved(outcome);
      const predicted = shapeOfPredicted(prediction, outcome);
      if (JSON.stringify(observed) !== JSON.stringify(predicted))
        mismatches.push({ call: call.id, observed, predicted });
    }
    const relayCalls = calls.filter((call) => call.caller.relay !== undefined).length;
    return { calls: calls.length, relayCalls, mismatches, outcomes: [...outcomes] };
  } finally {
    await local.close();
  }
}
