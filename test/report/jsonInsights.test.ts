import { describe, expect, it } from 'vitest';
import { scenarioInProcess } from '../support/runInProcess';

describe('the JSON report with the world known (local environment)', () => {
  it(
    'each result carries check’s prediction, whether the observation ' +
      'matches it, and the explanation; plus coverage',
    async () => {
      const run = await scenarioInProcess(['out-of-org', '--reporter', 'json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.schemaVersion).toBe(1);
      const [result] = doc.results;
      expect(result.observed).toMatchObject({ kind: 'denied', layer: 'network' });
      expect(result.prediction).toMatchObject({ kind: 'denied', layer: 'network', explicit: false });
      expect(result.matchesPrediction).toBe(true);
      const network = result.explanation.layers.find((l: { layer: string }) => l.layer === 'network');
      expect(network).toMatchObject({
        decision: 'ImplicitDeny',
        files: ['scenarios/worlds/demo/network-org-guardrail.json'],
        statements: [{ index: 0, effect: 'Allow', applies: false, mismatch: 'condition' }],
      });
      expect(network.statements[0].conditions[0]).toMatchObject({
        key: 'aws:SourceOrgID',
        requestValue: null,
        matched: false,
      });
      // One scenario: the guardrail's Allow and the in-org role's identity policy decided nothing.
      expect(doc.coverage).toMatchObject({ covered: 2, total: 4, percent: 50 });
    },
  );
});
