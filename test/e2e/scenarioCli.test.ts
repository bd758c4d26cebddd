import { describe, expect, it } from 'vitest';
import { joinPatterns } from '../support/joinPatterns';
import { runScenario, scenarioDir } from '../support/runCli';
import { scenarioInProcess } from '../support/runInProcess';

const SERVICE_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
// The denial Lattice sends an out-of-org caller, in the documented format (lattice-behaviour.md §2).
const OUTSIDER_DENIAL =
  'AccessDeniedException: User: arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c ' +
  `is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ${SERVICE_ARN}/ ` +
  'because no network-based policy allows the vpc-lattice-svcs:Invoke action';

// `runScenario` starts the bundled command as a process, as `npm run scenario` does; `scenarioInProcess` runs the
// same entry point in this process, where what is tested is the command's own output and exit code.
describe('npm run scenario against the embedded local world', () => {
  it('in-org: the in-org caller gets "Lattice Success!" and the run exits 0', async () => {
    const run = await runScenario(['in-org']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PASS in-org › consumer-b .*observed: allowed 200 "Lattice Success!"/);
    expect(run.stdout).toContain('1 passed, 0 failed');
  });

  it("the embedded world never uses the machine's AWS settings or credentials", async () => {
    const run = await runScenario(['in-org'], {
      AWS_ACCESS_KEY_ID: 'AKIAMACHINECREDENTIAL',
      AWS_SECRET_ACCESS_KEY: 'machine-secret',
      AWS_PROFILE: 'no-such-profile',
      AWS_USE_FIPS_ENDPOINT: 'true',
      AWS_USE_DUALSTACK_ENDPOINT: 'true',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('out-of-org: the outsider is refused by the network layer and the run exits 0', async () => {
    const run = await scenarioInProcess(['out-of-org', '--reporter', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toEqual({ total: 1, passed: 1, failed: 0, flaky: 0 });
    expect(doc.results[0]).toMatchObject({
      scenario: 'out-of-org',
      caller: 'outsider-c',
      passed: true,
      expected: { kind: 'deny', layer: 'network' },
    });
    expect(doc.results[0].observed).toMatchObject({
      kind: 'denied',
      layer: 'network',
      explicit: false,
      body: OUTSIDER_DENIAL,
    });
  });

  it('json reporter prints one JSON document and nothing else on stdout', async () => {
    const run = await scenarioInProcess(['in-org', 'out-of-org', '--reporter', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.results.map((r: { scenario: string }) => r.scenario)).toEqual(['in-org', 'out-of-org']);
    expect(doc.results[0].observed).toEqual({ kind: 'allowed', status: 200, body: '"Lattice Success!"' });
  });

  it(
    'a scenario that expects the outsider to be allowed fails with exit 1, ' + 'expected and observed side by side',
    async () => {
      const dir = scenarioDir({
        'outsider-allowed.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [{ caller: 'outsider-c', expect: { allow: true } }] });`,
      });
      const run = await scenarioInProcess(['outsider-allowed', '--dir', dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('FAIL outsider-allowed › outsider-c');
      expect(run.stdout).toMatch(
        /expected: allow\n\s+observed: denied by network\n\s+response: AccessDeniedException: User: /,
      );
      expect(run.stdout).toContain('0 passed, 1 failed');
      expect(run.stdout).toContain(
        `which policy statement decided: npm run check -- outsider-allowed --dir ${dir} --explain`,
      );
    },
  );

  it('fails closed: an unreachable service with a deny expectation fails with exit 1', async () => {
    const dir = scenarioDir({
      'unreachable.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [
  { caller: 'consumer-b-isolated-vpc', expect: { deny: 'network' } },
] });`,
      'unassociated.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'billing', calls: [{ caller: 'outsider-c', expect: { deny: 'network' } }] });`,
    });
    const run = await scenarioInProcess(['unreachable', 'unassociated', '--dir', dir, '--reporter', 'json']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toEqual({ total: 2, passed: 0, failed: 2, flaky: 0 });
    for (const r of doc.results) expect(r.observed.kind).toBe('unreachable');
  });

  it('a broken scenario file exits 2 and names the file and the field', async () => {
    const dir = scenarioDir({
      'bad-layer.ts': `import { defineScenario } from HARNESS;
export default defineScenario({
  service: 'parking',
  calls: [{ caller: 'outsider-c', expect: { deny: 'vpc' as never } }],
});`,
      'bad-caller.ts': `export default { service: 'parking', calls: [{ caller: 'nobody', expect: { allow: true } }] };`,
      'bad-syntax.ts': `export default { service: 'parking', calls: [ };`,
    });
    const [layer, caller, syntax] = await Promise.all(
      // The syntax error as the bundled command reports it (it compiles the file with esbuild).
      ['bad-layer', 'bad-caller', 'bad-syntax'].map((name) =>
        (name === 'bad-syntax' ? runScenario : scenarioInProcess)([name, '--dir', dir]),
      ),
    );
    expect(layer!.code).toBe(2);
    expect(layer!.stderr).toMatch(
      joinPatterns([
        /bad-layer\.ts: calls\[0\]\.expect\.deny: /,
        /must be one of "network", "service", "identity", "organization", "boundary", "session", got "vpc"/,
      ]),
    );
    expect(caller!.code).toBe(2);
    expect(caller!.stderr).toMatch(/bad-caller\.ts: calls\[0\]\.caller: environment "local" has no caller "nobody"/);
    expect(syntax!.code).toBe(2);
    expect(syntax!.stderr).toMatch(/bad-syntax\.ts: syntax error at line 1, column \d+: /);
  }, 120_000);

  it('an unknown scenario name exits 2 and lists the available ones', async () => {
    const run = await scenarioInProcess(['no-such-scenario']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown scenario "no-such-scenario"\. Available: .*in-org.*out-of-org/);
  });
});
