import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../harness/check/checkPlan';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import { predictRun } from '../../harness/report/predictRun';
import { resolvePlan } from '../../harness/resolve/resolvePlan';
import { loadWorld } from '../../world';

describe('predictRun', () => {
  // Calls alike are predicted once: each call must still get exactly what check predicts for it alone.
  for (const name of ['demo', 'marketplace'])
    it(`gives every call of the ${name} world check's own prediction and verdict`, async () => {
      const world = await loadWorld(name, 'scenarios');
      const env = localCheckEnvironment(world);
      const selection = { dir: 'scenarios', all: true, names: [] };
      const plan = await resolvePlan(selection, env);
      const now = new Date('2026-12-01T12:00:00Z');
      const insights = await predictRun(plan, selection, { now });
      const report = checkPlan(plan, world, { now, policyFiles: world.policyFiles });
      expect(insights?.byCallId.size).toBe(plan.calls.length);
      for (const c of report.calls) {
        const insight = insights?.byCallId.get(c.call.id);
        expect(insight?.prediction, c.call.id).toEqual(c.prediction);
        expect(insight?.expectationAgrees, c.call.id).toBe(c.agrees);
        expect(
          insight?.explanation.layers.map((l) => l.statements),
          c.call.id,
        ).toEqual(c.explanation?.layers.map((l) => l.statements));
      }
    });
});
