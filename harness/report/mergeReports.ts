import { UserError } from '../errors';
import { JSON_SCHEMA_VERSION } from '../reporters/jsonReporter';

/** A JSON report as `--reporter json` writes it (schemaVersion 1); records are kept as they are. */
export interface JsonReport {
  schemaVersion: number;
  environment?: string;
  startedAt: string;
  durationMs: number;
  summary: { total: number; passed: number; failed: number; flaky: number };
  errors?: { message: string }[];
  planned?: number;
  shard?: { index: number; count: number; plannedCalls: number; planIndexes: number[] };
  results: JsonRecord[];
}

/** One result record; the fields merging and rendering read are typed, the rest pass through. */
export interface JsonRecord {
  scenario: string;
  name: string;
  caller: string;
  status: 'passed' | 'failed' | 'flaky';
  [field: string]: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the fields merging relies on; a mistake names the file and the field. */
export function readJsonReport(file: string, value: unknown): JsonReport {
  const bad = (field: string, what: string) => new UserError('REPORT_INVALID', `${file}: ${field}: ${what}`);
  if (!isObject(value)) throw bad('(document)', 'is not a JSON object (a report of --reporter json)');
  if (value.schemaVersion !== JSON_SCHEMA_VERSION)
    throw bad('schemaVersion', `must be ${JSON_SCHEMA_VERSION}, got ${JSON.stringify(value.schemaVersion)}`);
  if (typeof value.startedAt !== 'string' || Number.isNaN(Date.parse(value.startedAt)))
    throw bad('startedAt', 'must be an ISO date');
  if (typeof value.durationMs !== 'number') throw bad('durationMs', 'must be a number');
  if (!Array.isArray(value.results)) throw bad('results', 'must be a list');
  value.results.forEach((r, i) => {
    if (!isObject(r) || typeof r.scenario !== 'string' || typeof r.name !== 'string' || typeof r.caller !== 'string') {
      throw bad(`results[${i}]`, 'must be a record with scenario, name and caller');
    }
    if (r.status !== 'passed' && r.status !== 'failed' && r.status !== 'flaky')
      throw bad(`results[${i}].status`, 'must be passed, failed or flaky');
  });
  const shard = value.shard;
  if (shard !== undefined) {
    const s = shard as JsonReport['shard'];
    const ok =
      isObject(shard) &&
      Number.isInteger(s?.index) &&
      Number.isInteger(s?.count) &&
      Number.isInteger(s?.plannedCalls) &&
      Array.isArray(s?.planIndexes) &&
      s.planIndexes.length === value.results.length;
    if (!ok) throw bad('shard', 'must hold index, count, plannedCalls and one plan index per result');
  }
  return value as unknown as JsonReport;
}

/**
 * Joins JSON reports into one, as one run would have written it. Shards of one plan (each with a
 * `shard` part) must all be there, once each, with every planned call exactly once: the results
 * are then in plan order. Reports without `shard` are joined in the order given. The merged run
 * started when the first one did and took as long as the longest (the jobs run side by side).
 */
export function mergeReports(reports: { file: string; report: JsonReport }[]): JsonReport {
  if (reports.length === 0) throw new UserError('USAGE', 'name at least one JSON report to merge');
  const environments = new Set(reports.map((r) => r.report.environment));
  if (environments.size > 1) {
    throw new UserError(
      'REPORT_MISMATCH',
      `the reports are of different environments: ${[...environments].map((e) => JSON.stringify(e)).join(', ')}`,
    );
  }
  const sharded = reports.filter((r) => r.report.shard);
  if (sharded.length > 0 && sharded.length < reports.length) {
    throw new UserError(
      'REPORT_MISMATCH',
      `${reports.find((r) => !r.report.shard)!.file}: shard: missing, while other reports are shards of a plan`,
    );
  }
  let results = reports.flatMap((r) => r.report.results);
  if (sharded.length > 0) results = inPlanOrder(reports);
  const errors = reports.flatMap((r) => (r.report.errors ?? []).map((e) => ({ message: `${r.file}: ${e.message}` })));
  const count = (status: JsonRecord['status']) => results.filter((r) => r.status === status).length;
  const startedAt = reports.map((r) => r.report.startedAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    environment: reports[0].report.environment,
    startedAt,
    durationMs: Math.max(...reports.map((r) => r.report.durationMs)),
    summary: { total: results.length, passed: count('passed'), failed: count('failed'), flaky: count('flaky') },
    ...(errors.length > 0 ? { errors, planned: sharded[0]?.report.shard?.plannedCalls } : {}),
    results,
  };
}

/**
 * Shards' results by their index in the whole plan; every shard once, every planned call once (unless a shard
 * stopped on an error).
 */
function inPlanOrder(reports: { file: string; report: JsonReport }[]): JsonRecord[] {
  const first = reports[0].report.shard!;
  const seen = new Map<number, string>();
  for (const { file, report } of reports) {
    const s = report.shard!;
    if (s.count !== first.count || s.plannedCalls !== first.plannedCalls) {
      throw new UserError(
        'REPORT_MISMATCH',
        `${file}: shard: part ${s.index}/${s.count} of ${s.plannedCalls} calls, ` +
          `while ${reports[0].file} is a part of ${first.count} of ` +
          `${first.plannedCalls} calls`,
      );
    }
    if (seen.has(s.index))
      throw new UserError('REPORT_MISMATCH', `${file}: shard: part ${s.index} is also ${seen.get(s.index)}`);
    seen.set(s.index, file);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new UserError(
      'REPORT_MISMATCH',
      `shard part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ` +
        `${first.count} missing: a merged report must hold every part`,
    );
  const slots: (JsonRecord | undefined)[] = new Array(first.plannedCalls);
  for (const { file, report } of reports) {
    report.results.forEach((record, i) => {
      const at = report.shard!.planIndexes[i];
      if (!Number.isInteger(at) || at < 0 || at >= first.plannedCalls || slots[at]) {
        throw new UserError(
          'REPORT_MISMATCH',
          `${file}: shard.planIndexes[${i}]: ${at} is not a call of the plan, or one another part holds too`,
        );
      }
      slots[at] = record;
    });
  }
  const stopped = reports.some((r) => (r.report.errors ?? []).length > 0);
  const absent = slots.reduce((n, s) => n + (s ? 0 : 1), 0);
  if (absent > 0 && !stopped)
    throw new UserError(
      'REPORT_MISMATCH',
      `${absent} planned call${absent > 1 ? 's have' : ' has'} no result in any part`,
    );
  return slots.filter((s): s is JsonRecord => s !== undefined);
}
