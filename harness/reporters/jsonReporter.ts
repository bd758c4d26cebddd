import { matchesPrediction } from '../report/matchesPrediction';
import type { RunInsights } from '../report/predictRun';
import type { Plan } from '../resolve/types';
import type { CallResult } from '../run/runCall';
import type { RunResults, RunSummary } from '../run/runPlan';
import { ACTIVE_CHARS } from '../text/escapeControls';
import type { Writable } from './consoleReporter';
import type { Reporter, RunError } from './Reporter';

export const JSON_SCHEMA_VERSION = 1;

/** One record per call; the document shape is versioned by `schemaVersion`. */
export function toJsonRecord(r: CallResult, insights?: RunInsights) {
  const insight = insights?.byCallId.get(r.call.id);
  return {
    scenario: r.call.scenario,
    name: r.call.name,
    caller: r.call.caller.name,
    service: r.call.service.name,
    request: { method: r.call.request.method, path: r.call.request.path, origin: r.call.service.url.origin },
    expected: r.call.expect,
    observed: r.outcome,
    passed: r.status !== 'failed',
    status: r.status,
    attempts: r.attempts,
    retried: r.retried,
    consistentAfterMs: r.consistentAfterMs,
    reason: r.verdict.reason,
    durationMs: r.durationMs,
    ...(r.model && { model: r.model }),
    // When the environment's world is known: what `check` predicts from it, and why.
    ...(insight && {
      prediction: insight.prediction,
      matchesPrediction: matchesPrediction(insight.prediction, r.outcome),
      explanation: insight.explanation,
    }),
  };
}

/** The run as the JSON report's document (schemaVersion 1). */
export function buildJsonReport(
  run: { plan?: Plan; startedAt: string; errors: RunError[]; insights?: RunInsights },
  summary: RunSummary,
) {
  const { plan, errors, insights } = run;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    environment: plan?.environment.name,
    startedAt: run.startedAt,
    durationMs: summary.durationMs,
    summary: {
      total: summary.results.length,
      passed: summary.passed,
      failed: summary.failed,
      flaky: summary.flaky,
      ...(summary.modelDisagreements !== undefined && { modelDisagreements: summary.modelDisagreements }),
    },
    ...(errors.length > 0 ? { errors, planned: plan?.calls.length } : {}),
    // A shard's report says which part of the whole plan it holds, so that the parts can be merged.
    ...(plan?.shard ? { shard: shardOf(plan, summary.results) } : {}),
    results: Array.from(summary.results, (r) => toJsonRecord(r, insights)),
    ...(insights && { coverage: insights.coverage }),
  };
}

export type JsonReport = ReturnType<typeof buildJsonReport>;

/**
 * JSON whose text holds no active character (see escapeControls): JSON.stringify already writes C0
 * controls inside strings and lone surrogates as `\u` escapes; DEL, C1, bidirectional and invisible
 * characters are escaped the same way here. Outside strings JSON has only ASCII, so the document
 * reads back exactly the same.
 */
export function toInertJson(value: unknown, indent?: number): string {
  const escapeChars = (chars: string) =>
    [...Array(chars.length).keys()].map((i) => `\\u${chars.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  // A raw C0 character in the output is the indentation's line break: every one inside a string is escaped.
  const json = JSON.stringify(value, null, indent);
  return json.replace(ACTIVE_CHARS, (chars) => (chars.charCodeAt(0) < 0x20 ? chars : escapeChars(chars)));
}

/** Index, count, the whole plan's size, and each result's index in the whole plan. */
function shardOf(plan: Plan, results: RunResults) {
  const { index, count, plannedCalls, planIndexes } = plan.shard!;
  const at = new Map(plan.calls.map((call, i) => [call, planIndexes[i]]));
  return { index, count, plannedCalls, planIndexes: Array.from(results, (r) => at.get(r.call) ?? -1) };
}

export interface JsonReporterOptions {
  /** Whether `out` is the process's standard output (default: it is `process.stdout`). */
  stdio?: boolean;
  /** Predictions and policy coverage from the environment's world, once the run is planned. */
  insights?: () => RunInsights | undefined;
}

/** What a document of the run is made of besides the results. */
export type RunFrame = Parameters<typeof buildJsonReport>[0];

/**
 * A reporter that writes the whole run once, when it ends (and nothing else). A run stopped by an
 * internal error still writes it, with the results so far and the error in `errors`.
 */
export function endOfRunReporter(
  out: Writable,
  options: JsonReporterOptions,
  write: (frame: RunFrame, summary: RunSummary) => void,
): Reporter {
  let plan: Plan | undefined;
  const errors: RunError[] = [];
  const startedAt = new Date().toISOString();
  return {
    printsToStdio: () => ((options.stdio ?? out === process.stdout) ? 'document' : false),
    onBegin(p) {
      plan = p;
    },
    onError(error) {
      errors.push({ message: error.message });
    },
    onEnd(summary) {
      write({ plan, startedAt, errors, insights: options.insights?.() }, summary);
    },
  };
}

/** Writes the whole run as one JSON document when it ends. */
export function jsonReporter(out: Writable = process.stdout, options: JsonReporterOptions = {}): Reporter {
  return endOfRunReporter(out, options, (frame, summary) => writeJsonReport(out, frame, summary));
}

/**
 * `buildJsonReport(run, summary)` with `results` in place of its records, none of them built: every
 * other field, in the document's order (a key set again keeps its place).
 */
export function buildJsonReportFrame<Results>(run: RunFrame, summary: RunSummary, results: Results) {
  const head = buildJsonReport(run, { ...summary, results: [] });
  return {
    ...head,
    summary: { ...head.summary, total: summary.results.length },
    ...(run.plan?.shard ? { shard: shardOf(run.plan, summary.results) } : {}),
    results,
  };
}

/**
 * Writes `toInertJson(buildJsonReport(run, summary), 2)` and a line feed, record by record: the
 * same text, but never the whole document (nor every record as an object) in memory at once. A
 * record nested in `results` is its own indented text with each line indented twice more.
 */
export function writeJsonReport(out: Writable, run: Parameters<typeof buildJsonReport>[0], summary: RunSummary): void {
  const marker = `results-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const frame = toInertJson(buildJsonReportFrame(run, summary, marker), 2);
  const at = frame.indexOf(`"${marker}"`);
  out.write(frame.slice(0, at));
  if (summary.results.length === 0) out.write('[]');
  else {
    out.write('[\n');
    let i = 0;
    for (const r of summary.results) {
      const record = toInertJson(toJsonRecord(r, run.insights), 2).replace(/\n/g, '\n    ');
      out.write(`${i++ === 0 ? '' : ',\n'}    ${record}`);
    }
    out.write('\n  ]');
  }
  out.write(`${frame.slice(at + marker.length + 2)}\n`);
}
