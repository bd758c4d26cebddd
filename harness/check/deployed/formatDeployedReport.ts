import { relative } from 'node:path';
import type { FieldDifference, PolicyDifference, StatementRef } from './compareAuthPolicies';
import type { DeployedCheck, DeployedReport, DeployedStatus } from './types';

/** The word each status is printed as; the compiler demands one for every new status. */
const STATUS_WORDS: Record<DeployedStatus, string> = {
  same: 'SAME',
  differs: 'DIFFERS',
  missing: 'MISSING',
  inactive: 'INACTIVE',
  error: 'ERROR',
};

export interface DeployedFormatOptions {
  /** File names are shown relative to this folder. */
  cwd?: string;
}

const show = (value: unknown): string =>
  Array.isArray(value) && value.length === 1 ? JSON.stringify(value[0]) : JSON.stringify(value);
const list = (values: string[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** `Action: code "a", deployed "b"`, or for sets the values only one side has. */
function fieldLine(f: FieldDifference): string {
  if (f.code === undefined) return `${f.field}: only deployed: ${show(f.deployed)}`;
  if (f.deployed === undefined) return `${f.field}: only in code: ${show(f.code)}`;
  const single = (v: unknown) => !Array.isArray(v) || v.length === 1;
  if (f.onlyInCode && f.onlyDeployed && !(single(f.code) && single(f.deployed))) {
    const parts = [
      f.onlyInCode.length > 0 && `only in code ${list(f.onlyInCode)}`,
      f.onlyDeployed.length > 0 && `only deployed ${list(f.onlyDeployed)}`,
    ];
    return `${f.field}: ${parts.filter(Boolean).join('; ')}`;
  }
  return `${f.field}: code ${show(f.code)}, deployed ${show(f.deployed)}`;
}

const name = (s: StatementRef) => (s.sid !== undefined ? `"${s.sid}"` : `Statement[${s.index}] (no Sid)`);

export function differenceLines(d: PolicyDifference): string[] {
  switch (d.kind) {
    case 'document':
      return [fieldLine(d)];
    case 'only-in-code':
      return [`statement only in code, ${name(d.statement)}: ${JSON.stringify(d.source)}`];
    case 'only-deployed':
      return [`statement only deployed, ${name(d.statement)}: ${JSON.stringify(d.source)}`];
    case 'changed': {
      const same = d.code.sid === d.deployed.sid && (d.code.sid !== undefined || d.code.index === d.deployed.index);
      const which = same
        ? `statement ${name(d.code)}`
        : `statement ${name(d.code)} in code, ${name(d.deployed)} deployed,`;
      return [`${which} differs:`, ...d.fields.map((f) => `  ${fieldLine(f)}`)];
    }
  }
}

function deployedLine(c: DeployedCheck): string {
  if (c.status === 'error') return '';
  const parts = [`auth type ${c.authType ?? '(not given)'}`];
  if (c.policy === 'missing') parts.push('no auth policy');
  else
    parts.push(
      `policy ${c.policyState ?? '(state not given)'}${c.lastUpdatedAt ? `, last updated ${c.lastUpdatedAt}` : ''}`,
    );
  return parts.join(', ');
}

/** What a status means here, in a line. */
function meaning(c: DeployedCheck): string | undefined {
  switch (c.status) {
    case 'missing':
      return 'no policy is deployed: with auth type AWS_IAM this layer denies every request';
    case 'inactive':
      if (c.policy === 'missing')
        return 'the auth type is NONE and no policy is deployed: this layer allows every request';
      return (
        `the auth type is NONE: this layer allows every request and keeps the ` +
        `policy without enforcing it; the policy itself ` +
        `${c.policy === 'same' ? 'is the same as the code' : 'differs too'}`
      );
    default:
      return undefined;
  }
}

function checkLines(c: DeployedCheck, options: DeployedFormatOptions): string[] {
  const what = c.resourceType === 'service' ? 'service' : 'service network';
  const lines = [`${STATUS_WORDS[c.status].padEnd(9)} ${what}${c.name ? ` ${c.name}` : ''}  ${c.resourceArn}`];
  lines.push(`    code:      ${c.file ? (options.cwd ? relative(options.cwd, c.file) : c.file) : '(the world spec)'}`);
  if (c.error) return [...lines, `    error:     ${c.error.operation}: ${c.error.name}: ${c.error.message}`];
  lines.push(`    deployed:  ${deployedLine(c)}`);
  const means = meaning(c);
  if (means) lines.push(`    finding:   ${means}`);
  if (c.differences.length > 0)
    lines.push('    differences:', ...c.differences.flatMap(differenceLines).map((l) => `      ${l}`));
  return lines;
}

/**
 * The report as console text: a block per resource (status, files, what is deployed, the differences), then a
 * summary.
 */
export function formatDeployedReport(report: DeployedReport, options: DeployedFormatOptions = {}): string {
  const { summary } = report;
  const lines = [
    `check --deployed: ${summary.total} auth ` +
      `polic${summary.total === 1 ? 'y' : 'ies'} as code compared with what ` +
      `is deployed in environment "${report.environment}"`,
    '',
    ...report.checks.flatMap((c) => checkLines(c, options)),
    '',
    `${summary.same} same, ${summary.differs} ` +
      `differ${summary.differs === 1 ? 's' : ''}, ${summary.missing} missing, ` +
      `${summary.inactive} inactive, ${summary.error} ` +
      `error${summary.error === 1 ? '' : 's'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export const DEPLOYED_SCHEMA_VERSION = 1;

/** The report as one JSON document (`schemaVersion` 1, `mode: "deployed"`); file names relative to `cwd` when given. */
export function toDeployedJson(report: DeployedReport, options: DeployedFormatOptions = {}) {
  return {
    schemaVersion: DEPLOYED_SCHEMA_VERSION,
    mode: 'deployed',
    environment: report.environment,
    summary: report.summary,
    results: report.checks.map((c) => ({
      ...c,
      ...(c.file !== undefined && options.cwd && { file: relative(options.cwd, c.file) }),
    })),
  };
}
