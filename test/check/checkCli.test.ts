import { describe, expect, it } from 'vitest';
import { joinPatterns } from '../support/joinPatterns';
import { scenarioDir } from '../support/runCli';
import { runInProcess } from '../support/runInProcess';

const runCheck = (args: string[], env?: NodeJS.ProcessEnv) => runInProcess('check.ts', args, env);

const OUTSIDER_DENIAL =
  'AccessDeniedException: User: ' +
  'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c ' +
  'is not authorized to perform: ' +
  'vpc-lattice-svcs:Invoke on resource: ' +
  'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0/ ' +
  'because no network-based policy allows the vpc-lattice-svcs:Invoke ' +
  'action';

describe('npm run check (the command in process, offline)', () => {
  it('--all: every scenario agrees with its prediction and the run exits 0', async () => {
    const run = await runCheck(['--all', '--explain']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      joinPatterns(
        [
          /^AGREES +in-org › consumer-b .*\n/,
          / +expected: +allow 200 "Lattice Success!"\n/,
          / +predicted: allowed 200 "Lattice Success!"/,
        ],
        'm',
      ),
    );
    expect(run.stdout).toMatch(
      joinPatterns(
        [
          /^AGREES +out-of-org › outsider-c .*\n/,
          / +expected: +deny by network\n/,
          / +predicted: denied by network\n/,
          / +response: +(.*)$/,
        ],
        'm',
      ),
    );
    expect(run.stdout).toContain(`response:  ${OUTSIDER_DENIAL}\n`);
    // The network policy's condition, request value against policy value, for both callers.
    expect(run.stdout).toContain(
      'network  service network guarded-network (AWS_IAM): denies (no ' +
        'statement allows) [scenarios/worlds/demo/network-org-guardrail.json]',
    );
    expect(run.stdout).toContain(
      'StringEquals aws:SourceOrgID: request value (absent) vs policy value "o-a1b2c3d4e5": no match',
    );
    expect(run.stdout).toContain('account 444444444444 is in no organization, so the key is absent');
    expect(run.stdout).toContain(
      'StringEquals aws:SourceOrgID: request value "o-a1b2c3d4e5" vs policy value "o-a1b2c3d4e5": matches',
    );
    expect(run.stdout).toMatch(
      joinPatterns([
        /WARNING source-org-id .*\[scenarios\/worlds\/demo\/network-org-guardrail\.json\]\n/,
        / +at: +Statement\[0\]\.Condition\.StringEquals\.aws:SourceOrgID/,
      ]),
    );
    expect(run.stdout).toContain('4 agree, 0 disagree; 0 lint errors, 1 warning');
  });

  it('--json: one document with the prediction and the deciding condition', async () => {
    const run = await runCheck(['in-org', 'out-of-org', '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, environment: 'local', sourceOrgIdMode: 'principal' });
    expect(doc.summary).toEqual({ total: 2, agree: 2, disagree: 0, lintErrors: 0, lintWarnings: 1 });
    const outsider = doc.results.find((r: { caller: string }) => r.caller === 'outsider-c');
    expect(outsider).toMatchObject({
      scenario: 'out-of-org',
      agrees: true,
      expected: { kind: 'deny', layer: 'network' },
    });
    expect(outsider.predicted).toEqual({
      kind: 'denied',
      layer: 'network',
      explicit: false,
      principal: 'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c',
      resource: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0/',
      message: OUTSIDER_DENIAL,
    });
    const network = outsider.explanation.layers.find((l: { layer: string }) => l.layer === 'network');
    expect(network).toMatchObject({
      decision: 'ImplicitDeny',
      files: ['scenarios/worlds/demo/network-org-guardrail.json'],
    });
    expect(network.statements[0]).toMatchObject({
      index: 0,
      effect: 'Allow',
      applies: false,
      mismatch: 'condition',
      conditions: [
        {
          operator: 'StringEquals',
          key: 'aws:SourceOrgID',
          requestValue: null,
          policyValues: ['o-a1b2c3d4e5'],
          matched: false,
        },
      ],
    });
    expect(doc.lint).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'source-org-id',
        file: 'scenarios/worlds/demo/network-org-guardrail.json',
      }),
    ]);
  });

  it(
    'a scenario that expects the outsider to be allowed disagrees: exit 1, ' + 'DISAGREES and the explanation',
    async () => {
      const dir = scenarioDir({
        'outsider-allowed.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [{ caller: 'outsider-c', expect: { allow: true } }] });`,
      });
      const run = await runCheck(['outsider-allowed', '--dir', dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^DISAGREES outsider-allowed › outsider-c .*\n +expected: +allow\n +predicted: denied by network\n/m,
      );
      expect(run.stdout).toContain('why:       expected the call to be allowed, observed denied');
      expect(run.stdout).toContain('explanation:');
      expect(run.stdout).toContain(
        'StringEquals aws:SourceOrgID: request value (absent) vs policy value "o-a1b2c3d4e5": no match',
      );
      expect(run.stdout).toContain('0 agree, 1 disagree');
    },
  );

  it(
    'bad input exits 2: an unknown scenario lists the available ones; an ' + 'environment needs its variables',
    async () => {
      const unknown = await runCheck(['no-such-scenario']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(
        /unknown scenario "no-such-scenario"\. Available: .*in-org, .*out-of-org, .*source-org-id/,
      );
      const env = await runCheck(['--env', 'staging'], { LATTICE_E2E_REGION: '' });
      expect(env.code).toBe(2);
      expect(env.stderr).toContain('missing environment variables: LATTICE_E2E_REGION');
    },
  );
});
