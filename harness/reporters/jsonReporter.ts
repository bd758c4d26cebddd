import type { Plan } from '../resolve/types';
import type { CallResult } from '../run/runCall';
import type { Writable } from './consoleReporter';
import type { Reporter } from './Reporter';

export const JSON_SCHEMA_VERSION = 1;

/** One record per call; the document shape is versioned by `schemaVersion`. */
export function toJsonRecord(r: CallResult) {
  return {
    scenario: r.call.scenario,
    name: r.call.name,
    caller: r.call.caller.name,
    service: r.call.service.name,
    request: { method: r.call.request.method, path: r.call.request.path },
    expected: r.call.expect,
    observed: r.outcome,
    passed: r.status !== 'failed',
    status: r.status,
    attempts: r.attempts,
    retried: r.retried,
    consistentAfterMs: r.consistentAfterMs,
    reason: r.verdict.reason,
    durationMs: r.durationMs,
  };
}

/** Writes the whole run as one JSON document when it ends (and nothing else). */
export function jsonReporter(out: Writable = process.stdout): Reporter {
  let plan: Plan | undefined;
  const startedAt = new Date().toISOString();
  return {
    onBegin(p) {
      plan = p;
    },
    onEnd(summary) {
      const doc = {
        schemaVersion: JSON_SCHEMA_VERSION,
        environment: plan?.environment.name,
        startedAt,
        durationMs: summary.durationMs,
        summary: { total: summary.results.length, passed: summary.passed, failed: summary.failed, flaky: summary.flaky },
        results: summary.results.map(toJsonRecord),
      };
      out.write(`${JSON.stringify(doc, null, 2)}\n`);
    },
  };
}
