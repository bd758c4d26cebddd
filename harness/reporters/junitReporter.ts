import { clipText, formatOutcome, responseText } from '../classify/outcome';
import { formatExpectation } from '../judge/judgeOutcome';
import type { PlannedCall, Plan } from '../resolve/types';
import type { CallResult } from '../run/runCall';
import type { RunSummary } from '../run/runPlan';
import type { Writable } from './consoleReporter';
import { escapeControls } from '../text/escapeControls';
import type { Reporter, RunError } from './Reporter';

export interface JunitReporterOptions {
  /** The `name` of `<testsuites>`; default `lattice-e2e (<environment>)`. */
  name?: string;
  /** Longest response text kept in a failure's body; longer ones are clipped with a note. Default 64 KiB. */
  maxResponseChars?: number;
  /** Clock for the `timestamp` attributes (tests). */
  clock?: { now(): Date };
  /** Whether `out` is the process's standard output (default: it is `process.stdout`). */
  stdio?: boolean;
}

/**
 * Element text: active characters escaped visibly (escapeControls keeps line feeds, tabs and CR LF;
 * it also escapes every character XML 1.0 cannot carry, even as a reference: C0 controls, lone
 * surrogates, U+FFFE, U+FFFF), markup escaped, CR kept as a reference (a parser would turn CR LF into LF).
 */
