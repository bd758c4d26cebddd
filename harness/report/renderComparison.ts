import type { Comparison } from './compareReports';
import { escapeHtml as h } from './escapeHtml';
import { formatCount, outcomeLabel } from './labels';
import { callId, type ReportResult } from './reportData';
import { DEFAULT_MAX_PASSED } from './selectShownCalls';

/**
 * What changed since a previous run: every call changed, at most `maxListed` new and removed calls
 * (and how many more), and how many did not change.
 */
export function renderComparison(c: Comparison, maxListed = DEFAULT_MAX_PASSED): string {
  const item = (r: ReportResult) => `<li>${h(callId(r))}: ${h(r.status)}, ${h(outcomeLabel(r.observed))}</li>`;
  const listed = (calls: ReportResult[]) =>
    calls.slice(0, maxListed).map(item).join('') +
    (calls.length > maxListed ? `<li class="omitted">and ${formatCount(calls.length - maxListed)} more</li>` : '');
  const changed = c.changed.map((x) => `<li><b>${h(x.id)}</b>: ${h(x.what.join('; '))}</li>`).join('');
  return `<section id="comparison"><h2>Since the previous run (${h(c.previous.startedAt)})</h2>
    <p>${c.changed.length} changed, ${c.added.length} new, ${c.removed.length} removed, ${c.unchanged} unchanged.</p>
    ${changed ? `<h3>Changed</h3><ul class="changed">${changed}</ul>` : ''}
    ${c.added.length ? `<h3>New</h3><ul class="added">${listed(c.added)}</ul>` : ''}
    ${c.removed.length ? `<h3>Removed</h3><ul class="removed">${listed(c.removed)}</ul>` : ''}</section>`;
}

/**
 * The comparison as the page embeds it: at most `maxListed` new and removed calls, with how many
 * there are (`counts`) when there are more. Itself when there are not.
 */
export function limitComparison(c: Comparison, maxListed: number): Comparison & { counts?: object } {
  if (c.added.length <= maxListed && c.removed.length <= maxListed) return c;
  const counts = { added: c.added.length, removed: c.removed.length };
  return { ...c, added: c.added.slice(0, maxListed), removed: c.removed.slice(0, maxListed), counts };
}
