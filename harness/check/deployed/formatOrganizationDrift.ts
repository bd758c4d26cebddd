import type { DriftDifference, DriftEntry, DriftKind, DriftStatus } from './compareOrganizations';
import type { OrganizationDrift } from './checkDeployedOrganization';
import { differenceLines as policyDifferenceLines } from './formatDeployedReport';

const STATUS_WORDS: Record<DriftStatus, string> = {
  same: 'SAME',
  differs: 'DIFFERS',
  missing: 'MISSING',
  extra: 'EXTRA',
  error: 'ERROR',
};
const KIND_WORDS: Record<DriftKind, string> = {
  account: 'account',
  vpc: 'VPC',
  'service-network': 'service network',
  service: 'service',
  'vpc-association': 'VPC association',
  'service-association': 'service association',
  role: 'role',
  relay: 'relay',
  boundary: 'permissions boundary of role',
  scp: 'SCPs of',
  rcp: 'RCPs of',
};
const MEANING: Partial<Record<DriftStatus, string>> = {
  missing: 'in the world as code, not deployed',
  extra: 'deployed, not in the world as code',
};

/** What differs in one element: a policy's statements as the auth-policy report words them, else both values. */
function differenceLines(d: DriftDifference): string[] {
  if (d.policy) return [`${d.field} differs:`, ...d.policy.flatMap(policyDifferenceLines).map((l) => `  ${l}`)];
  return [`${d.field}: code ${JSON.stringify(d.code)}, deployed ${JSON.stringify(d.deployed)}`];
}

function entryLines(e: DriftEntry): string[] {
  const lines = [`${STATUS_WORDS[e.status].padEnd(9)} ${KIND_WORDS[e.kind]}  ${e.id}`];
  if (MEANING[e.status]) lines.push(`    finding:   ${MEANING[e.status]}`);
  if (e.error) lines.push(`    error:     ${e.error.operation}: ${e.error.name}: ${e.error.message}`);
  for (const d of e.differences) lines.push(...differenceLines(d).map((l) => `    ${l}`));
  return lines;
}

/** The organization's drift as console text: a line per resource (details for what is not the same), then a summary. */
export function formatOrganizationDrift(drift: OrganizationDrift): string {
  const { summary } = drift;
  return [
    `organization: ${summary.total} resources of the world as code compared with what is deployed`,
    '',
    ...drift.entries.flatMap(entryLines),
    '',
    `${summary.same} same, ${summary.differs} ` +
      `differ${summary.differs === 1 ? 's' : ''}, ${summary.missing} missing, ` +
      `${summary.extra} extra, ${summary.error} ` +
      `error${summary.error === 1 ? '' : 's'}`,
    '',
  ].join('\n');
}
