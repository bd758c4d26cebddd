import { describeUncovered, uncoveredStatements, type PolicyCoverage, type StatementCoverage } from '../check/coverage';
import { escapeHtml as h } from './escapeHtml';

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

/** Every statement of the auth and identity policies, the calls it decided, and how each condition met them. */
export function renderCoverage(coverage: PolicyCoverage | undefined): string {
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
      <td class="count">${s.decided.length}</td><td>${h(s.decided.join(', '))}</td>
      <td>${conditions ? `<ul>${conditions}</ul>` : ''}</td><td class="file">${h(s.file ?? '')}</td></tr>`;
  });
  return `<p>${coverage.covered} of ${coverage.total} statements decided a call (${coverage.percent}%).</p>
    <table class="coverage"><thead><tr><th>layer</th><th>policy of</th><th>statement</th><th>effect</th>
    <th>calls decided</th><th>which</th><th>conditions</th><th>file</th></tr></thead>
    <tbody>${rows.join('\n')}</tbody></table>`;
}
