import {
  DeleteAuthPolicyCommand,
  PutAuthPolicyCommand,
  UpdateServiceCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it, type TestContext } from 'vitest';
import { startLocalWorld, type LocalWorld, type LocalWorldOptions } from '../../emulator/startLocalWorld';
import { checkDeployedPolicies } from '../../harness/check/deployed/checkDeployedPolicies';
import { runCheckCli } from '../../harness/check/runCheckCli';
import { withReaderRoles } from '../../harness/import/withReaderRoles';
import { seedWorld } from '../../world';
import { joinPatterns } from '../support/joinPatterns';
import { projectRoot } from '../support/paths';
import { runScript, scenarioDir } from '../support/runCli';
import { captureIo } from '../support/captureIo';

const NETWORK_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0';
const PARKING_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const UNKNOWN_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0999999999999999f';
const NETWORK_FILE = 'scenarios/worlds/demo/network-org-guardrail.json';
const PARKING_FILE = join(projectRoot, 'scenarios', 'worlds', 'demo', 'service-parking.json');

/**
 * A local world of the test's own (the tests of this file run side by side), closed when the test ends.
 * A long propagation delay: GetAuthPolicy reports a change at once, so it must not matter here.
 * Reader roles in every account: the whole organization is read as it is in AWS, one reader per account.
 */
async function startWorld(test: TestContext, options: LocalWorldOptions = {}): Promise<LocalWorld> {
  const world = await startLocalWorld({ propagationDelayMs: 600_000, spec: withReaderRoles(seedWorld()), ...options });
  const close = world.close;
  let closing: Promise<void> | undefined;
  world.close = () => (closing ??= close());
  test.onTestFinished(() => world.close());
  return world;
}

/** The local control plane as the service owner (the runner's keys). */
function controlPlane(world: LocalWorld): VPCLatticeClient {
  const { accessKeyId, secretAccessKey } = world.world.runnerKey;
  return new VPCLatticeClient({
    region: 'us-east-1',
    endpoint: world.controlPlaneEndpoint,
    credentials: { accessKeyId, secretAccessKey },
  });
}

/**
 * `check --deployed` in process against the running world (if any); also asserts that nothing printed the
 * runner's secret.
 */
async function checkDeployed(local: LocalWorld | undefined, argv: string[], vars: NodeJS.ProcessEnv = {}) {
  const { io, out, err } = captureIo(vars);
  // The SDK's retries of a refused connection, without its real backoff (attempts unchanged).
  const code = await runCheckCli(['--deployed', ...argv], io, { localWorld: local, retryDelayMs: 1 });
  if (local) expect(out() + err()).not.toContain(local.world.runnerKey.secretAccessKey);
  return { code, out: out(), err: err(), doc: argv.includes('--json') ? JSON.parse(out()) : undefined };
}

interface JsonResult {
  resourceArn: string;
  differences: unknown[];
}
const byArn = (doc: { results: JsonResult[] }, arn: string) => doc.results.find((r) => r.resourceArn === arn);

