/**
 * Differential test against @cloud-copilot/iam-simulate's public API: generated single-policy
 * cases (seeded, so every run is the same). Every disagreement is isolated to one element of one
 * statement and must be a documented known difference (support/knownDifferences.ts).
 *
 * The suite runs the first 1,000 cases of the 10,000 that `npm run conformance` runs (case i is
 * the same in both); iam-simulate takes about 1 ms a case, most of this file's time.
 */
import { describe, expect, it } from 'vitest';
import { describeDifferential, runDifferential, underrepresentedDecisions } from './support/runDifferential';

const CASES = 1_000;

describe('differential: our engine against iam-simulate', () => {
  it(`agrees on ${CASES} generated cases, apart from documented differences`, { timeout: 120_000 }, async () => {
    const result = await runDifferential(CASES);
    console.log(describeDifferential(result));
    expect(result.unexplained, result.unexplained.slice(0, 10).join('\n')).toEqual([]);
    // Each decision kind must be well represented, or the generator has drifted.
    expect(underrepresentedDecisions(result)).toEqual([]);
  });
});
