import { compareReports, type Comparison } from './compareReports';
import { escapeHtml as h, jsonForScript } from './escapeHtml';
import { REPORT_CSS, REPORT_JS } from './htmlAssets';
import { formatMs, outcomeLabel } from './labels';
import { callId, type ReportDoc, type ReportResult } from './reportData';
import { CALL_COLUMNS, renderCallRows, renderMatrix, type PageCall } from './renderCalls';
import { renderCoverage, renderGuardrailAlert } from './renderCoverage';

/** Nothing is fetched: only the page's own style and script run. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

export interface HtmlReportOptions {
  /** A previous run to compare with: what changed since. */
  previous?: ReportDoc;
}

function select(key: string, label: string, values: string[]): string {
  const options = values.map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
  return (
    `<label>${h(label)} <select id="filter-${key}" data-filter="${key}"><option value="">all</option>${options}` +
    '</select></label>'
  );
}

function renderComparison(c: Comparison): string {
  const line = (r: ReportResult) => `<li>${h(callId(r))}: ${h(r.status)}, ${h(outcomeLabel(r.observed))}</li>`;
  const changed = c.changed.map((x) => `<li><b>${h(x.id)}</b>: ${h(x.what.join('; '))}</li>`).join('');
  return `<section id="comparison"><h2>Since the previous run (${h(c.previous.startedAt)})</h2>
    <p>${c.changed.length} changed, ${c.added.length} new, ${c.removed.length} removed, ${c.unchanged} unchanged.</p>
    ${changed ? `<h3>Changed</h3><ul class="changed">${changed}</ul>` : ''}
    ${c.added.length ? `<h3>New</h3><ul class="added">${c.added.map(line).join('')}</ul>` : ''}
    ${c.removed.length ? `<h3>Removed</h3><ul class="removed">${c.removed.map(line).join('')}</ul>` : ''}</section>`;
}

/**
 * The run as one self-contained HTML page (inline style and script, nothing fetched): the
 * guardrails no call exercised first, the counts, a matrix of callers × services, every call with
 * its response text and check's explanation, filters, the policy coverage, and with `previous`
 * what changed since that run. Every text is escaped; the data is embedded as JSON too.
 */
export function renderHtmlReport(report: ReportDoc, options: HtmlReportOptions = {}): string {
  const comparison = options.previous ? compareReports(options.previous, report) : undefined;
  const changedIds = new Set(comparison?.changed.map((c) => c.id) ?? []);
  const addedIds = new Set(comparison?.added.map(callId) ?? []);
  const isChanged = (r: ReportResult) => changedIds.has(callId(r)) || addedIds.has(callId(r));
  const calls: PageCall[] = report.results.map((r, n) => ({ n, r, changed: isChanged(r) }));
  const distinct = (f: (r: ReportResult) => string) => [...new Set(report.results.map(f))].sort();
  const disagrees = report.results.filter((r) => r.matchesPrediction === false).length;
  const statuses = ['passed', 'failed', 'flaky', 'disagrees', ...(comparison ? ['changed'] : [])];
  const count = (cls: string, label: string, n: number) =>
    `<div class="count-box ${cls}" id="count-${cls}"><b>${n}</b>${h(label)}</div>`;
  const { summary } = report;
  const errors = report.errors?.length
    ? `<section class="errors"><b>The run stopped on an error</b>
      (${summary.total} of ${report.planned ?? '?'} calls ran)
      <ul>${report.errors.map((e) => `<li>${h(e.message)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
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
${comparison ? renderComparison(comparison) : ''}
<h2>Callers × services</h2>
${renderMatrix(calls)}
<h2>Calls</h2>
<div class="filters">${select(
    'scenario',
    'scenario',
    distinct((r) => r.scenario),
  )}
${select(
  'caller',
  'caller',
  distinct((r) => r.caller),
)}${select(
  'service',
  'service',
  distinct((r) => r.service),
)}
${select('status', 'status', statuses)}
<span><b id="visible-count">${calls.length}</b> of ${calls.length} calls shown</span></div>
<table class="calls"><thead><tr>${CALL_COLUMNS.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead>
<tbody>${renderCallRows(calls)}</tbody></table>
<h2>Policy coverage</h2>
${renderCoverage(report.coverage)}
<script type="application/json" id="report-data">${jsonForScript({ report, comparison })}</script>
<script>${REPORT_JS}</script>
</body></html>
`;
}
