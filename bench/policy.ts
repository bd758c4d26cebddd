/**
 * Evaluations per second of the policy engine and of @cloud-copilot/iam-simulate's public API
 * (`runSimulation`), on the same pre-generated cases: policies of about 10,000 characters (the
 * Lattice auth policy limit), measured in one run.
 */
import { evaluatePolicy, parsePolicy, type EvalRequest, type Policy } from '../policy';
import { toPrincipal } from '../policy/conformance/iamEvalCases';
import { generatePolicyCase, type GeneratedCase } from '../test/policy/support/generatePolicyCase';
import { simulateWithIamSimulate } from '../test/policy/support/simulateWithIamSimulate';

export interface PolicyBenchOptions {
  /** Distinct cases, cycled through. */
  cases?: number;
  /** Measuring time per engine, in seconds. */
  seconds?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface PolicyBenchResult {
  cases: number;
  meanPolicyLength: number;
  /** evaluatePolicy on policies compiled once (how the emulator uses it). */
  oursPerSecond: number;
  /** parsePolicy + evaluatePolicy for every evaluation. */
  oursColdPerSecond: number;
  iamSimulatePerSecond: number;
  ratio: number;
  coldRatio: number;
}

const MAX_LENGTH = 10_000;

export async function benchPolicy(options: PolicyBenchOptions = {}): Promise<PolicyBenchResult> {
  const { cases: count = 200, seconds = 3, seed = 7, log = console.log } = options;
  const cases = Array.from({ length: count }, (_, i) => generateLargeCase(seed, i));
  const requests: EvalRequest[] = cases.map((c) => ({
    principal: toPrincipal(c.principal),
    action: c.action,
    resource: c.resource,
    context: c.context,
  }));
  const policies: Policy[] = cases.map((c) => parsePolicy(c.policy, { kind: c.policyType }));
  const meanPolicyLength = Math.round(cases.reduce((n, c) => n + JSON.stringify(c.policy).length, 0) / count);
  log(`policy bench: ${count} cases, policies of ${meanPolicyLength} characters on average, ${seconds}s per engine`);

  const oursPerSecond = measureSync(seconds, (i) => evaluatePolicy(policies[i % count]!, requests[i % count]!));
  const oursColdPerSecond = measureSync(seconds, (i) =>
    evaluatePolicy(parsePolicy(cases[i % count]!.policy), requests[i % count]!),
  );
  const iamSimulatePerSecond = await measureAsync(seconds, (i) => simulateWithIamSimulate(cases[i % count]!));

  const result = {
    cases: count,
    meanPolicyLength,
    oursPerSecond,
    oursColdPerSecond,
    iamSimulatePerSecond,
    ratio: oursPerSecond / iamSimulatePerSecond,
    coldRatio: oursColdPerSecond / iamSimulatePerSecond,
  };
  log(`  ours (compiled once)   ${format(oursPerSecond)} evaluations/s`);
  log(`  ours (parse each time) ${format(oursColdPerSecond)} evaluations/s`);
  log(`  iam-simulate           ${format(iamSimulatePerSecond)} evaluations/s (runSimulation)`);
  log(`  ratio ${result.ratio.toFixed(0)}x (compiled), ${result.coldRatio.toFixed(1)}x (parse each time)`);
  return result;
}

export default benchPolicy;

/** A generated case grown to just under 10,000 characters of policy. */
function generateLargeCase(seed: number, index: number): GeneratedCase {
  const testCase = generatePolicyCase(seed, index, { maxStatements: 1, resourceShare: 0.3 });
  for (let extra = 1; ; extra++) {
    const more = generatePolicyCase(seed, index + extra * 1_000_000, { maxStatements: 1 }).policy.Statement[0]!;
    if (testCase.policyType === 'identity') {
      delete more.Principal;
      delete more.NotPrincipal;
    } else if (!more.Principal && !more.NotPrincipal) more.Principal = '*';
    const grown = [...testCase.policy.Statement, more];
    if (JSON.stringify({ ...testCase.policy, Statement: grown }).length > MAX_LENGTH) return testCase;
    testCase.policy.Statement = grown;
  }
}

/** Calls `fn` for `seconds` (after a short warm-up) and returns calls per second. */
function measureSync(seconds: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < 200; i++) fn(i);
  const start = performance.now();
  const end = start + seconds * 1000;
  let calls = 0;
  while (performance.now() < end) for (let batch = 0; batch < 100; batch++) fn(calls++);
  return calls / ((performance.now() - start) / 1000);
}

async function measureAsync(seconds: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(i);
  const start = performance.now();
  const end = start + seconds * 1000;
  let calls = 0;
  while (performance.now() < end) await fn(calls++);
  return calls / ((performance.now() - start) / 1000);
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(10);
}
