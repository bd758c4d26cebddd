import type { ConditionReport, DecisionReport, Explanation, StatementReport } from '../check/types';
import { escapeHtml as h } from './escapeHtml';

const DECISION: Record<DecisionReport['decision'], string> = {
  Allow: 'allows',
  ExplicitDeny: 'denies (explicit Deny)',
  ImplicitDeny: 'denies (no statement allows)',
  NotApplicable: 'not applicable',
};

const show = (v: unknown) => (v === null ? '(absent)' : JSON.stringify(v));

function condition(c: ConditionReport): string {
  const values = c.policyValues.map((v) => JSON.stringify(v)).join(', ');
  return `<li class="${c.matched ? 'match' : 'nomatch'}"><code>${h(c.operator)} ${h(c.key)}</code>: request value
    <code>${h(show(c.requestValue))}</code> vs policy ${h(values)}: <b>${c.matched ? 'matches' : 'no match'}</b>
    ${c.note ? `<div class="note">${h(c.note)}</div>` : ''}</li>`;
}

function statement(s: StatementReport): string {
  const sid = s.sid !== undefined ? ` ${h(JSON.stringify(s.sid))}` : '';
  const applies = s.applies ? 'applies' : `does not apply${s.mismatch ? ` (${h(s.mismatch)})` : ''}`;
  const effect = s.effect === 'Deny' ? 'deny' : 'allow';
  return `<li><span class="stmt ${effect}">Statement[${s.index}]${sid} ${s.effect}</span>:
    ${applies}${s.detail ? `<div class="note">${h(s.detail)}</div>` : ''}
    ${s.conditions.length > 0 ? `<ul>${s.conditions.map(condition).join('')}</ul>` : ''}</li>`;
}

function decision(label: string, d: DecisionReport): string {
  const files = d.files.length > 0 ? ` <span class="file">[${h(d.files.join(', '))}]</span>` : '';
  return `<div class="layer"><b>${h(label)}</b> ${h(d.subject)}: <b>${h(DECISION[d.decision])}</b>${files}
    ${d.note ? `<div class="note">${h(d.note)}</div>` : ''}
    ${d.statements.length > 0 ? `<ul>${d.statements.map(statement).join('')}</ul>` : ''}</div>`;
}

/** check's explanation of a call: who calls from where, then each layer's decision and the statements that made it. */
export function renderExplanation(e: Explanation): string {
  const org = (o?: string) => (o ? `in ${o}` : 'in no organization');
  const vpc = e.sourceVpc;
  const account = e.caller.account ? ` (account ${h(e.caller.account)}, ${h(org(e.caller.orgId))})` : '';
  const through = e.network ? ` through service network ${h(e.network.name)}` : '';
  return `<div class="explanation">
    <div>caller <code>${h(e.caller.principal)}</code>${account}</div>
    <div>from <code>${h(vpc.id)}</code> (account ${h(vpc.account)}, ${h(org(vpc.orgId))};
      source address ${h(vpc.address)})</div>
    ${e.service ? `<div>to service ${h(e.service.name)}${through}</div>` : ''}
    ${e.credentials ? decision('credentials', e.credentials) : ''}
    ${e.layers.map((l) => decision(`${l.layer}${l.authType ? ` (${l.authType})` : ''}`, l)).join('')}
    ${e.notes.map((n) => `<div class="note">${h(n)}</div>`).join('')}
  </div>`;
}
