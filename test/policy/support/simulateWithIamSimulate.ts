/**
 * @cloud-copilot/iam-simulate (AGPL-3.0, a devDependency) through its public API, for tests,
 * benchmarks and `npm run conformance` only: nothing under policy/ imports it.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { Decision } from '../../../policy';
import { ACCOUNT } from './keyCatalogue';
import type { GeneratedCase } from './generatePolicyCase';

const DECISIONS: Record<string, Decision> = {
  Allowed: 'Allow',
  AllowedForAccount: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  DeniedForAccount: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

export function toSimulation(testCase: GeneratedCase): Simulation {
  const policy = testCase.policy;
  return {
    request: {
      principal: testCase.principal === 'anonymous' ? anonymousPrincipal : testCase.principal,
      action: testCase.action,
      resource: { resource: testCase.resource, accountId: ACCOUNT },
      contextVariables: testCase.context,
    },
    identityPolicies: testCase.policyType === 'identity' ? [{ name: 'policy', policy }] : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(testCase.policyType === 'resource' && { resourcePolicy: policy }),
  };
}

/** The decision of the case's one policy alone, as iam-simulate sees it. */
export async function simulateWithIamSimulate(testCase: GeneratedCase): Promise<Decision> {
  const result = await runSimulation(toSimulation(testCase), {});
  if (result.resultType !== 'single') {
    throw new Error(`iam-simulate could not run case ${testCase.index}: ${JSON.stringify(result).slice(0, 500)}`);
  }
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length)
    throw new Error(`iam-simulate ignored context keys ${ignored.join(', ')} in case ${testCase.index}`);
  const analysis = result.result.analysis;
  const own =
    testCase.policyType === 'identity' ? analysis.identityAnalysis?.result : analysis.resourceAnalysis?.result;
  const decision = own && DECISIONS[own];
  if (!decision)
    throw new Error(`iam-simulate gave no ${testCase.policyType} decision for case ${testCase.index}: ${own}`);
  return decision;
}
