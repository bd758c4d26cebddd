import { appendFile } from 'node:fs/promises';
import { clipText, formatOutcome, responseText } from '../classify/outcome';
import { formatExpectation } from '../judge/judgeOutcome';
import type { Plan } from '../resolve/types';
import type { CallResult, CallStatus } from '../run/runCall';
import type { RunSummary } from '../run/runPlan';
import type { Writable } from './consoleReporter';
import { escapeControls } from '../text/escapeControls';
import type { Reporter, RunError } from './Reporter';
import { formatCount } from '../report/labels';

export interface GithubReporterOptions {
  /** The file named by `$GITHUB_STEP_SUMMARY`: the Markdown summary is appended to it. No summary when absent. */
  summaryFile?: string;
  /** Where workflow commands (`::error`, `::warning`) go: the step's standard output. */
  annotations: Writable;
  /**
   * The scenarios folder relative to the repository root (e.g. `scenarios`): annotations then point at
   * `<dir>/<scenario>.ts`.
   */
  scenarioDir?: string;
  /** Longest response text in a failure's details. Default 4,000 characters (a step summary holds at most 1 MiB). */
  maxResponseChars?: number;
  /** Failures detailed below the table; the rest are only in the table. Default 50. */
  maxDetails?: number;
  /**
   * Table rows at most (a step summary holds 1 MiB); past it, only failed and flaky calls are listed. Default
   * 1,000.
   */
  maxRows?: number;
}

/** A step summary holds at most 1 MiB: a row is about 150 bytes, so 1,000 rows leave room for the details. */
const DEFAULT_MAX_ROWS = 1_000;

const RESULT: Record<CallStatus, string> = { passed: '✅ passed', failed: '❌ failed', flaky: '⚠️ flaky' };

/** Workflow-command data: `%`, CR and LF escaped as GitHub documents. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values (such as `title`): also `:` and `,`, which separate properties. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Text for one Markdown table cell: one line, control characters escaped, pipes escaped, Markdown and HTML inert. */
export function escapeTableCell(text: string, max = 200): string {
  return escapeControls(clipText(text, max), { multiline: true })
    .replace(/[\\`*_[\]~|#]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\n/g, '<br>');
}

/**
 * A fenced code block whose fence is longer than any run of backticks in the text, control
 * characters escaped. The longest run is found in a loop: spreading every run into `Math.max`
 * overflows the stack on a body with a hundred thousand of them.
 */
export function codeBlock(text: string, info = 'text'): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${escapeControls(text, { multiline: true })}\n${fence}`;
}

/** A workflow command's message: control characters escaped (line breaks kept), then %, CR and LF. */
const commandData = (text: string) => escapeCommandData(escapeControls(text, { multiline: true }));
/** A workflow command's property: one line, control characters escaped. */
const commandProperty = (text: string) => escapeCommandProperty(escapeControls(text));

function timing(r: CallResult): string {
  const attempts = `${r.attempts} attempt${r.attempts === 1 ? '' : 's'}`;
  if (r.consistentAfterMs !== undefined)
    return `${attempts}, consistent after ${(r.consistentAfterMs / 1000).toFixed(1)} s`;
  return `${attempts}, ${r.durationMs} ms`;
}

function title(r: CallResult): string {
  return `${r.call.scenario} › ${r.call.name} (${r.call.caller.name})`;
}

function details(r: CallResult, maxResponseChars: number): string {
  const lines = [
    `#### ❌ ${escapeTableCell(title(r), 300)}`,
    '',
    `- **Expected:** ${escapeTableCell(formatExpectation(r.call.expect), 1000)}`,
    `- **Observed:** ${escapeTableCell(formatOutcome(r.outcome), 1000)}`,
    ...(r.verdict.reason ? [`- **Why:** ${escapeTableCell(r.verdict.reason, 1000)}`] : []),
    `- **Request:** ` +
      `${escapeTableCell(`${r.call.request.method} ${r.call.service.url.origin}${r.call.request.path}`, 1000)}`,
    `- **Attempts:** ` +
      `${escapeTableCell(`${r.attempts}${r.retried.length > 0 ? ` (retried: ${r.retried.join(', ')})` : ''}`)}`,
    '',
    codeBlock(clipText(responseText(r.outcome), maxResponseChars)),
    '',
  ];
  return lines.join('\n');
}

export interface SummaryOptions {
  maxResponseChars: number;
  maxDetails: number;
  /** Table rows at most; past it the table lists failed and flaky calls only (default 1,000). */
  maxRows?: number;
  /** Errors that stopped the run early (then `summary` holds the results so far). */
  errors?: RunError[];
}

function headline(plan: Plan | undefined, summary: RunSummary, errors: RunError[]): string {
  const env = plan ? ` against \`${escapeControls(plan.environment.name).replace(/`/g, "'")}\`` : '';
  if (errors.length > 0) return `## lattice-e2e${env}: the run stopped on an internal error`;
  const failed = summary.failed;
  const verdict = failed === 0 ? 'every expectation held' : `${failed} expectation${failed === 1 ? '' : 's'} failed`;
  return `## lattice-e2e${env}: ${verdict}`;
}