describe.concurrent('check --deployed --env local: the policies as code against a running local world', () => {
  it('unchanged: the network and the parking service are the same, exit 0', async (t) => {
    const world = await startWorld(t);
    const run = await checkDeployed(world, ['--json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.doc).toMatchObject({
      schemaVersion: 1,
      mode: 'deployed',
      environment: 'local',
      summary: { total: 2, same: 2, differs: 0, missing: 0, inactive: 0, error: 0 },
    });
    expect(byArn(run.doc, NETWORK_ARN)).toMatchObject({
      resourceType: 'servicenetwork',
      name: 'guarded-network',
      file: NETWORK_FILE,
      status: 'same',
      authType: 'AWS_IAM',
      policyState: 'Active',
      differences: [],
    });
    expect(byArn(run.doc, PARKING_ARN)).toMatchObject({
      resourceType: 'service',
      name: 'parking',
      file: 'scenarios/worlds/demo/service-parking.json',
      status: 'same',
    });
    // Lattice rewrote both (Version added, the network's single Statement wrapped): still the same.
    expect(world.world.configuredAuthOf(NETWORK_ARN).policyText).toMatch(/^\{"Version":"2008-10-17","Statement":\[\{/);
    // Once per mapped policy, and once per network and service for the organization's drift.
    expect(world.world.stats.controlPlane.get('GetAuthPolicy')).toBe(2 + 2 + 3);
    expect(run.doc.organization.summary).toMatchObject({ differs: 0, missing: 0, extra: 0, error: 0 });
    expect(run.doc.organization.summary.same).toBe(run.doc.organization.summary.total);
  });

  it('after PutAuthPolicy of another organization on the network: differs, naming the condition; exit 1', async (t) => {
    const world = await startWorld(t);
    await controlPlane(world).send(
      new PutAuthPolicyCommand({
        resourceIdentifier: NETWORK_ARN,
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'vpc-lattice-svcs:Invoke',
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceOrgID': 'o-someoneelse' } },
            },
          ],
        }),
      }),
    );
    const json = await checkDeployed(world, ['--json']);
    expect(json.code).toBe(1);
    expect(json.doc.summary).toMatchObject({ same: 1, differs: 1 });
    expect(byArn(json.doc, NETWORK_ARN)).toMatchObject({ status: 'differs', policy: 'differs' });
    expect(byArn(json.doc, NETWORK_ARN)?.differences).toEqual([
      {
        kind: 'changed',
        code: { index: 0 },
        deployed: { index: 0 },
        fields: [
          {
            field: 'Condition.StringEquals.aws:SourceOrgID',
            code: ['o-a1b2c3d4e5'],
            deployed: ['o-someoneelse'],
            onlyInCode: ['o-a1b2c3d4e5'],
            onlyDeployed: ['o-someoneelse'],
          },
        ],
      },
    ]);
    expect(byArn(json.doc, PARKING_ARN)).toMatchObject({ status: 'same' });

    const text = await checkDeployed(world, []);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(
      new RegExp(
        `^DIFFERS   service network guarded-network  ${NETWORK_ARN}\\n    code: ` +
          `     ${NETWORK_FILE}\\n    deployed:  auth type AWS_IAM, policy ` +
          `Active, last updated .*\\n    differences:\\n`,
        'm',
      ),
    );
    expect(text.out).toContain(
      '      statement Statement[0] (no Sid) differs:\n        ' +
        'Condition.StringEquals.aws:SourceOrgID: code "o-a1b2c3d4e5", deployed ' +
        '"o-someoneelse"\n',
    );
    expect(text.out).toMatch(new RegExp(`^SAME      service parking  ${PARKING_ARN}$`, 'm'));
    expect(text.out).toContain('1 same, 1 differs, 0 missing, 0 inactive, 0 errors');
  });

  it('an extra statement deployed on the service: differs, the statement only deployed', async (t) => {
    const world = await startWorld(t);
    const code = JSON.parse(readFileSync(PARKING_FILE, 'utf8'));
    const extra = { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' };
    await controlPlane(world).send(
      new PutAuthPolicyCommand({
        resourceIdentifier: PARKING_ARN,
        policy: JSON.stringify({ ...code, Statement: [...code.Statement, extra] }),
      }),
    );
    const run = await checkDeployed(world, []);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      '    differences:\n      statement only deployed, "Anyone": ' +
        '{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"vpc-lattice-svcs:Invoke","Resource":"*"}\n',
    );
  });

  it(
    'the service switched to auth type NONE (UpdateService): inactive, the ' + 'policy itself the same; exit 1',
    async (t) => {
      const world = await startWorld(t);
      await controlPlane(world).send(new UpdateServiceCommand({ serviceIdentifier: PARKING_ARN, authType: 'NONE' }));
      const run = await checkDeployed(world, ['--json']);
      expect(run.code).toBe(1);
      expect(byArn(run.doc, PARKING_ARN)).toMatchObject({
        status: 'inactive',
        policy: 'same',
        authType: 'NONE',
        policyState: 'Inactive',
        differences: [],
      });
      expect(byArn(run.doc, NETWORK_ARN)).toMatchObject({ status: 'same' });
      const text = await checkDeployed(world, []);
      expect(text.out).toContain(`INACTIVE  service parking  ${PARKING_ARN}`);
      expect(text.out).toContain(
        '    finding:   the auth type is NONE: this layer allows every request ' +
          'and keeps the policy without enforcing it; the policy itself is the ' +
          'same as the code',
      );
    },
  );

  it('the policy removed: missing', async (t) => {
    const world = await startWorld(t, { deleteAuthPolicyWhileAwsIam: 'allow' });
    await controlPlane(world).send(new DeleteAuthPolicyCommand({ resourceIdentifier: PARKING_ARN }));
    const run = await checkDeployed(world, ['--json']);
    expect(run.code).toBe(1);
    expect(byArn(run.doc, PARKING_ARN)).toMatchObject({ status: 'missing', policy: 'missing', authType: 'AWS_IAM' });
    expect((await checkDeployed(world, [])).out).toContain(
      '    finding:   no policy is deployed: with auth type AWS_IAM this layer denies every request',
    );
  });
});

