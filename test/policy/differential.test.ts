/**
 * Differential test against @cloud-copilot/iam-simulate's public API: 10,000 generated
 * single-policy cases (seeded, so every run is the same). Every disagreement is isolated to one
 * element of one statement and must be a documented known difference (support/knownDifferences.ts).
 */
import { describe, expect, it } from 'vitest';
import { evaluateWithEngine } from './support/evaluateWithEngine';
import { generatePolicyCase } from './support/generatePolicyCase';
import { isolateDisagreements, type CaseDisagreement } from './support/isolateDisagreements';
import { explainDifference } from './support/knownDifferences';
import { simulateWithIamSimulate } from './support/simulateWithIamSimulate';

const SEED = 20_250_601;
const CASES = 10_000;

describe('differential: our engine against iam-simulate', () => {
  it(`agrees on ${CASES} generated cases, apart from documented differences`, { timeout: 120_000 }, async () => {
    const disagreements: CaseDisagreement[] = [];
    const decisions: Record<string, number> = {};
    for (let index = 0; index < CASES; index++) {
      const testCase = generatePolicyCase(SEED, index);
      const ours = evaluateWithEngine(testCase);
      const theirs = await simulateWithIamSimulate(testCase);
      decisions[ours] = (decisions[ours] ?? 0) + 1;
      if (ours !== theirs) disagreements.push(await isolateDisagreements(testCase, ours, theirs));
    }

    const byRule: Record<string, number> = {};
    const unexplained: string[] = [];
    for (const d of disagreements) {
      for (const e of d.elements) {
        const rule = explainDifference(e.element, e.probe);
        if (rule) byRule[rule.id] = (byRule[rule.id] ?? 0) + 1;
        else unexplained.push(`case ${d.testCase.index} statement ${e.statementIndex}: ours ${e.ours}, iam-simulate ${e.theirs}: ${JSON.stringify(e.element)} context ${JSON.stringify(e.probe.context)} principal ${e.probe.principal} resource ${e.probe.resource} version ${e.probe.policy.Version}`);
      }
    }
    console.log(
      `differential: ${CASES} cases (${JSON.stringify(decisions)}), ${CASES - disagreements.length} agree, ` +
        `${disagreements.length} differ; isolated differences by rule: ${JSON.stringify(byRule)}`,
    );
    expect(unexplained, unexplained.slice(0, 10).join('\n')).toEqual([]);
    // Each decision kind must be well represented, or the generator has drifted.
    for (const decision of ['Allow', 'ExplicitDeny', 'ImplicitDeny']) expect(decisions[decision] ?? 0).toBeGreaterThan(CASES / 20);
  });
});
