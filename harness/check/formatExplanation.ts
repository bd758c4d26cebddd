import { relative } from 'node:path';
import type { ContextValue } from '../../policy';
import type {
  ConditionReport,
  DecisionReport,
  Explanation,
  GuardrailReport,
  LayerReport,
  StatementReport,
} from './types';

const DECISION: Record<DecisionReport['decision'], string> = {
  Allow: 'allows',
  ExplicitDeny: 'denies (explicit deny)',
  ImplicitDeny: 'denies (no statement allows)',
  NotApplicable: 'not applicable',
};

/** Each guardrail's label, as wide as the layers' (`organization` is shown as its policy type). */
const GUARDRAIL_LABEL: Record<GuardrailReport['policyType'], string> = {
  scp: 'scp     ',
  rcp: 'rcp     ',
  boundary: 'boundary',
  session: 'session ',
};

const showValue = (value: ContextValue | null) => (value === null ? '(absent)' : JSON.stringify(value));
const showPolicyValues = (values: string[]) =>
  values.length === 1 ? `policy value ${JSON.stringify(values[0])}` : `policy values ${JSON.stringify(values)}`;

function conditionLines(c: ConditionReport): string[] {
  const lines = [
    `${c.operator} ${c.key}: request value ${showValue(c.requestValue)} vs ` +
      `${showPolicyValues(c.policyValues)}: ` +
      `${c.matched ? 'matches' : 'no match'}`,
  ];
  if (c.note) lines.push(`  (${c.note})`);
  return lines;
}

function statementLines(s: StatementReport): string[] {
  const name = `Statement[${s.index}]${s.sid !== undefined ? ` "${s.sid}"` : ''} ${s.effect}`;
  const head = s.applies
    ? `${name}: applies`
    : `${name}: does not apply (${s.mismatch}${s.detail ? `: ${s.detail}` : ''})`;
  return [head, ...s.conditions.flatMap(conditionLines).map((l) => `  ${l}`)];
}

function reportLines(
  label: string,
  r: DecisionReport & Partial<Pick<LayerReport, 'authType'>>,
  cwd: string | undefined,
): string[] {
  const files = r.files.map((f) => (cwd ? relative(cwd, f) : f));
  const head =
    `${label} ${r.subject}${r.authType ? ` (${r.authType})` : ''}: ${DECISION[r.decision]}` +
    (r.note ? `; ${r.note}` : '') +
    (files.length > 0 ? ` [${files.join(', ')}]` : '');
  return [head, ...r.statements.flatMap(statementLines).map((l) => `  ${l}`)];
}

/**
 * An explanation as indented lines: where the call comes from and goes, then each layer's
 * decision with the statements that decided it and, per condition, the request's value against
 * the policy's. File names are shown relative to `cwd` when given.
 */
export function formatExplanation(e: Explanation, options: { cwd?: string } = {}): string[] {
  const org = (orgId: string | undefined) => (orgId ? `in ${orgId}` : 'in no organization');
  const caller = e.caller.account
    ? `${e.caller.principal} (account ${e.caller.account}, ${org(e.caller.orgId)})`
    : e.caller.principal;
  const vpc = e.sourceVpc;
  const how =
    vpc.matchedBy === 'address'
      ? `source address ${vpc.address}`
      : `source address ${vpc.address} is no VPC's: the runner's VPC`;
  const lines = [`caller   ${caller}`, `from     ${vpc.id} (account ${vpc.account}, ${org(vpc.orgId)}; ${how})`];
  if (e.service)
    lines.push(`to       service ${e.service.name}${e.network ? ` through service network ${e.network.name}` : ''}`);
  if (e.credentials) lines.push(...reportLines('sts     ', e.credentials, options.cwd));
  if (e.relay) lines.push(...reportLines('lambda  ', e.relay, options.cwd));
  for (const layer of e.layers) lines.push(...reportLines(layer.layer.padEnd(8), layer, options.cwd));
  for (const g of e.guardrails ?? []) lines.push(...reportLines(GUARDRAIL_LABEL[g.policyType], g, options.cwd));
  for (const note of e.notes) lines.push(`note     ${note}`);
  return lines;
}
