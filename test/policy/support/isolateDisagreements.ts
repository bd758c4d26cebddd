import type { Decision } from '../../../policy';
import { evaluateWithEngine } from './evaluateWithEngine';
import type { GeneratedCase } from './generatePolicyCase';
import { simulateWithIamSimulate } from './simulateWithIamSimulate';

/**
 * The smallest part of a policy on which the two engines disagree: a statement's scope
 * (principal, action and resource, without its conditions) or one condition (operator, key).
 */
export type PolicyElement =
  | { kind: 'scope'; statement: Record<string, unknown> }
  | { kind: 'condition'; operator: string; key: string; values: string[] };

export interface ElementDisagreement {
  statementIndex: number;
  element: PolicyElement;
  probe: GeneratedCase;
  ours: Decision;
  theirs: Decision;
}

export interface CaseDisagreement {
  testCase: GeneratedCase;
  ours: Decision;
  theirs: Decision;
  /** Each disagreeing element of each disagreeing statement; empty if none could be isolated. */
  elements: ElementDisagreement[];
}

/** Splits a disagreeing case into statements, then each statement into its elements. */
export async function isolateDisagreements(
  testCase: GeneratedCase,
  ours: Decision,
  theirs: Decision,
): Promise<CaseDisagreement> {
  const elements: ElementDisagreement[] = [];
  for (const [statementIndex, statement] of testCase.policy.Statement.entries()) {
    const single = withStatement(testCase, statement);
    if (evaluateWithEngine(single) === (await simulateWithIamSimulate(single))) continue;
    for (const { element, statement: probeStatement } of elementsOf(statement, testCase.policyType)) {
      const probe = withStatement(testCase, probeStatement);
      const [o, t] = [evaluateWithEngine(probe), await simulateWithIamSimulate(probe)];
      if (o !== t) elements.push({ statementIndex, element, probe, ours: o, theirs: t });
    }
    if (!elements.some((e) => e.statementIndex === statementIndex)) {
      elements.push({ statementIndex, element: { kind: 'scope', statement }, probe: single, ours, theirs });
    }
  }
  return { testCase, ours, theirs, elements };
}

function withStatement(testCase: GeneratedCase, statement: Record<string, unknown>): GeneratedCase {
  return { ...testCase, policy: { ...testCase.policy, Statement: [statement] } };
}

function* elementsOf(statement: Record<string, unknown>, policyType: GeneratedCase['policyType']) {
  const { Condition, ...scope } = statement;
  yield { element: { kind: 'scope', statement: scope } as PolicyElement, statement: { ...scope, Effect: 'Allow' } };
  for (const [operator, block] of Object.entries(
    (Condition ?? {}) as Record<string, Record<string, string | string[]>>,
  )) {
    for (const [key, raw] of Object.entries(block)) {
      const values = [raw].flat();
      const probe = {
        Effect: 'Allow',
        ...(policyType === 'resource' && { Principal: '*' }),
        Action: '*',
        Resource: '*',
        Condition: { [operator]: { [key]: raw } },
      };
      yield { element: { kind: 'condition', operator, key, values } as PolicyElement, statement: probe };
    }
  }
}
