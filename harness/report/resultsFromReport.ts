import { describeOutcome, type Outcome } from '../classify/outcome';
import { UserError } from '../errors';
import type { Expectation, Plan, PlannedCall, ResolvedEnvironment } from '../resolve/types';
import type { CallResult } from '../run/runCall';
import type { RunSummary } from '../run/runPlan';
import type { JsonRecord, JsonReport } from './mergeReports';

/**
 * A JSON report read back as the plan and run summary the JUnit and GitHub renderers take. Only
 * what the report holds is filled in: callers by name, services by name and origin, requests by
 * method and path. A record whose expectation or outcome is not one this version knows is an
 * error naming the file and the record.
 */
export function resultsFromReport(file: string, report: JsonReport): { plan: Plan; summary: RunSummary } {
  const environment = { name: report.environment ?? '(unknown)' } as ResolvedEnvironment;
  const results = report.results.map((record, i) => resultOf(file, `results[${i}]`, record));
  const count = (status: CallResult['status']) => results.filter((r) => r.status === status).length;
  const plan: Plan = { environment, calls: results.map((r) => r.call) };
  return {
    plan,
    summary: {
      results,
      passed: count('passed'),
      failed: count('failed'),
      flaky: count('flaky'),
      durationMs: report.durationMs,
    },
  };
}

function resultOf(file: string, field: string, record: JsonRecord): CallResult {
  const bad = (what: string) => new UserError('REPORT_INVALID', `${file}: ${field}.${what}`);
  const expected = record.expected as Expectation | undefined;
  if (expected?.kind !== 'allow' && expected?.kind !== 'deny')
    throw bad('expected: must be an allow or deny expectation');
  const observed = record.observed as Outcome | undefined;
  if (!observed || !Object.hasOwn(describeOutcome, observed.kind))
    throw bad('observed: must be an outcome of this version');
  const request = (record.request ?? {}) as { method?: string; path?: string; origin?: string };
  let origin: URL;
  try {
    origin = new URL(request.origin ?? `https://${String(record.service)}.invalid`);
  } catch {
    throw bad('request.origin: must be a URL origin');
  }
  const call: PlannedCall = {
    id: `${record.scenario} › ${record.name}`,
    scenario: record.scenario,
    name: record.name,
    caller: { kind: 'anonymous', name: record.caller },
    service: { name: String(record.service), url: origin, arn: '' },
    request: { method: request.method ?? '', path: request.path ?? '', headers: {}, query: {} },
    expect: expected,
  };
  return {
    call,
    outcome: observed,
    verdict: {
      passed: record.status !== 'failed',
      ...(typeof record.reason === 'string' ? { reason: record.reason } : {}),
    },
    status: record.status,
    attempts: Number(record.attempts ?? 1),
    retried: Array.isArray(record.retried) ? (record.retried as Outcome['kind'][]) : [],
    ...(typeof record.consistentAfterMs === 'number' ? { consistentAfterMs: record.consistentAfterMs } : {}),
    durationMs: Number(record.durationMs ?? 0),
  };
}
