import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../harness/classify/classifyResponse';
import { describeOutcome, type Outcome } from '../../harness/classify/outcome';
import { formatExpectation, judgeOutcome } from '../../harness/judge/judgeOutcome';
import type { Expectation, PlannedCall } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import type { SendResult } from '../../harness/send/sendRequest';
import { createRandom } from '../support/random';
import { type GeneratedAnswer, generateAnswers } from './support/generateAnswers';
import { MUTATION_NAMES } from './support/mutateAnswer';
import { oracleVerdict } from './support/oracleVerdict';
import { EXPECTATIONS, sampleCalls } from './support/sampleCalls';
import { seedAndScale } from '../support/seedAndScale';

/**
 * No look-alike answer passes a deny expectation. Thousands of answers (genuine denials and successes, other AWS
 * and proxy answers, then 0 to 3 random mutations each; and answers that never came) go through the harness's own
 * path, classifyResponse then judgeOutcome as runCall does it, under every expectation a call can carry; an oracle
 * written from AWS's documented texts says which may pass. LATTICE_E2E_FAIL_CLOSED_SCALE multiplies the count:
 * `LATTICE_E2E_FAIL_CLOSED_SCALE=10 LATTICE_E2E_FAIL_CLOSED_SEED=$RANDOM npx vitest run test/harness/failClosed`.
 */

const { seed: SEED, scale: SCALE } = seedAndScale(
  'LATTICE_E2E_FAIL_CLOSED_SEED',
  'LATTICE_E2E_FAIL_CLOSED_SCALE',
  20_261_202,
);
const ANSWERS = Math.round(20_000 * SCALE);

const OUTCOME_KINDS = new Set(Object.keys(describeOutcome));

/** The harness's path for one observation: classified, redacted (nothing registered), then judged. */
function observe(answer: SendResult, redactor: Redactor): Outcome {
  return redactor.redactDeep(classifyResponse(answer));
}

const describeCase = (g: GeneratedAnswer, expect: Expectation, outcome: Outcome, reason?: string) =>
  `${formatExpectation(expect)} for ${g.call.name} ` +
  `(query ${JSON.stringify(g.call.request.query)}); answer ${JSON.stringify(g.answer)}; ` +
  `from ${g.origin}${g.mutations.length ? ` + ${g.mutations.join(' + ')}` : ''}; ` +
  `classified ${outcome.kind}${reason ? `; judge: ${reason}` : '; judge: passed'}`;

describe('fail closed: the harness against a documented oracle', () => {
  it(`passes a deny expectation only on Lattice's exact denial (seed ${SEED}, ${ANSWERS} answers)`, () => {
    const started = performance.now();
    const calls = sampleCalls();
    const generated = generateAnswers(createRandom(SEED), calls, ANSWERS);
    const redactor = new Redactor();
    const failOpen: string[] = [];
    const overRefused: string[] = [];
    const broken: string[] = [];
    let judgments = 0;
    let denyPasses = 0;
    let allowPasses = 0;
    const byMutation = new Map<string, number>(MUTATION_NAMES.map((m) => [m, 0]));
    const byKind = new Map<string, number>();

    for (const g of generated) {
      for (const m of g.mutations) byMutation.set(m, byMutation.get(m)! + 1);
      let outcome: Outcome;
      try {
        outcome = observe(g.answer, redactor);
      } catch (error) {
        broken.push(`classifying ${JSON.stringify(g.answer)} threw ${String(error)}`);
        continue;
      }
      byKind.set(outcome.kind, (byKind.get(outcome.kind) ?? 0) + 1);
      if (!OUTCOME_KINDS.has(outcome.kind)) broken.push(`${JSON.stringify(g.answer)} classified ${outcome.kind}`);
      for (const expect of EXPECTATIONS) {
        const call: PlannedCall = { ...g.call, expect };
        const verdict = judgeOutcome(call, outcome);
        const allowed = oracleVerdict(call, expect, g.answer);
        judgments++;
        if (verdict.passed && !allowed) failOpen.push(describeCase(g, expect, outcome));
        if (!verdict.passed && allowed) overRefused.push(describeCase(g, expect, outcome, verdict.reason));
        if (verdict.passed && allowed) expect.kind === 'deny' ? denyPasses++ : allowPasses++;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fail closed (seed ${SEED}): ${generated.length} answers, ${judgments} judgments in ${seconds.toFixed(2)} s; ` +
        `${failOpen.length} passes the oracle forbids, ${overRefused.length} refusals it allows; ` +
        `${denyPasses} deny and ${allowPasses} allow passes both agree on\n` +
        `  outcomes: ${[...byKind].map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `  ${byMutation.size} mutations, each applied ${Math.min(...byMutation.values())} to ` +
        `${Math.max(...byMutation.values())} times`,
    );

    expect(broken.slice(0, 10)).toEqual([]);
    // A pass the oracle forbids is a guardrail reported as holding when it may not: the worst bug there is.
    expect(failOpen.slice(0, 10), `${failOpen.length} fail-open passes`).toEqual([]);
    expect(overRefused.slice(0, 10), `${overRefused.length} refusals of genuine answers`).toEqual([]);
    // The space was explored: genuine answers passed, and every mutation came up many times.
    expect(denyPasses).toBeGreaterThan(ANSWERS / 10);
    expect(allowPasses).toBeGreaterThan(ANSWERS / 50);
    for (const [name, n] of byMutation) expect(n, name).toBeGreaterThan(ANSWERS / 100);
  });
});