/** Renders the Markdown summary of a run: a headline, one table row per call, then the failures in detail. */
export function renderSummary(plan: Plan | undefined, summary: RunSummary, options: SummaryOptions): string {
  const total = summary.results.length;
  const errors = options.errors ?? [];
  const model = summary.modelDisagreements
    ? `, ${summary.modelDisagreements} where AWS disagrees with the world as code`
    : '';
  const counts = `${summary.passed} passed, ${summary.failed} failed, ${summary.flaky} flaky${model}`;
  const out = [
    headline(plan, summary, errors),
    '',
    `**${counts}** (${total} call${total === 1 ? '' : 's'}, ${(summary.durationMs / 1000).toFixed(1)} s)`,
    '',
  ];
  for (const e of errors) {
    const planned = plan ? ` of ${plan.calls.length}` : '';
    out.push(`**Error:** ${escapeTableCell(e.message, 1000)} (${total}${planned} calls ran)`, '');
  }
  out.push(
    '| Scenario | Call | Caller | Expected | Observed | Result | Attempts / time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  // One read of the results, holding only what the summary shows: at most maxRows rows and maxDetails failures.
  const listAll = total <= maxRows;
  let listed = 0;
  let failed = 0;
  const failureDetails: string[] = [];
  for (const r of summary.results) {
    if (r.status === 'failed' && failed++ < options.maxDetails) {
      failureDetails.push(details(r, options.maxResponseChars));
    }
    if (!listAll && (r.status === 'passed' || listed >= maxRows)) continue;
    listed++;
    const expected = formatExpectation(r.call.expect);
    const texts = [r.call.scenario, r.call.name, r.call.caller.name, expected, formatOutcome(r.outcome)];
    const cells = [...texts.map((text) => escapeTableCell(text)), RESULT[r.status], escapeTableCell(timing(r))];
    out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('');
  if (listed < total) {
    const why = `past ${formatCount(maxRows)} calls this table lists failed and flaky calls only`;
    out.push(
      `_${formatCount(total - listed)} of ${formatCount(total)} calls are ` +
        `not listed (${why}); every call is in the JUnit and JSON reports._`,
      '',
    );
  }
  if (failed > 0) {
    out.push('### Failures', '');
    out.push(...failureDetails);
    if (failed > options.maxDetails) {
      const more = failed - options.maxDetails;
      out.push(`_${more} more failures are in the table above and in the JUnit and JSON reports._`, '');
    }
  }
  return `${out.join('\n')}\n`;
}

function annotation(r: CallResult, scenarioDir: string | undefined): string | undefined {
  const path = `${scenarioDir?.replace(/\/+$/, '')}/${r.call.scenario}.ts`;
  const file = scenarioDir === undefined ? '' : `file=${commandProperty(path)},`;
  const properties = `${file}title=${commandProperty(title(r))}`;
  const model =
    r.model && !r.model.agrees
      ? `::warning ${properties}::${commandData(`AWS disagrees with the world as code: ${r.model.reason ?? ''}`)}\n`
      : '';
  if (r.status === 'passed') return model || undefined;
  if (r.status === 'flaky') {
    const message = `passed after ${r.attempts} attempts; retried: ${r.retried.join(', ') || '(none recorded)'}`;
    return `${model}::warning ${properties}::${commandData(message)}\n`;
  }
  const message = [
    `expected ${formatExpectation(r.call.expect)}, observed ${formatOutcome(r.outcome)}`,
    ...(r.verdict.reason ? [`why: ${r.verdict.reason}`] : []),
    `response: ${clipText(responseText(r.outcome), 1000)}`,
  ].join('\n');
  return `${model}::error ${properties}::${commandData(message)}\n`;
}

/**
 * For GitHub Actions: an `::error` annotation per failed call and a `::warning` per flaky one as
 * results land, and at the end a Markdown summary appended to the step summary file.
 */
export function githubReporter(options: GithubReporterOptions): Reporter {
  let plan: Plan | undefined;
  const errors: RunError[] = [];
  return {
    // Annotations are workflow commands: GitHub reads them from the step's standard output.
    printsToStdio: () => 'lines',
    onBegin(p) {
      plan = p;
    },
    onResult(r) {
      const line = annotation(r, options.scenarioDir);
      if (line) options.annotations.write(line);
    },
    onError(error) {
      errors.push(error);
      const message = commandData(`the run stopped on an internal error: ${error.message}`);
      options.annotations.write(`::error title=lattice-e2e::${message}\n`);
    },
    async onEnd(summary) {
      if (!options.summaryFile) return;
      const maxResponseChars = options.maxResponseChars ?? 4000;
      const markdown = renderSummary(plan, summary, {
        maxResponseChars,
        maxDetails: options.maxDetails ?? 50,
        maxRows: options.maxRows,
        errors,
      });
      await appendFile(options.summaryFile, markdown);
    },
  };
}
