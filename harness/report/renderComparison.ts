import type { Comparison } from './compareReports';
import { escapeHtml as h } from './escapeHtml';
import { outcomeLabel } from './labels';
import { callId, type ReportResult } from './reportData';

/** What changed since a previous run: calls changed, new and removed, and how many did not change. */
export function renderComparison(c: Comparison): string {
  const line = (r: ReportResult) => `<li>${h(callId(r))}: ${h(r.status)}, ${h(outcomeLabel(r.observed))}</li>`;
  const changed = c.changed.map((x) => `<li><b>${h(x.id)}</b>: ${h(x.what.join('; '))}</li>`).join('');
  return `<section id="comparison"><h2>Since the previous run (${h(c.previous.startedAt)})</h2>
    <p>${c.changed.length} changed, ${c.added.length} new, ${c.removed.length} removed, ${c.unchanged} unchanged.</p>
    ${changed ? `<h3>Changed</h3><ul class="changed">${changed}</ul>` : ''}
    ${c.added.length ? `<h3>New</h3><ul class="added">${c.added.map(line).join('')}</ul>` : ''}
    ${c.removed.length ? `<h3>Removed</h3><ul class="removed">${c.removed.map(line).join('')}</ul>` : ''}</section>`;
}