describe.concurrent('checkDeployedPolicies: a control plane that never answers', () => {
  it("is an error named TimeoutError after the environment's timeout, never a hang", async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = new VPCLatticeClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-used-for-anything-here' },
    });
    try {
      const since = Date.now();
      const report = await checkDeployedPolicies([{ resourceArn: PARKING_ARN, document: {} }], {
        environment: 't',
        clientFor: () => client,
        timeoutMs: 300,
      });
      expect(Date.now() - since).toBeLessThan(5_000);
      expect(report.checks[0]).toMatchObject({
        status: 'error',
        error: {
          operation: 'GetService',
          name: 'TimeoutError',
          message: 'the VPC Lattice control plane did not answer within 300 ms',
        },
      });
      expect(report.summary).toEqual({ total: 1, same: 0, differs: 0, missing: 0, inactive: 0, error: 1 });
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe.concurrent('npm run check -- --deployed (the real CLI)', () => {
  it('--env local starts the embedded world, which matches the code: exit 0', async () => {
    const run = await runScript('check.ts', ['--deployed']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'check --deployed: 2 auth policies as code compared with what is deployed in environment "local"',
    );
    expect(run.stdout).toContain('2 same, 0 differ, 0 missing, 0 inactive, 0 errors');
  });

  /** An environment file in the style of scenarios/environments/emulator.ts, with authPolicies. */
  const environmentFile = (authPolicies: string) => `import { defineEnvironment } from HARNESS;
export default defineEnvironment((env) => ({
  region: env.required('AWS_REGION'),
  credentials: { source: 'chain' },
  callers: {},
  services: {},
  authPolicies: ${authPolicies},
}));`;

  /**
   * The variables the standalone emulator exports: the runner's keys by the SDK's chain, the control plane by
   * AWS_ENDPOINT_URL_VPC_LATTICE.
   */
  const standaloneVars = (world: LocalWorld, dir: string, secret = world.world.runnerKey.secretAccessKey) => ({
    AWS_ACCESS_KEY_ID: world.world.runnerKey.accessKeyId,
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_VPC_LATTICE: world.controlPlaneEndpoint,
    // No profile or SSO cache of the machine can be read.
    HOME: dir,
  });

  it(
    'an environment file maps ARNs to files (relative to the project root, ' +
      'or absolute); the SDK chain and AWS_ENDPOINT_URL_VPC_LATTICE reach the ' +
      'control plane',
    async (t) => {
      const world = await startWorld(t);
      const dir = scenarioDir({
        'environments/standalone.ts': environmentFile(
          `{ ${JSON.stringify(NETWORK_ARN)}: ${JSON.stringify(NETWORK_FILE)}, ` +
            `${JSON.stringify(PARKING_ARN)}: ${JSON.stringify(PARKING_FILE)} }`,
        ),
        'environments/unknown.ts': environmentFile(
          `{ ${JSON.stringify(UNKNOWN_ARN)}: ${JSON.stringify(PARKING_FILE)} }`,
        ),
      });
      const vars = standaloneVars(world, dir);
      const run = await runScript('check.ts', ['--deployed', '--env', 'standalone', '--dir', dir, '--json'], vars);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc).toMatchObject({ environment: 'standalone', summary: { total: 2, same: 2 } });
      expect(byArn(doc, NETWORK_ARN)).toMatchObject({ status: 'same', file: NETWORK_FILE });
      expect(byArn(doc, PARKING_ARN)).toMatchObject({
        status: 'same',
        file: 'scenarios/worlds/demo/service-parking.json',
      });
      expect(run.stdout).not.toContain(vars.AWS_SECRET_ACCESS_KEY);

      const unknown = await runScript('check.ts', ['--deployed', '--env', 'unknown', '--dir', dir], vars);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toContain(
        `ERROR     service  ${UNKNOWN_ARN}\n    code:      ` +
          `scenarios/worlds/demo/service-parking.json\n    error:     GetService: ` +
          `ResourceNotFoundException: `,
      );
    },
  );

  it(
    "credentials the control plane refuses: error with the SDK error's name " +
      'and message, and the secret printed nowhere',
    async (t) => {
      const world = await startWorld(t);
      const dir = scenarioDir({
        'environments/standalone.ts': environmentFile(
          `{ ${JSON.stringify(PARKING_ARN)}: ${JSON.stringify(PARKING_FILE)} }`,
        ),
      });
      const wrongSecret = 'wrong-secret-0123456789abcdefghijklmnopqrstuv';
      const run = await runScript(
        'check.ts',
        ['--deployed', '--env', 'standalone', '--dir', dir, '--json'],
        standaloneVars(world, dir, wrongSecret),
      );
      expect(run.code).toBe(1);
      const [result] = JSON.parse(run.stdout).results;
      expect(result).toMatchObject({
        status: 'error',
        error: { operation: 'GetService', name: 'InvalidSignatureException' },
      });
      expect(result.error.message).not.toBe('');
      expect(run.stdout + run.stderr).not.toContain(wrongSecret);
      expect(run.stdout + run.stderr).not.toContain(world.world.runnerKey.secretAccessKey);
    },
  );
});

describe.concurrent('check --deployed with authPolicyReader', () => {
  it('reads as the reader role, assumed through STS, not as the runner', async (t) => {
    const world = await startWorld(t);
    const dir = scenarioDir({
      'environments/reader.ts': `import { defineEnvironment } from HARNESS;
export default defineEnvironment((env) => ({
  region: 'us-east-1',
  credentials: { source: 'chain' },
  callers: {},
  services: {},
  authPolicies: { ${JSON.stringify(PARKING_ARN)}: ${JSON.stringify(PARKING_FILE)} },
  // A consumer role: it may invoke, but it may not read the service owner's control plane.
  authPolicyReader: { roleArn: 'arn:aws:iam::222222222222:role/lattice-invoker' },
}));`,
    });
    const vars = {
      AWS_ACCESS_KEY_ID: world.world.runnerKey.accessKeyId,
      AWS_SECRET_ACCESS_KEY: world.world.runnerKey.secretAccessKey,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_ENDPOINT_URL_VPC_LATTICE: world.controlPlaneEndpoint,
      AWS_ENDPOINT_URL_STS: world.stsEndpoint,
      HOME: dir,
    };
    const before = world.world.stats.assumeRole.get('arn:aws:iam::222222222222:role/lattice-invoker') ?? 0;
    const run = await runScript('check.ts', ['--deployed', '--env', 'reader', '--dir', dir, '--json'], vars);
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.stdout).results;
    expect(result).toMatchObject({ status: 'error', error: { name: 'AccessDeniedException' } });
    expect(world.world.stats.assumeRole.get('arn:aws:iam::222222222222:role/lattice-invoker')).toBe(before + 1);
    expect(run.stdout + run.stderr).not.toContain(vars.AWS_SECRET_ACCESS_KEY);
  });
});

