/**
 * Runs the policy engine over every case of test/fixtures/iam-eval. A case passes when our
 * decision is the case's; every other case is printed, with the AWS documentation that justifies
 * our answer where it is a listed exception (policy/conformance-exceptions.json). The last line is
 * `iam-eval: N passed, M failed`. Exit code 1 when a failing case is not a listed exception.
 */
import { runIamEvalCases } from '../policy/conformance/runIamEvalCases';

const outcomes = runIamEvalCases();
const failed = outcomes.filter((o) => o.actual !== o.testCase.expected.decision);
for (const { testCase, actual, exception, passed } of failed) {
  console.log(`FAIL ${testCase.id}: the case says ${testCase.expected.decision}, we answer ${actual}\n     ${testCase.description}`);
  console.log(exception && passed ? `     listed exception: ${exception.justification}` : '     NOT a listed exception');
}
console.log(`iam-eval: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.every((o) => o.exception && o.passed) ? 0 : 1;
