import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import { predictCall } from '../../harness/check/predictCall';
import type { Prediction } from '../../harness/check/types';
import type { Outcome } from '../../harness/classify/outcome';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import type { RequestConfig } from '../../harness/config/types';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';
import { WORLDS } from './support/worlds';

// The prediction must build the same authorization input as the local world: every caller of the
// `local` environment × every service × these requests, sent for real and predicted offline.
const REQUESTS: Record<string, RequestConfig> = {
  'POST /': { method: 'POST', path: '/' },
  'GET /admin/users': { method: 'GET', path: '/admin/users', headers: { 'X-Team': 'blue' }, query: { mode: ['fast', 'slow'] } },
  'PUT /parking/a+b': { method: 'PUT', path: '/parking/a+b,é', headers: { 'x-team': 'red' }, query: { x: '1', q: 'a+b' }, body: 'hello' },
};

function plannedCalls(env: ResolvedEnvironment): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const service of Object.keys(env.services)) {
    for (const [label, request] of Object.entries(REQUESTS)) {
      const scenario = { service, request, calls: Object.keys(env.callers).map((caller) => ({ caller, name: `${caller} ${label}`, expect: { allow: true } })) };
      calls.push(...resolveScenario(`${service}`, `${service}.ts`, scenario, env));
    }
  }
  return calls;
}

/** What a prediction and an observation must share. */
function shapeOfObserved(o: Outcome) {
  switch (o.kind) {
    case 'allowed':
      return { kind: o.kind, status: o.status, body: o.body };
    case 'denied':
      return { kind: o.kind, layer: o.layer, explicit: o.explicit, principal: o.principal, resource: o.resource, text: o.body };
    case 'credentials-failed':
      return { kind: o.kind, role: o.role, code: o.code, message: o.message };
    case 'http-error':
      return { kind: o.kind, status: o.status, body: o.body };
    default:
      return { kind: o.kind };
  }
}

function shapeOfPredicted(p: Prediction, observed: Outcome) {
  switch (p.kind) {
    case 'allowed':
      // The echo target's body repeats the request: not predicted.
      return { kind: p.kind, status: p.status, body: p.body ?? (observed.kind === 'allowed' ? observed.body : undefined) };
    case 'denied':
      return { kind: p.kind, layer: p.layer, explicit: p.explicit, principal: p.principal, resource: p.resource, text: p.message };
    case 'credentials-failed':
      return { kind: p.kind, role: p.role, code: p.code, message: p.message };
    case 'unreachable':
      return { kind: p.kind };
  }
}

const seen = new Set<string>();
const describeOutcome = (o: Outcome) => (o.kind === 'denied' ? `denied ${o.layer}${o.explicit ? ' explicit' : ''}` : o.kind);

describe.each(Object.entries(WORLDS))('predictCall agrees with the local world: %s', (_name, makeWorld) => {
  let local: LocalWorld;
  let env: ResolvedEnvironment;

  beforeAll(async () => {
    local = await startLocalWorld({ spec: makeWorld() });
    env = localEnvironment(local);
  });
  afterAll(() => local?.close());

  it('predicts every caller × service × request as observed (a denial byte for byte)', async () => {
    const calls = plannedCalls(env);
    const deps = {
      credentials: createCredentialSource(env),
      redactor: new Redactor(),
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      sleep: async () => {},
    };
    const results = await Promise.all(calls.map((call) => runCall(call, env, deps)));
    const mismatches = [];
    for (const { call, outcome } of results) {
      seen.add(describeOutcome(outcome));
      const { prediction } = predictCall(call, local.world.spec);
      const observed = shapeOfObserved(outcome);
      const predicted = shapeOfPredicted(prediction, outcome);
      if (JSON.stringify(observed) !== JSON.stringify(predicted)) mismatches.push({ call: call.id, observed, predicted });
    }
    expect(mismatches).toEqual([]);
    expect(results.length).toBe(Object.keys(env.callers).length * Object.keys(env.services).length * Object.keys(REQUESTS).length);
  });

  it('the offline local environment has the same callers and services as the running one', () => {
    const offline = localCheckEnvironment(local.world.spec);
    expect(offline.callers).toEqual(env.callers);
    expect(offline.services).toEqual(env.services);
    expect(offline.region).toBe(env.region);
  });
});

describe('the worlds above', () => {
  it('cover every outcome the authorizer and the network give: each layer refusing, implicitly and explicitly', () => {
    expect([...seen].sort()).toEqual(
      [
        'allowed',
        'credentials-failed',
        'denied identity',
        'denied identity explicit',
        'denied network',
        'denied network explicit',
        'denied service',
        'denied service explicit',
        'unreachable',
      ].sort(),
    );
  });
});
