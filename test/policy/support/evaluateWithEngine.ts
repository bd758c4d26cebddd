import { evaluatePolicy, parsePolicy, type Decision, type Policy } from '../../../policy';
import { toPrincipal } from '../../../policy/conformance/iamEvalCases';
import type { GeneratedCase } from './generatePolicyCase';

export function parseCasePolicy(testCase: GeneratedCase): Policy {
  return parsePolicy(testCase.policy, { kind: testCase.policyType });
}

export function evaluateWithEngine(testCase: GeneratedCase, policy: Policy = parseCasePolicy(testCase)): Decision {
  const request = {
    principal: toPrincipal(testCase.principal),
    action: testCase.action,
    resource: testCase.resource,
    context: testCase.context,
  };
  return evaluatePolicy(policy, request).decision;
}
