import { describe, expect, it } from 'vitest';
import { seedWorld, type WorldSpec } from '../../world';
import { checkPlan } from '../../harness/check/checkPlan';
import { policyCoverage, uncoveredStatements, worldStatements } from '../../harness/check/coverage';
import { formatCoverage } from '../../harness/check/coverageText';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import { scenarioDir } from '../support/runCli';
import { runInProcess } from '../support/runInProcess';

const NOW = new Date('2025-03-04T05:06:07.000Z');
const runCheck = (args: string[]) => runInProcess('check.ts', args);

/** The demo world with a Deny guardrail on the network: no principal outside the organization. */
function withDenyGuardrail(): WorldSpec {
  const spec = seedWorld();
  const network = spec.serviceNetworks.find((n) => n.name === 'guarded-network')!;
  const policy = structuredClone(network.policy) as { Statement: unknown };
  const allow = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const deny = {
    Sid: 'DenyOutsideOrg',
    Effect: 'Deny',
    Principal: '*',
    Action: 'vpc-lattice-svcs:Invoke',
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
  };
  network.policy = { ...policy, Statement: [...allow, deny] };
  return spec;
}

function coverageOf(spec: WorldSpec, callers: string[]) {
  const env = localCheckEnvironment(spec);
  const calls = callers.flatMap((caller) =>
    resolveScenario(caller, `${caller}.ts`, { service: 'parking', calls: [{ caller, expect: { allow: true } }] }, env),
  );
  const report = checkPlan({ environment: env, calls }, spec, { now: NOW });
  return policyCoverage(
    spec,
    report.calls.map((c) => ({ id: c.call.id, explanation: c.explanation })),
  );
}

describe('policy coverage (from check’s explanations)', () => {
  it('lists every statement of the auth policies and the callers’ identity policies, once per holder', () => {
    const statements = worldStatements(seedWorld()).map((s) => `${s.layer} ${s.subject} ${s.index} ${s.effect}`);
    expect(statements).toEqual([
      'network service network guarded-network 0 Allow',
      'service service parking 0 Allow',
      'identity role lattice-invoker (222222222222) 0 Allow',
      'identity role lattice-invoker (444444444444) 0 Allow',
    ]);
  });

  it('a Deny guardrail that never fired comes first; an outsider’s call makes it fire', () => {
    const inOrgOnly = coverageOf(withDenyGuardrail(), ['consumer-b']);
    const first = uncoveredStatements(inOrgOnly)[0]!;
    expect(first).toMatchObject({ subject: 'service network guarded-network', index: 1, sid: 'DenyOutsideOrg' });
    expect(first.effect).toBe('Deny');
    expect(formatCoverage(inOrgOnly).split('\n')[1]).toBe(
      '  NOT EXERCISED  service network guarded-network Statement[1] "DenyOutsideOrg": Deny never fired',
    );
    const both = coverageOf(withDenyGuardrail(), ['consumer-b', 'outsider-c']);
    const deny = both.statements.find((s) => s.sid === 'DenyOutsideOrg')!;
    expect(deny.decided).toEqual(['outsider-c › outsider-c']);
    expect(deny.conditions[0]).toMatchObject({ key: 'aws:PrincipalOrgID', matched: ['outsider-c › outsider-c'] });
  });

  it('records each condition both ways: matched by the in-org call, not by the outsider’s', () => {
    const coverage = coverageOf(seedWorld(), ['consumer-b', 'outsider-c']);
    const network = coverage.statements[0]!;
    expect(network.decided).toEqual(['consumer-b › consumer-b']);
    expect(network.notApplied).toEqual(['outsider-c › outsider-c']);
    expect(network.conditions).toEqual([
      expect.objectContaining({
        operator: 'StringEquals',
        key: 'aws:SourceOrgID',
        matched: ['consumer-b › consumer-b'],
        notMatched: ['outsider-c › outsider-c'],
      }),
    ]);
    expect(coverage).toMatchObject({ covered: 4, total: 4, percent: 100 });
  });
});

const IN_ORG = `import { defineScenario } from HARNESS;
export default defineScenario({
  service: 'parking', calls: [{ caller: 'consumer-b', expect: { allow: { status: 200 } } }],
});`;
const OUT_OF_ORG = `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [{ caller: 'outsider-c', expect: { deny: 'network' } }] });`;

describe('npm run check -- --coverage (the command in process, demo world)', () => {
  it('both halves of the guardrail: every statement decided a call; --min-coverage 100 holds', async () => {
    const dir = scenarioDir({ 'in-org.ts': IN_ORG, 'out-of-org.ts': OUT_OF_ORG });
    const run = await runCheck(['--dir', dir, '--coverage', '--min-coverage', '100']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('policy coverage: 4 of 4 statements decided a call (100%)');
    expect(run.stdout).not.toContain('NOT EXERCISED');
  });

  it('without the in-org scenario the guardrail’s Allow never decides: named; below the minimum, exit 1', async () => {
    const dir = scenarioDir({ 'out-of-org.ts': OUT_OF_ORG });
    const run = await runCheck(['--dir', dir, '--coverage', '--min-coverage', '100']);
    expect(run.code).toBe(1);
    // And the in-org role's identity policy: no call of that role is left.
    expect(run.stdout).toContain(
      'policy coverage: 2 of 4 statements decided a call (50%)\n' +
        '  NOT EXERCISED  service network guarded-network Statement[0]: Allow never decided a call' +
        ' (weighed for 1, applied to none)' +
        ' [scenarios/worlds/demo/network-org-guardrail.json]\n' +
        '  NOT EXERCISED  role lattice-invoker (222222222222) Statement[0] "InvokeLatticeServices":' +
        ' Allow never decided a call' +
        ' [scenarios/worlds/demo/identity-invoke.json]\n',
    );
    expect(run.stdout).toContain('coverage 50% is below --min-coverage 100%');
    const json = await runCheck(['--dir', dir, '--coverage', '--json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.coverage).toMatchObject({ covered: 2, total: 4, percent: 50 });
    expect(doc.coverage.statements[0]).toMatchObject({
      subject: 'service network guarded-network',
      decided: [],
      notApplied: ['out-of-org › outsider-c'],
    });
  });

  it('--min-coverage without --coverage, or out of range, is a usage error (exit 2)', async () => {
    expect((await runCheck(['--min-coverage', '50'])).code).toBe(2);
    const bad = await runCheck(['--coverage', '--min-coverage', '150']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-coverage must be a percentage from 0 to 100, got "150"');
  });
});
