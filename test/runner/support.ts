import type { ResolvedEnvironment, PlannedCall, Expectation, ResolvedCaller } from '../../harness/resolve/types';
import type { Reporter } from '../../harness/reporters/Reporter';
import type { CallResult } from '../../harness/run/runCall';

/** A planned POST / to a service of the environment. */
export function plannedCall(
  env: ResolvedEnvironment,
  caller: ResolvedCaller | string,
  expect: Expectation,
  n = 0,
  service = 'parking',
): PlannedCall {
  const c = typeof caller === 'string' ? env.callers[caller] : caller;
  return {
    id: `runner › ${c.name} ${n}`,
    scenario: 'runner',
    name: `${c.name} ${n}`,
    caller: c,
    service: env.services[service],
    request: { method: 'POST', path: '/', headers: {}, query: {} },
    expect,
  };
}

export const ALLOW_SUCCESS: Expectation = { kind: 'allow', status: 200, body: '"Lattice Success!"' };
export const DENY_NETWORK: Expectation = { kind: 'deny', layer: 'network' };

/** A reporter that keeps the results in the order they landed. */
export function collecting(): Reporter & { landed: CallResult[] } {
  const landed: CallResult[] = [];
  return { landed, onResult: (r) => void landed.push(r) };
}

/** Retries without waiting, for tests. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 };
