import { describeUncovered, uncoveredStatements, type PolicyCoverage } from './coverage';

export interface CoverageTextOptions {
  /** Every statement with the calls it decided (check --coverage), not only the uncovered ones. */
  full?: boolean;
  /** At most this many uncovered statements are named (the rest are counted). Default: all. */
  limit?: number;
}

/**
 * The policy coverage as text: the headline, the uncovered statements (guardrails first), and with
 * `full` every statement.
 */
export function formatCoverage(coverage: PolicyCoverage, options: CoverageTextOptions = {}): string {
  const uncovered = uncoveredStatements(coverage);
  const lines = [
    `policy coverage: ${coverage.covered} of ${coverage.total} statements decided a call (${coverage.percent}%)`,
  ];
  const shown = uncovered.slice(0, options.limit ?? uncovered.length);
  for (const s of shown) lines.push(`  NOT EXERCISED  ${describeUncovered(s)}`);
  if (shown.length < uncovered.length) lines.push(`  ... and ${uncovered.length - shown.length} more`);
  if (options.full) {
    for (const s of coverage.statements) {
      const sid = s.sid !== undefined ? ` ${JSON.stringify(s.sid)}` : '';
      lines.push(
        `  ${s.subject} Statement[${s.index}]${sid} ${s.effect}: decided ${s.decided.length} call(s)` +
          (s.decided.length > 0 ? `: ${s.decided.join(', ')}` : ''),
      );
      for (const c of s.conditions) {
        lines.push(`      ${c.operator} ${c.key}: matched ${c.matched.length}, did not match ${c.notMatched.length}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
