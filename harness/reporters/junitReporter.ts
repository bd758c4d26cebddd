import { clipText, formatOutcome, responseText } from '../classify/outcome';
import { formatExpectation } from '../judge/judgeOutcome';
import type { PlannedCall, Plan } from '../resolve/types';
import type { CallResult } from '../run/runCall';
import type { RunResults, RunSummary } from '../run/runPlan';
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
  if (r.status === 'flaky') {
    const retried = r.retried.join(', ') || '(none recorded)';
    const note = `flaky: the expectation held on attempt ${r.attempts}, after retrying: ${retried}`;
    inner += `      <system-out>${xmlText(note)}</system-out>\n`;
  }
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

/** The calls of one scenario, in plan order: places in the plan, or past its end, results the plan does not list. */
interface Suite {
  scenario: string;
  cases: number[];
}

/**
 * What the document's counts need, from one read of the results: each planned call's status and
 * duration (small arrays by place in the plan, not the results), and the results the plan does not
 * list (they come last; only a report read back without its plan has them).
 */
function readCounts(plan: Plan | undefined, results: RunResults) {
  const calls = plan?.calls ?? [];
  const place = new Map(calls.map((call, i) => [call, i]));
  const ran = new Uint8Array(calls.length);
  const failed = new Uint8Array(calls.length);
  const durations = new Float64Array(calls.length);
  const unplanned: CallResult[] = [];
  // Whether the results come in plan order, each once: then they can be written as they are read again.
  let inPlanOrder = true;
  let last = -1;
  for (const r of results) {
    const i = place.get(r.call);
    if (i === undefined) {
      unplanned.push(r);
      continue;
    }
    inPlanOrder &&= i > last;
    last = i;
    ran[i] = 1;
    failed[i] = r.status === 'failed' ? 1 : 0;
    durations[i] = r.durationMs;
  }
  return { calls, ran, failed, durations, unplanned, inPlanOrder };
}

/**
 * Groups calls by scenario in plan order (results the plan does not list come last); a planned call without a
 * result is skipped.
 */
function groupByScenario(calls: PlannedCall[], unplanned: CallResult[]): Suite[] {
  const suites = new Map<string, Suite>();
  const add = (scenario: string, place: number) => {
    let suite = suites.get(scenario);
    if (!suite) suites.set(scenario, (suite = { scenario, cases: [] }));
    suite.cases.push(place);
  };
  for (const [i, call] of calls.entries()) add(call.scenario, i);
  for (const [i, r] of unplanned.entries()) add(r.call.scenario, calls.length + i);
  return [...suites.values()];
}

/** Whether the suites list the planned calls in plan order (each scenario's calls together, as plans have them). */
function suitesInPlanOrder(suites: Suite[], planned: number): boolean {
  let last = -1;
  for (const { cases } of suites) {
    for (const place of cases) {
      if (place >= planned) continue;
      if (place < last) return false;
      last = place;
    }
  }
  return true;
}

export interface JunitOptions {
  name: string;
  startedAt: Date;
  maxResponseChars: number;
  errors?: RunError[];
}

/**
 * Writes a run as a JUnit XML document: testsuites > testsuite (one per scenario) > testcase (one per call).
 * The counts come first from one read of the results; the testcases follow from a second read, each written
 * as it is read (the results are held only when the plan lists a scenario's calls apart, which plans do not).
 */
export function writeJunit(out: Writable, plan: Plan | undefined, summary: RunSummary, options: JunitOptions): void {
  const { calls, ran, failed, durations, unplanned, inPlanOrder } = readCounts(plan, summary.results);
  const suites = groupByScenario(calls, unplanned);
  const ranAt = (place: number) => place >= calls.length || ran[place] === 1;
  const failedAt = (place: number) =>
    place >= calls.length ? unplanned[place - calls.length].status === 'failed' : failed[place] === 1;
  const msAt = (place: number) =>
    place >= calls.length ? unplanned[place - calls.length].durationMs : ran[place] ? durations[place] : 0;
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const heads = suites.map(({ scenario, cases }) => {
    const suiteFailures = cases.filter(failedAt).length;
    const suiteSkipped = cases.filter((place) => !ranAt(place)).length;
    const suiteMs = cases.reduce((sum, place) => sum + msAt(place), 0);
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    const values = { name: scenario, tests: cases.length, failures: suiteFailures, errors: 0, skipped: suiteSkipped };
    return `  <testsuite${attrs({ ...values, time: seconds(suiteMs), timestamp: timestamp(options.startedAt) })}>\n`;
  });
  const errors = options.errors ?? [];
  const root = attrs({
    name: options.name,
    tests: tests + errors.length,
    failures,
    errors: errors.length,
    skipped,
    time: seconds(summary.durationMs),
    timestamp: timestamp(options.startedAt),
  });
  out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n`);
  const resultAt = resultReader(summary.results, calls, inPlanOrder && suitesInPlanOrder(suites, calls.length));
  suites.forEach(({ cases }, s) => {
    let text = heads[s];
    if (plan)
      text +=
        `    <properties>\n      ` +
        `<property${attrs({ name: 'environment', value: plan.environment.name })}/>\n ` +
        `   </properties>\n`;
    for (const place of cases) {
      const planned = place < calls.length;
      const result = planned ? (ran[place] ? resultAt(place) : undefined) : unplanned[place - calls.length];
      text += testcase(planned ? calls[place] : result!.call, result, options.maxResponseChars);
      if (text.length >= 64 * 1024) {
        out.write(text);
        text = '';
      }
    }
    out.write(`${text}  </testsuite>\n`);
  });
  if (errors.length > 0) out.write(errorSuite(errors, options.startedAt));
  out.write('</testsuites>\n');
}

/**
 * The result of the planned call at a place: read in turn from the results when the testcases come in plan
 * order, else from a map of every result (as the document was always written).
 */
function resultReader(results: RunResults, calls: PlannedCall[], sequential: boolean) {
  if (sequential) {
    const iterator = results[Symbol.iterator]();
    return (place: number): CallResult => {
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        if (next.value.call === calls[place]) return next.value;
      }
      throw new Error(`the results changed while the JUnit report was written (${calls[place].id})`);
    };
  }
  const byCall = new Map(Array.from(results, (r) => [r.call, r]));
  return (place: number): CallResult => byCall.get(calls[place])!;
}

/** Renders a run as a JUnit XML document (writeJunit's text as one string). */
export function renderJunit(plan: Plan | undefined, summary: RunSummary, options: JunitOptions): string {
  const pieces: string[] = [];
  writeJunit({ write: (text: string) => pieces.push(text) }, plan, summary, options);
  return pieces.join('');
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
      writeJunit(out, plan, summary, { name, startedAt, maxResponseChars, errors });
    },
  };
}
