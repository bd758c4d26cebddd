import type { Writable } from '../reporters/consoleReporter';
import type { Comparison } from './compareReports';
import { escapeHtml as h, jsonForScript } from './escapeHtml';
import { REPORT_CSS, REPORT_JS } from './htmlAssets';
import { formatCount, formatMs } from './labels';
import { callId, type ReportFrame, type ReportResult } from './reportData';
import { CALL_COLUMNS, type PageCall, renderCallRow } from './renderCalls';
import { limitComparison, renderComparison } from './renderComparison';
import { limitCoverageIds, renderCoverage, renderGuardrailAlert } from './renderCoverage';
import { renderMatrix, surveyMatrix } from './renderMatrix';
import { DEFAULT_MAX_PASSED, selectShownCalls } from './selectShownCalls';

/** Nothing is fetched: only the page's own style and script run. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** The page is handed to its output in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

/** A run as its page shows it: the report's fields, its results (read again for each part of the page). */
export interface HtmlPage {
  report: ReportFrame;
  /** The results in order, read as often as iterated: none needs to be held. */
  results: Iterable<ReportResult>;
  /** What changed since a previous run. */
  comparison?: Comparison;
  /**
   * Passed calls given a row, a chip and data (default DEFAULT_MAX_PASSED), and call ids listed per
   * coverage statement and per list of new or removed calls: the page of a large run stays usable.
   * Every failed or flaky call, and every call whose outcome differs from check's prediction or
   * changed since the previous run, is shown whatever the limit; the counts are always the run's.
   */
  maxPassed?: number;
}

/** What a page of a run cut to its limit adds: a style for what it says it left out (none otherwise). */
const OMITTED_CSS =
  '.notice { background: #eff8ff; border: 1px solid #53b1fd; border-radius: 6px; padding: 8px 12px; }' +
  ' .omitted { display: block; font-size: 12px; color: #5b6475; margin: 2px 0; }';

function select(key: string, label: string, values: string[]): string {
  const options = values.map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
  return (
    `<label>${h(label)} <select id="filter-${key}" data-filter="${key}"><option value="">all</option>${options}` +
    '</select></label>'
  );
}

/** Collects text and hands it to `out` in pieces of about PIECE_CHARS. */
function pieces(out: Writable) {
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (size > 0) out.write(pending.join(''));
    pending = [];
    size = 0;
  };
  const write = (text: string) => {
    pending.push(text);
    size += text.length;
    if (size >= PIECE_CHARS) flush();
  };
  return { write, flush };
}

/**
 * The run as one self-contained HTML page (inline style and script, nothing fetched), written to
 * `out` piece by piece: the guardrails no call exercised first, the counts, a matrix of callers ×
 * services, every call with its response text and check's explanation, filters, the policy
 * coverage, and with `comparison` what changed since a previous run. Every text is escaped; the
 * data is embedded as JSON too. The results are read several times (what the page shows before the
 * calls, the matrix, the rows, the data) and never held: a page of any size needs no more memory
 * than its matrix's layout (a few numbers a call) and a bounded number of chips (renderMatrix).
 * Beyond `maxPassed` passed calls, the others are counted (in the counts, the matrix and a notice)
 * but given no row, chip or data; the filters work on the calls shown.
 */
