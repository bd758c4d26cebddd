/**
 * Runs the policy engine over every case of shared/testdata/iam-eval and prints the failures,
 * then `iam-eval: N passed, M failed`. Exit code 1 when any case fails.
 */
import { runIamEvalCases } from '../policy/conformance/runIamEvalCases';

const outcomes = runIamEvalCases();
const failed = outcomes.filter((o) => !o.passed);
for (const { testCase, actual, exception } of failed) {
  const expected = exception ? `${exception.ours} (exception; the case says ${testCase.expected.decision})` : testCase.expected.decision;
  console.log(`FAIL ${testCase.id}: expected ${expected}, got ${actual}\n     ${testCase.description}`);
}
console.log(`iam-eval: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.length ? 1 : 0;
