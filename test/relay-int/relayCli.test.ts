import { describe, expect, it } from 'vitest';
import { runInProcess, scenarioInProcess } from '../support/runInProcess';

const B_VPC_ARN = 'arn:aws:ec2:us-east-1:222222222222:vpc/vpc-0b0b0b0b0b0b0b0b0';

interface ReportResult {
  scenario: string;
  observed: { kind: string; layer?: string; status?: number; body?: string };
  predicted?: { kind: string; layer?: string };
  passed: boolean;
}

// The relays world end to end, as `npm run scenario` and `npm run check` run it.
describe('scenarios through relays, run and predicted', () => {
  it('in-org caller allowed, out-of-org caller denied by the network, each from its own VPC', async () => {
    const run = await scenarioInProcess(['--world', 'relays', '--all', '--reporter', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: unknown; results: ReportResult[] };
    expect(report.summary).toMatchObject({ total: 3, passed: 3, failed: 0, flaky: 0 });
    const by = (scenario: string) => report.results.find((r) => r.scenario === scenario)!;
    expect(by('relays-in-org').observed).toEqual({ kind: 'allowed', status: 200, body: '"Lattice Success!"' });
    expect(by('relays-out-of-org').observed).toMatchObject({
      kind: 'denied',
      layer: 'network',
      principal: 'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c',
    });
    // The target saw the request come from B's VPC, as Lattice tells it.
    const echoed = JSON.parse(by('relays-source-vpc').observed.body!) as { headers: Record<string, string> };
    expect(echoed.headers['x-amzn-lattice-network']).toBe(`SourceVpcArn=${B_VPC_ARN}`);

    const check = await runInProcess('check.ts', ['--world', 'relays', '--json']);
    expect(check.code).toBe(0);
    const predicted = JSON.parse(check.stdout) as { summary: unknown; results: ReportResult[] };
    expect(predicted.summary).toMatchObject({ total: 3, agree: 3, disagree: 0 });
    for (const r of report.results) {
      const p = predicted.results.find((x) => x.scenario === r.scenario)!.predicted!;
      expect([p.kind, p.layer]).toEqual([r.observed.kind, r.observed.layer]);
    }
  });
});
