/**
 * Runs the policy engine against two references.
 *
 * 1. Every case of test/fixtures/iam-eval. A case passes when our decision is the case's; every
 *    other case is printed, with the AWS documentation that justifies our answer where it is a
 *    listed exception (policy/conformance-exceptions.json). Then `iam-eval: N passed, M failed`.
 * 2. The full differential run against @cloud-copilot/iam-simulate (10,000 generated cases, the
 *    test suite runs the first 2,500): every isolated difference must be documented in
 *    test/policy/support/knownDifferences.ts. The last line is `differential: ...`.
 *
 * Exit code 1 when a failing iam-eval case is not a listed exception, or a difference is not
 * documented, or the generated cases no longer cover every decision.
 */
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

prepareCliProcess();
const { runIamEvalCases } = await import('../policy/conformance/runIamEvalCases');
const { describeDifferential, DIFFERENTIAL_FULL_CASES, runDifferential, underrepresentedDecisions } = await import(
  '../test/policy/support/runDifferential'
);

const outcomes = runIamEvalCases();
const failed = outcomes.filter((o) => o.actual !== o.testCase.expected.decision);
for (const { testCase, actual, exception, passed } of failed) {
  console.log(
    `FAIL ${testCase.id}: the case says ${testCase.expected.decision}, we ` +
      `answer ${actual}\n     ${testCase.description}`,
  );
  console.log(
    exception && passed ? `     listed exception: ${exception.justification}` : '     NOT a listed exception',
  );
}
console.log(`iam-eval: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
const iamEvalPassed = failed.every((o) => o.exception && o.passed);

const differential = await runDifferential(DIFFERENTIAL_FULL_CASES);
for (const line of differential.unexplained) console.log(`UNDOCUMENTED ${line}`);
const drifted = underrepresentedDecisions(differential);
if (drifted.length) console.log(`the generated cases have drifted: under 1 in 20 decisions are ${drifted.join(', ')}`);
console.log(describeDifferential(differential));

process.exitCode = iamEvalPassed && differential.unexplained.length === 0 && drifted.length === 0 ? 0 : 1;
