import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { runScript, scenarioDir } from '../support/runCli';

// An environment for "real accounts" that mirrors the demo world (here: a running local world,
// reached the way AWS is, by endpoints and the SDK chain). After the service network's auth type is
// switched to NONE behind the code's back, AWS's answers are compared with the world as code.
const started: LocalWorld[] = [];
afterAll(() => Promise.all(started.map((w) => w.close())));

const NETWORK_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0';

describe('observed versus predicted: AWS disagrees with the world as code', () => {
  it('is a finding of its own in every reporter, and fails the run only with --strict-model', async () => {
    const local = await startLocalWorld();
    started.push(local);
    // Drift: the guardrail's network no longer enforces its auth policy.
    local.world.changeAuth(NETWORK_ARN, { authType: 'NONE' });
    const service = local.services.find((s) => s.name === 'parking')!;
    const dir = scenarioDir({
      // The outsider is let in now; the scenario says what AWS does, so it passes.
      'drifted.ts':
        `export default { service: 'parking', calls: [{ caller: 'outsider-c', ` + `expect: { allow: true } }] };\n`,
      'environments/mirror.ts': `export default (env) => ({
  world: 'demo',
  region: 'us-east-1',
  credentials: { source: 'chain' },
  stsEndpoint: env.required('STS'),
  caFile: env.required('CA_FILE'),
  callers: {
    'outsider-c': {
      roleArn: 'arn:aws:iam::444444444444:role/lattice-invoker',
      externalId: 'lattice-e2e-outsider',
      localAddress: '127.0.0.12',
    },
  },
  services: { parking: { url: 'https://${service.domain}/', arn: '${service.arn}' } },
  resolve: { '${service.domain}': env.required('DATA_PLANE') },
});
`,
    });
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, local.caCertPem);
    const vars = {
      AWS_ACCESS_KEY_ID: local.world.runnerKey.accessKeyId,
      AWS_SECRET_ACCESS_KEY: local.world.runnerKey.secretAccessKey,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_REGION: 'us-east-1',
      HOME: dir,
      STS: local.stsEndpoint,
      CA_FILE: caFile,
      DATA_PLANE: `${local.https.address}:${local.https.port}`,
    };
    const junit = join(dir, 'junit.xml');
    const run = await runScript(
      'scenario.ts',
      ['drifted', '--env', 'mirror', '--dir', dir, '--reporter', 'json', '--reporter', `junit=${junit}`],
      vars,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ total: 1, passed: 1, failed: 0, modelDisagreements: 1 });
    expect(report.results[0].model).toMatchObject({ agrees: false, predicted: 'denied by network' });
    expect(report.results[0].model.reason).toContain('AWS answered allowed 200');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(junit, 'utf8')).toContain('<property name="model-agrees" value="false"/>');

    const console = await runScript('scenario.ts', ['drifted', '--env', 'mirror', '--dir', dir], vars);
    expect(console.stdout).toContain('model:    AWS disagrees with the world as code: AWS answered allowed 200');
    expect(console.stdout).toContain('1 passed, 0 failed, 1 where AWS disagrees with the world as code');

    const strict = await runScript('scenario.ts', ['drifted', '--env', 'mirror', '--dir', dir, '--strict-model'], vars);
    expect(strict.code).toBe(1);
    expect(strict.stdout).not.toContain(local.world.runnerKey.secretAccessKey);
  }, 120_000);
});