describe.concurrent('check --deployed: bad input exits 2 and names the field', () => {
  const environment = (authPolicies: string) => `import { defineEnvironment } from HARNESS;
export default defineEnvironment({
  region: 'us-east-1', callers: {}, services: {}${authPolicies ? `, authPolicies: ${authPolicies}` : ''}
});`;

  it(
    'a policy file that does not exist, that is not JSON, that holds no ' + 'object; a key that is not a Lattice ARN',
    async () => {
      const dir = scenarioDir({});
      writeFileSync(join(dir, 'broken.json'), '{ "Statement": [ ');
      writeFileSync(join(dir, 'list.json'), '[]');
      const cases: [string, RegExp][] = [
        [
          `{ ${JSON.stringify(PARKING_ARN)}: 'scenarios/worlds/demo/no-such-policy.json' }`,
          new RegExp(
            `environments/bad\\.ts: authPolicies\\.${PARKING_ARN}: cannot read ` +
              `.*scenarios/worlds/demo/no-such-policy\\.json: ENOENT`,
          ),
        ],
        [
          `{ ${JSON.stringify(PARKING_ARN)}: ${JSON.stringify(join(dir, 'broken.json'))} }`,
          new RegExp(`environments/bad\\.ts: authPolicies\\.${PARKING_ARN}: .*broken\\.json is not JSON: `),
        ],
        [
          `{ ${JSON.stringify(PARKING_ARN)}: ${JSON.stringify(join(dir, 'list.json'))} }`,
          new RegExp(`authPolicies\\.${PARKING_ARN}: .*list\\.json holds no policy document`),
        ],
        [
          `{ 'arn:aws:iam::111111111111:role/r': ${JSON.stringify(PARKING_FILE)} }`,
          joinPatterns([
            /authPolicies\.arn:aws:iam::111111111111:role\/r: /,
            /must be keyed by a VPC Lattice service or service network ARN/,
          ]),
        ],
        [
          `{ ${JSON.stringify(PARKING_ARN)}: 5 }`,
          new RegExp(`authPolicies\\.${PARKING_ARN}: must be a non-empty string, got 5`),
        ],
        [`'scenarios/worlds/demo/service-parking.json'`, /authPolicies: must be an object, got "scenarios/],
      ];
      for (const [i, [authPolicies, message]] of cases.entries()) {
        // A file of its own per case: a module, once loaded, is not read again.
        writeFileSync(
          join(dir, 'environments', `bad${i}.ts`),
          environment(authPolicies).replaceAll('HARNESS', JSON.stringify(join(projectRoot, 'harness', 'index.ts'))),
        );
        const run = await checkDeployed(undefined, ['--env', `bad${i}`, '--dir', dir]);
        expect(run.code, authPolicies).toBe(2);
        expect(run.err.replace(`bad${i}.ts`, 'bad.ts'), authPolicies).toMatch(message);
        expect(run.out).toBe('');
      }
    },
  );

  it('the real CLI: a missing policy file names the environment file and the field', async () => {
    const dir = scenarioDir({
      'environments/staging.ts': environment(`{ ${JSON.stringify(NETWORK_ARN)}: 'policies/network.json' }`),
    });
    const run = await runScript('check.ts', ['--deployed', '--env', 'staging', '--dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${join(dir, 'environments', 'staging.ts')}: ` +
        `authPolicies.${NETWORK_ARN}: cannot read ` +
        `${join(projectRoot, 'policies', 'network.json')}: ENOENT\n`,
    );
  });

  it(
    'an environment that maps no policy, scenario names or prediction ' +
      'options with --deployed, an unknown environment',
    async () => {
      const dir = scenarioDir({ 'environments/bare.ts': environment('') });
      const bare = await checkDeployed(undefined, ['--env', 'bare', '--dir', dir]);
      expect(bare.code).toBe(2);
      expect(bare.err).toContain(
        'environment "bare" maps no auth policies and names no world with readers: set authPolicies',
      );
      const names = await checkDeployed(undefined, ['in-org']);
      expect(names.code).toBe(2);
      expect(names.err).toContain(
        '--deployed compares every auth policy the environment maps and takes no scenario names (got in-org)',
      );
      expect(names.err).toContain('Usage: npm run check');
      for (const option of [['--explain'], ['--all'], ['--source-org-id-mode', 'absent']]) {
        const run = await checkDeployed(undefined, option);
        expect(run.code, option[0]).toBe(2);
        expect(run.err).toContain(`${option[0]} predicts from the policies and does not go with --deployed`);
      }
      const unknown = await checkDeployed(undefined, ['--env', 'nowhere', '--dir', dir]);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('unknown environment "nowhere". Available: local, bare');
    },
  );
});

// Last and alone: while its world is closed, no other world of this file starts (one could listen on a port it
// had).
describe('check --deployed --env local: a world that has stopped', () => {
  it('a control plane that does not answer: error with the code, per resource; exit 1', async (t) => {
    const world = await startWorld(t);
    await world.close();
    const run = await checkDeployed(world, ['--json']);
    expect(run.code).toBe(1);
    expect(run.doc.summary).toMatchObject({ total: 2, error: 2 });
    expect(byArn(run.doc, NETWORK_ARN)).toMatchObject({
      status: 'error',
      error: { operation: 'GetServiceNetwork', name: 'ECONNREFUSED' },
    });
  });
});
