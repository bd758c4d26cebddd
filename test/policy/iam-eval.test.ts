import { describe, expect, it } from 'vitest';
import { loadIamEvalCases } from '../../policy/conformance/iamEvalCases';
import { loadConformanceExceptions, runIamEvalCase } from '../../policy/conformance/runIamEvalCases';

// All cases of test/fixtures/iam-eval/cases/*.json, read at test time.
const cases = loadIamEvalCases();
const exceptions = loadConformanceExceptions();

describe('iam-eval cases', () => {
  it('finds the whole data set', () => {
    expect(cases.length).toBeGreaterThanOrEqual(583);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, testCase) => {
    const outcome = runIamEvalCase(testCase, exceptions);
    const wanted = outcome.exception ? outcome.exception.ours : testCase.expected.decision;
    expect(outcome.actual, testCase.description).toBe(wanted);
  });
});

describe('conformance exceptions', () => {
  it.each(exceptions.map((e) => [e.id, e] as const))(
    '%s names a real case, its expected decision and a justification',
    (id, exception) => {
      const testCase = cases.find((c) => c.id === id);
      expect(testCase).toBeDefined();
      expect(exception.expected).toBe(testCase!.expected.decision);
      expect(exception.ours).not.toBe(exception.expected);
      expect(exception.justification.length).toBeGreaterThan(40);
    },
  );
});