export function renderHtmlPage(out: Writable, page: HtmlPage): void {
  const { report, results, comparison } = page;
  const maxPassed = page.maxPassed ?? DEFAULT_MAX_PASSED;
  const changedIds = new Set(comparison?.changed.map((c) => c.id) ?? []);
  const addedIds = new Set(comparison?.added.map(callId) ?? []);
  // A changed call is always shown; a new one only as any other call is.
  const isChanged = (r: ReportResult) => changedIds.has(callId(r));
  const isNew = (r: ReportResult) => addedIds.has(callId(r));
  /** The calls in order, each with whether the page shows it (the same calls at each reading). */
  const marked: Iterable<{ call: PageCall; shown: boolean }> = {
    *[Symbol.iterator]() {
      const isShown = selectShownCalls(maxPassed);
      let n = 0;
      for (const r of results) {
        const call = { n: n++, r, changed: isChanged(r) || isNew(r) };
        yield { call, shown: isShown(r, isChanged(r)) };
      }
    },
  };
  const calls: Iterable<PageCall> = {
    *[Symbol.iterator]() {
      for (const { call, shown } of marked) if (shown) yield call;
    },
  };
  const shownResults: Iterable<ReportResult> = {
    *[Symbol.iterator]() {
      for (const { r } of calls) yield r;
    },
  };
  // What the page shows before the calls: counts, the filters' values and the matrix's layout.
  const matrix = surveyMatrix();
  const [scenarios, callers, services] = [new Set<string>(), new Set<string>(), new Set<string>()];
  let [shown, disagrees, passed, passedShown] = [0, 0, 0, 0];
  for (const { call, shown: isShown } of marked) {
    const { r } = call;
    matrix.add(r, isShown);
    if (isShown) shown++;
    if (r.status === 'passed') [passed, passedShown] = [passed + 1, passedShown + (isShown ? 1 : 0)];
    if (r.matchesPrediction === false) disagrees++;
    scenarios.add(r.scenario);
    callers.add(r.caller);
    services.add(r.service);
  }
  const omitted = passed - passedShown;
  const notice = omitted > 0 ? renderOmitted(passedShown, passed, comparison !== undefined) : '';
  const { write, flush } = pieces(out);
  const statuses = ['passed', 'failed', 'flaky', 'disagrees', ...(comparison ? ['changed'] : [])];
  const sorted = (values: Set<string>) => [...values].sort();
  const count = (cls: string, label: string, n: number) =>
    `<div class="count-box ${cls}" id="count-${cls}"><b>${n}</b>${h(label)}</div>`;
  const { summary } = report;
  const errors = report.errors?.length
    ? `<section class="errors"><b>The run stopped on an error</b>
      (${summary.total} of ${report.planned ?? '?'} calls ran)
      <ul>${report.errors.map((e) => `<li>${h(e.message)}</li>`).join('')}</ul></section>`
    : '';
  write(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lattice-e2e report: ${h(report.environment ?? 'unknown environment')}</title>
<style>${REPORT_CSS}</style></head>
<body>
<h1>lattice-e2e: ${h(report.environment ?? 'unknown environment')}</h1>
<div class="meta">started ${h(report.startedAt)}, took ${h(formatMs(report.durationMs))}</div>
${renderGuardrailAlert(report.coverage)}
${errors}
<div class="counts">${count('total', 'calls', summary.total)}${count('passed', 'passed', summary.passed)}
${count('failed', 'failed', summary.failed)}${count('flaky', 'flaky', summary.flaky)}
${count('disagrees', 'observed ≠ model', disagrees)}</div>
${notice}${comparison ? renderComparison(comparison, maxPassed) : ''}
<h2>Callers × services</h2>
`);
  renderMatrix(matrix.layout(), calls, write);
  write(`
<h2>Calls</h2>
<div class="filters">${select('scenario', 'scenario', sorted(scenarios))}
${select('caller', 'caller', sorted(callers))}${select('service', 'service', sorted(services))}
${select('status', 'status', statuses)}
<span><b id="visible-count">${shown}</b> of ${shown} calls shown${omitted > 0 ? omittedNote(omitted) : ''}</span></div>
<table class="calls"><thead><tr>${CALL_COLUMNS.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead>
<tbody>`);
  for (const c of calls) write(c.n === 0 ? renderCallRow(c) : `\n${renderCallRow(c)}`);
  write(`</tbody></table>
<h2>Policy coverage</h2>
${renderCoverage(report.coverage, maxPassed)}
<script type="application/json" id="report-data">`);
  const data = { ...page, results: shownResults };
  writeData(write, data, maxPassed, omitted > 0 ? { passedCalls: omitted, maxPassed } : undefined);
  write(`</script>
<script>${REPORT_JS}</script>
</body></html>
`);
  flush();
}

/** The notice of a page cut to its limit: how many passed calls it shows, of how many, and where the rest are. */
function renderOmitted(passedShown: number, passed: number, compared: boolean): string {
  const changed = compared ? ' or changed since the previous run' : '';
  return `<style>${OMITTED_CSS}</style>
<p class="notice" id="omitted"><b>${formatCount(passedShown)} of ${formatCount(passed)} passed calls shown;
the JSON report has all of them.</b> Every failed and flaky call, and every call whose outcome differs from
check's prediction${changed}, is shown; the counts and the matrix count every call.</p>
`;
}

const omittedNote = (omitted: number) => ` (${formatCount(omitted)} passed calls not shown)`;

/**
 * `jsonForScript({ report, comparison })` with the results in `report`, written record by record:
 * the same text (compact JSON puts nothing between records but commas, and escapes character by
 * character), never the whole document at once. A page cut to its limit embeds the calls it shows,
 * its lists of call ids cut to `maxIds`, and `omitted`: how many passed calls it left out.
 */
function writeData(
  write: (text: string) => void,
  { report, results, comparison }: HtmlPage,
  maxIds: number,
  omitted?: { passedCalls: number; maxPassed: number },
): void {
  const marker = `results-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const coverage = limitCoverageIds(report.coverage, maxIds);
  const frame = jsonForScript({
    report: { ...report, ...(coverage !== report.coverage && { coverage }), results: marker },
    comparison: comparison && limitComparison(comparison, maxIds),
    ...(omitted && { omitted }),
  });
  const at = frame.indexOf(`"${marker}"`);
  write(`${frame.slice(0, at)}[`);
  let first = true;
  for (const r of results) {
    write(first ? jsonForScript(r) : `,${jsonForScript(r)}`);
    first = false;
  }
  write(`]${frame.slice(at + marker.length + 2)}`);
}
