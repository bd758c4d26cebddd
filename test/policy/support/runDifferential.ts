import type { Decision } from '../../../policy';
import { evaluateWithEngine } from './evaluateWithEngine';
import { generatePolicyCase } from './generatePolicyCase';
import { isolateDisagreements } from './isolateDisagreements';
import { explainDifference } from './knownDifferences';
import { simulateWithIamSimulate } from './simulateWithIamSimulate';

/** The seed of the differential cases; case i is the same in every run and every count. */
export const DIFFERENTIAL_SEED = 20_250_601;
/** The full differential run (`npm run conformance`); the test suite runs a prefix of it. */
export const DIFFERENTIAL_FULL_CASES = 10_000;

export interface DifferentialResult {
  cases: number;
  /** Our decisions, counted. */
  decisions: Partial<Record<Decision, number>>;
  disagreeingCases: number;
  /** Isolated differences explained by a documented rule, counted by rule id. */
  byRule: Record<string, number>;
  /** Isolated differences no documented rule explains, one line each. */
  unexplained: string[];
}

/**
 * Evaluates generated cases 0..cases-1 with our engine and with iam-simulate; every disagreement
 * is isolated to one element of one statement and looked up among the documented differences.
 */
export async function runDifferential(cases: number, seed = DIFFERENTIAL_SEED): Promise<DifferentialResult> {
  const decisions: Partial<Record<Decision, number>> = {};
  const byRule: Record<string, number> = {};
  const unexplained: string[] = [];
  let disagreeingCases = 0;
  for (let index = 0; index < cases; index++) {
    const testCase = generatePolicyCase(seed, index);
    const ours = evaluateWithEngine(testCase);
    const theirs = await simulateWithIamSimulate(testCase);
    decisions[ours] = (decisions[ours] ?? 0) + 1;
    if (ours === theirs) continue;
    disagreeingCases++;
    const { elements } = await isolateDisagreements(testCase, ours, theirs);
    for (const e of elements) {
      const rule = explainDifference(e.element, e.probe);
      if (rule) byRule[rule.id] = (byRule[rule.id] ?? 0) + 1;
      else {
        const { probe } = e;
        unexplained.push(
          `case ${index} statement ${e.statementIndex}: ours ${e.ours}, ` +
            `iam-simulate ${e.theirs}: ${JSON.stringify(e.element)} ` +
            `context ${JSON.stringify(probe.context)} principal ${probe.principal} ` +
            `resource ${probe.resource} version ${probe.policy.Version}`,
        );
      }
    }
  }
  return { cases, decisions, disagreeingCases, byRule, unexplained };
}

/** Decisions that are not well represented (under 1 in 20 cases): the generator has drifted. */
export function underrepresentedDecisions(result: DifferentialResult): Decision[] {
  const all: Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];
  return all.filter((decision) => (result.decisions[decision] ?? 0) <= result.cases / 20);
}

export function describeDifferential(result: DifferentialResult): string {
  const { cases, decisions, disagreeingCases, byRule } = result;
  return (
    `differential: ${cases} cases (${JSON.stringify(decisions)}), ${cases - disagreeingCases} agree, ` +
    `${disagreeingCases} differ; isolated differences by rule: ${JSON.stringify(byRule)}`
  );
}
