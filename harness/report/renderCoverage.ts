import { describeUncovered, uncoveredStatements, type PolicyCoverage, type StatementCoverage } from '../check/coverage';
import { escapeHtml as h } from './escapeHtml';
import { formatCount } from './labels';
import { DEFAULT_MAX_PASSED } from './selectShownCalls';

/** The guardrails no call exercised: what the page shows first. */
export function renderGuardrailAlert(coverage: PolicyCoverage | undefined): string {
  if (!coverage) return '';
  const uncovered = uncoveredStatements(coverage);
  if (uncovered.length === 0) {
    return `<section id="guardrails" class="ok"><b>Every policy statement decided a call</b>
      (${coverage.covered} of ${coverage.total}).</section>`;
  }
  const item = (s: StatementCoverage) =>
    `<li class="${s.effect === 'Deny' ? 'deny' : 'allow'}">${h(describeUncovered(s))}</li>`;
  const items = uncovered.map(item);
  return `<section id="guardrails" class="alert"><b>Guardrails no call exercised:
    ${uncovered.length} of ${coverage.total} statements</b><ul>${items.join('')}</ul></section>`;
}

/** At most `max` call ids, and how many more there are. */
function listIds(ids: string[], max: number): string {
  if (ids.length <= max) return h(ids.join(', '));
  return `${h(ids.slice(0, max).join(', '))} <span class="omitted">and ${formatCount(ids.length - max)} more</span>`;
}

/**
 * Every statement of the auth and identity policies, the calls it decided (the count, and at most
 * `maxIds` of their ids), and how each condition met them.
 */
export function renderCoverage(coverage: PolicyCoverage | undefined, maxIds = DEFAULT_MAX_PASSED): string {
  if (!coverage) return '<p class="note">No policy coverage: the environment names no world to predict from.</p>';
  const rows = coverage.statements.map((s) => {
    const sid = s.sid !== undefined ? ` ${JSON.stringify(s.sid)}` : '';
    const conditions = s.conditions
      .map(
        (c) => `<li><code>${h(c.operator)} ${h(c.key)}</code>: matched ${c.matched.length}, did not match
        ${c.notMatched.length}</li>`,
      )
      .join('');
    return `<tr class="${s.decided.length === 0 ? 'uncovered' : 'covered'}">
      <td>${h(s.layer)}</td><td>${h(s.subject)}</td><td>Statement[${s.index}]${h(sid)}</td><td>${h(s.effect)}</td>
      <td class="count">${s.decided.length}</td><td>${listIds(s.decided, maxIds)}</td>
      <td>${conditions ? `<ul>${conditions}</ul>` : ''}</td><td class="file">${h(s.file ?? '')}</td></tr>`;
  });
  return `<p>${coverage.covered} of ${coverage.total} statements decided a call (${coverage.percent}%).</p>
    <table class="coverage"><thead><tr><th>layer</th><th>policy of</th><th>statement</th><th>effect</th>
    <th>calls decided</th><th>which</th><th>conditions</th><th>file</th></tr></thead>
    <tbody>${rows.join('\n')}</tbody></table>`;
}

/**
 * The coverage as the page embeds it: each list of call ids cut to `maxIds`, and a statement whose
 * lists were cut says how long they are (`counts`). Itself when no list is that long.
 */
export function limitCoverageIds(coverage: PolicyCoverage | undefined, maxIds: number): PolicyCoverage | undefined {
  const long = (ids: string[]) => ids.length > maxIds;
  const isLong = (s: StatementCoverage) =>
    long(s.decided) || long(s.notApplied) || s.conditions.some((c) => long(c.matched) || long(c.notMatched));
  if (!coverage?.statements.some(isLong)) return coverage;
  const cut = (ids: string[]) => ids.slice(0, maxIds);
  const statements = coverage.statements.map((s) => {
    if (!isLong(s)) return s;
    const conditions = s.conditions.map((c) => ({
      ...c,
      matched: cut(c.matched),
      notMatched: cut(c.notMatched),
      counts: { matched: c.matched.length, notMatched: c.notMatched.length },
    }));
    const counts = { decided: s.decided.length, notApplied: s.notApplied.length };
    return { ...s, decided: cut(s.decided), notApplied: cut(s.notApplied), conditions, counts };
  });
  return { ...coverage, statements };
}
