import { responseTextOf, type Outcome } from '../classify/outcome';
import { escapeHtml as h } from './escapeHtml';
import { expectationLabel, formatMs, outcomeClass, outcomeLabel, predictionLabel, refusingLayer } from './labels';
import { callId, type ReportResult } from './reportData';
import { renderExplanation } from './renderExplanation';

/** A call as the page shows it: its row number and the flags the filters read. */
export interface PageCall {
  n: number;
  r: ReportResult;
  changed: boolean;
}

const responseText = (o: Outcome) => (responseTextOf[o.kind] as (o: Outcome) => string)(o);

/** The flags a filter on status matches: the status, and `disagrees` / `changed`. */
function statusFlags(c: PageCall): string {
  const flags = [c.r.status, c.r.matchesPrediction === false ? 'disagrees' : '', c.changed ? 'changed' : ''];
  return flags.filter(Boolean).join(' ');
}

/** The data attributes every filter reads, on a row and on its matrix chip alike. */
function filterAttributes(c: PageCall): string {
  const { r } = c;
  return (
    `data-scenario="${h(r.scenario)}" data-caller="${h(r.caller)}" data-service="${h(r.service)}"` +
    ` data-status="${h(statusFlags(c))}"`
  );
}

function chipClasses(c: PageCall): string {
  const disagrees = c.r.matchesPrediction === false ? ' m-disagrees' : '';
  return `${outcomeClass(c.r.observed)} s-${c.r.status}${disagrees}${c.changed ? ' changed' : ''}`;
}

/** A call's chip in the matrix: its outcome, expected against observed, a link to its row. */
export function renderChip(c: PageCall): string {
  const title = `${callId(c.r)}: expected ${expectationLabel(c.r.expected)}, observed ${outcomeLabel(c.r.observed)}`;
  const badge = c.r.status === 'passed' ? '' : `<span class="badge">${h(c.r.status.toUpperCase())}</span>`;
  const model = c.r.matchesPrediction === false ? '<span class="badge model">≠ model</span>' : '';
  return `<a class="chip ${chipClasses(c)}" href="#call-${c.n}" title="${h(title)}" ${filterAttributes(c)}>
      <span class="scn">${h(callId(c.r))}</span>
      <span class="obs">${h(outcomeLabel(c.r.observed))}</span>${badge}${model}
      <span class="exp">expected ${h(expectationLabel(c.r.expected))}</span></a>`;
}

function details(r: ReportResult): string {
  const response = `<div><b>response</b><pre class="response">${h(responseText(r.observed))}</pre></div>`;
  const reason = r.reason ? `<div class="reason"><b>why it failed</b>: ${h(r.reason)}</div>` : '';
  const predicted = r.prediction
    ? `<div><b>check predicts</b> ${h(predictionLabel(r.prediction))}` +
      `${r.matchesPrediction === false ? ' <b class="bad">(observed differs)</b>' : ''}</div>`
    : '<div class="note">no prediction: the environment names no world</div>';
  const explanation = r.explanation ? renderExplanation(r.explanation) : '';
  return (
    `<details class="why"><summary>response and explanation</summary>${reason}${response}${predicted}` +
    `${explanation}</details>`
  );
}

const MODEL_BADGE = '<br><span class="badge model">≠ model</span>';

/** The calls table's columns, in order. */
export const CALL_COLUMNS = [
  'status',
  'scenario',
  'call',
  'caller',
  'service',
  'request',
  'expected',
  'observed',
  'layer',
  'predicted',
  'time',
  'attempts',
  'consistent after',
];

/** A call's row, then a row with its response text and (when the world is known) check's explanation. */
export function renderCallRow(c: PageCall): string {
  const { r } = c;
  const retried = r.retried.length > 0 ? ` (retried: ${r.retried.join(', ')})` : '';
  return `<tr id="call-${c.n}" class="call ${chipClasses(c)}" ${filterAttributes(c)}>
      <td class="status">${h(r.status)}${r.matchesPrediction === false ? MODEL_BADGE : ''}
      ${c.changed ? '<br><span class="badge">changed</span>' : ''}</td>
      <td>${h(r.scenario)}</td><td>${h(r.name)}</td><td>${h(r.caller)}</td><td>${h(r.service)}</td>
      <td><code>${h(r.request.method)} ${h(r.request.path)}</code></td>
      <td>${h(expectationLabel(r.expected))}</td>
      <td class="obs">${h(outcomeLabel(r.observed))}</td>
      <td>${h(refusingLayer(r.observed))}</td>
      <td>${r.prediction ? h(predictionLabel(r.prediction)) : ''}</td>
      <td>${h(formatMs(r.durationMs))}</td><td>${r.attempts}${h(retried)}</td>
      <td>${h(formatMs(r.consistentAfterMs))}</td></tr>
      <tr class="detail" id="call-${c.n}-details"><td colspan="${CALL_COLUMNS.length}">${details(r)}</td></tr>`;
}
