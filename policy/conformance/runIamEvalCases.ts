import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluatePolicy } from '../evaluatePolicy';
import { parsePolicy } from '../parsePolicy';
import { PolicyError } from '../PolicyError';
import type { Decision } from '../types';
import { loadIamEvalCases, toEvalRequest, type IamEvalCase } from './iamEvalCases';

/** A case we do not agree with, with the AWS documentation that says why. */
export interface ConformanceException {
  id: string;
  expected: Decision;
  /** Our answer: a decision, or `PolicyError:<code>` when we refuse the policy. */
  ours: Outcome;
  justification: string;
}

export type Outcome = Decision | `PolicyError:${string}`;

export interface CaseOutcome {
  testCase: IamEvalCase;
  actual: Outcome;
  passed: boolean;
  exception?: ConformanceException;
}

export const CONFORMANCE_EXCEPTIONS_FILE = resolve(import.meta.dirname, '../conformance-exceptions.json');

/** An exception as the file holds it: the justification as lines short enough to read in a diff. */
type StoredException = Omit<ConformanceException, 'justification'> & { justification: unknown };

/** Reads the exceptions, joining each justification's lines with spaces. */
export function loadConformanceExceptions(file: string = CONFORMANCE_EXCEPTIONS_FILE): ConformanceException[] {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as StoredException[];
  return entries.map((entry, i) => {
    const lines = entry.justification;
    if (!Array.isArray(lines) || !lines.every((line) => typeof line === 'string'))
      throw new Error(`${file}: [${i}].justification: must be an array of lines (strings)`);
    return { ...entry, justification: lines.join(' ') };
  });
}

/** Evaluates one case alone; a case listed as an exception passes only with the listed decision. */
export function runIamEvalCase(testCase: IamEvalCase, exceptions: readonly ConformanceException[] = []): CaseOutcome {
  const exception = exceptions.find((e) => e.id === testCase.id);
  let actual: CaseOutcome['actual'];
  try {
    const policy = parsePolicy(testCase.policy, { kind: testCase.policyType });
    actual = evaluatePolicy(policy, toEvalRequest(testCase)).decision;
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    actual = `PolicyError:${error.code}`;
  }
  const wanted = exception ? exception.ours : testCase.expected.decision;
  return { testCase, actual, passed: actual === wanted, ...(exception && { exception }) };
}

export function runIamEvalCases(
  cases: readonly IamEvalCase[] = loadIamEvalCases(),
  exceptions: readonly ConformanceException[] = loadConformanceExceptions(),
): CaseOutcome[] {
  return cases.map((c) => runIamEvalCase(c, exceptions));
}