export function xmlText(text: string): string {
  return escapeControls(text, { multiline: true })
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Attribute values also escape quotes, and keep tabs and line feeds as references (a parser would fold them to
 * spaces).
 */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

const attrs = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

const seconds = (ms: number) => (ms / 1000).toFixed(3);
/** JUnit viewers expect an ISO 8601 timestamp without a zone (Ant's schema); it is UTC. */
const timestamp = (date: Date) => date.toISOString().slice(0, 19);

export function testcaseName(call: PlannedCall): string {
  return `${call.name} (${call.caller.name})`;
}

function failureElement(r: CallResult, maxResponseChars: number): string {
  const expected = formatExpectation(r.call.expect);
  // The outcome's one-line form can hold the whole body, which follows in full below.
  const observed = clipText(formatOutcome(r.outcome), 500);
  const message = clipText(`expected ${expected}, observed ${observed}`, 500);
  const body = [
    `expected: ${expected}`,
    `observed: ${observed}`,
    ...(r.verdict.reason ? [`why:      ${r.verdict.reason}`] : []),
    `request:  ${r.call.request.method} ${r.call.service.url.origin}${r.call.request.path}`,
    `attempts: ${r.attempts}${r.retried.length > 0 ? ` (retried: ${r.retried.join(', ')})` : ''}`,
    'response:',
    clipText(responseText(r.outcome), maxResponseChars),
  ].join('\n');
  return `      <failure${attrs({ message, type: r.outcome.kind })}>${xmlText(body)}</failure>\n`;
}

/**
 * Testcase properties: a flaky call carries `flaky` = `true`, its attempts and the retried outcome
 * kinds; a call run until consistent, the milliseconds it took. Viewers show these or ignore them.
 */
function caseProperties(r: CallResult): string {
  const properties: [string, string | number][] = [];
  if (r.status === 'flaky')
    properties.push(['flaky', 'true'], ['attempts', r.attempts], ['retried', r.retried.join(', ')]);
  if (r.consistentAfterMs !== undefined) properties.push(['consistent-after-ms', r.consistentAfterMs]);
  if (r.model) properties.push(['model-agrees', String(r.model.agrees)], ['model-predicted', r.model.predicted]);
  if (properties.length === 0) return '';
  const lines = properties.map(([name, value]) => `        <property${attrs({ name, value })}/>\n`).join('');
  return `      <properties>\n${lines}      </properties>\n`;
}

function testcase(call: PlannedCall, r: CallResult | undefined, maxResponseChars: number): string {
  const open =
    `    ` +
    `<testcase${attrs({ classname: call.scenario, name: testcaseName(call), time: seconds(r?.durationMs ?? 0) })}`;
  if (!r)
    return (
      `${open}>\n      <skipped${attrs({ message: 'not run: the run ended before this call' })}/>\n ` +
      `   </testcase>\n`
    );
  let inner = caseProperties(r);
  if (r.status === 'failed') inner += failureElement(r, maxResponseChars);
  if (r.status === 'flaky')
    inner +=
      `      ` +
      `<system-out>${xmlText(`flaky: the expectation held on attempt ${r.attempts}, after retrying: ${r.retried.join(', ') || '(none recorded)'}`)}</system-out>\n`;
  return inner === '' ? `${open}/>\n` : `${open}>\n${inner}    </testcase>\n`;
}

/** A run stopped by an internal error: a suite of its own with an errored testcase, so viewers show it. */
function errorSuite(errors: RunError[], startedAt: Date): string {
  const count = errors.length;
  const time = seconds(0);
  const suite = attrs({
    name: 'lattice-e2e',
    tests: count,
    failures: 0,
    errors: count,
    skipped: 0,
    time,
    timestamp: timestamp(startedAt),
  });
  const cases = errors.map((e) => {
    const message = clipText(e.message.split('\n')[0], 500);
    const text = `the run stopped on an internal error; the calls without a result are skipped\n${e.message}`;
    const error = `      <error${attrs({ message, type: 'internal-error' })}>${xmlText(text)}</error>\n`;
    return `    <testcase${attrs({ classname: 'lattice-e2e', name: 'run', time })}>\n${error}    </testcase>\n`;
  });
  return `  <testsuite${suite}>\n${cases.join('')}  </testsuite>\n`;
}

/**
 * Groups calls by scenario in plan order (results the plan does not list come last); a planned call without a
 * result is skipped.
 */
function groupByScenario(
  plan: Plan | undefined,
  results: CallResult[],
): Map<string, { call: PlannedCall; result?: CallResult }[]> {
  // Keyed by the planned call itself, not its id: two calls never share a result.
  const byCall = new Map(results.map((r) => [r.call, r]));
  const planned = new Set(plan?.calls);
  const calls = [...(plan?.calls ?? []), ...results.filter((r) => !planned.has(r.call)).map((r) => r.call)];
  const suites = new Map<string, { call: PlannedCall; result?: CallResult }[]>();
  for (const call of calls) {
    const cases = suites.get(call.scenario) ?? [];
    cases.push({ call, result: byCall.get(call) });
    suites.set(call.scenario, cases);
  }
  return suites;
}

/** Renders a run as a JUnit XML document: testsuites > testsuite (one per scenario) > testcase (one per call). */
export function renderJunit(
  plan: Plan | undefined,
  summary: RunSummary,
  options: { name: string; startedAt: Date; maxResponseChars: number; errors?: RunError[] },
): string {
  const suites = groupByScenario(plan, summary.results);
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  let body = '';
  for (const [scenario, cases] of suites) {
    const suiteFailures = cases.filter((c) => c.result?.status === 'failed').length;
    const suiteSkipped = cases.filter((c) => !c.result).length;
    const suiteMs = cases.reduce((sum, c) => sum + (c.result?.durationMs ?? 0), 0);
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    body +=
      `  ` +
      `<testsuite${attrs({ name: scenario, tests: cases.length, failures: suiteFailures, errors: 0, skipped: suiteSkipped, time: seconds(suiteMs), timestamp: timestamp(options.startedAt) })}>\n`;
    if (plan)
      body +=
        `    <properties>\n      ` +
        `<property${attrs({ name: 'environment', value: plan.environment.name })}/>\n ` +
        `   </properties>\n`;
    for (const { call, result } of cases) body += testcase(call, result, options.maxResponseChars);
    body += '  </testsuite>\n';
  }
  const errors = options.errors ?? [];
  if (errors.length > 0) body += errorSuite(errors, options.startedAt);
  const root = attrs({
    name: options.name,
    tests: tests + errors.length,
    failures,
    errors: errors.length,
    skipped,
    time: seconds(summary.durationMs),
    timestamp: timestamp(options.startedAt),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n${body}</testsuites>\n`;
}

/**
 * Writes the run as one JUnit XML document when it ends (and nothing else), for CI test-report
 * viewers. A run stopped by an internal error still writes its document: the results so far, the
 * calls without a result as skipped, and the error as an errored testcase.
 */
export function junitReporter(out: Writable = process.stdout, options: JunitReporterOptions = {}): Reporter {
  const clock = options.clock ?? { now: () => new Date() };
  let plan: Plan | undefined;
  let startedAt = clock.now();
  const errors: RunError[] = [];
  return {
    printsToStdio: () => ((options.stdio ?? out === process.stdout) ? 'document' : false),
    onBegin(p) {
      plan = p;
      startedAt = clock.now();
    },
    onError(error) {
      errors.push(error);
    },
    onEnd(summary) {
      const name = options.name ?? `lattice-e2e${plan ? ` (${plan.environment.name})` : ''}`;
      const maxResponseChars = options.maxResponseChars ?? 64 * 1024;
      out.write(renderJunit(plan, summary, { name, startedAt, maxResponseChars, errors }));
    },
  };
}
