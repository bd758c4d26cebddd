import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('joins the lines of a justification with single spaces', () => {
    const justification = exceptions.find((e) => e.id === 'arsenal/093')!.justification;
    expect(justification).toContain('policy grammar (reference_policies_grammar.md) defines "Statement"');
    expect(justification).toContain('with at least one statement');
    expect(justification).not.toMatch(/\s{2}|^\s|\s$/);
  });

  it('refuses a justification that is not an array of lines, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exceptions-'));
    try {
      const file = join(dir, 'exceptions.json');
      const entry = { id: 'arsenal/093', expected: 'ImplicitDeny', ours: 'PolicyError:MissingField' };
      writeFileSync(file, JSON.stringify([{ ...entry, justification: 'one long string' }]));
      expect(() => loadConformanceExceptions(file)).toThrow(`${file}: [0].justification: must be an array of lines`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
