import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import demo from '../../scenarios/worlds/demo';
import { compileWorld, ConfigFileError, resolveWorld, type WorldConfig } from '../../world';

const dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-world-'));
mkdirSync(join(dir, 'demo'));
const FILE = join(dir, 'mine.ts');

/** The demo world with one change, resolved as a file of `dir` (its policy paths copied there). */
function variant(change: (config: WorldConfig) => void): () => unknown {
  const config: WorldConfig = structuredClone(demo);
  change(config);
  return () => resolveWorld(config, FILE);
}

const invoke = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
};
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '333333333333' }, Action: 'sts:AssumeRole' }],
};
for (const name of ['identity-invoke', 'trust-tooling', 'trust-tooling-external-id', 'trust-local-oidc']) {
  writeFileSync(join(dir, 'demo', `${name}.json`), JSON.stringify(name.startsWith('trust') ? trust : invoke));
}
for (const name of ['network-org-guardrail', 'service-parking']) {
  writeFileSync(
    join(dir, 'demo', `${name}.json`),
    JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
  );
}

function refusal(run: () => unknown): ConfigFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigFileError) return error;
    throw error;
  }
  throw new Error('resolved without an error');
}

describe('resolveWorld: a world file, validated', () => {
  it('the demo resolves: ARNs from IDs, addresses in order, callers with their VPCs, policy files recorded', () => {
    const spec = variant(() => undefined)() as ReturnType<typeof resolveWorld>;
    expect(spec.name).toBe('mine');
    expect(spec.vpcs.map((v) => v.address)).toEqual(['127.0.0.11', '127.0.0.12', '127.0.0.13', '127.0.0.14']);
    expect(spec.callers.find((c) => c.name === 'outsider-c')).toMatchObject({
      kind: 'role',
      roleArn: 'arn:aws:iam::444444444444:role/lattice-invoker',
      externalId: 'lattice-e2e-outsider',
      sessionName: 'lattice-e2e-outsider-c',
      vpc: 'vpc-0c0c0c0c0c0c0c0c0',
    });
    expect(spec.organization.ouPaths['222222222222']).toBe('ou-ab12-22222222/');
    expect([...spec.policyFiles!.values()]).toContain(join(dir, 'demo', 'service-parking.json'));
    expect(compileWorld(spec).services[0]!.arn).toBe(
      'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0',
    );
  });

  it('IDs not given are derived from the names: stable across runs, different across names', () => {
    const a = variant((c) => delete c.services.echo!.id)() as ReturnType<typeof resolveWorld>;
    const b = variant((c) => delete c.services.echo!.id)() as ReturnType<typeof resolveWorld>;
    const echo = (s: typeof a) => s.services.find((x) => x.name === 'echo')!.id;
    expect(echo(a)).toMatch(/^svc-[0-9a-f]{17}$/);
    expect(echo(a)).toBe(echo(b));
  });

  it.each([
    [
      'an unknown account',
      (c: WorldConfig) => (c.vpcs['consumer-b-vpc']!.account = 'nobody'),
      'vpcs.consumer-b-vpc.account',
      'unknown account "nobody"',
    ],
    [
      'an unknown VPC',
      (c: WorldConfig) => (c.serviceNetworks['guarded-network']!.vpcs = ['nowhere']),
      'serviceNetworks.guarded-network.vpcs[0]',
      'unknown VPC "nowhere"',
    ],
    [
      'an unknown network service',
      (c: WorldConfig) => (c.serviceNetworks['guarded-network']!.services = ['nothing']),
      'serviceNetworks.guarded-network.services[0]',
      'unknown service',
    ],
    [
      'a VPC associated twice',
      (c: WorldConfig) => (c.serviceNetworks['isolated-network']!.vpcs = ['consumer-b-vpc']),
      'serviceNetworks.isolated-network.vpcs[0]',
      'one service network only',
    ],
    [
      'a missing policy file',
      (c: WorldConfig) => (c.services.parking!.authPolicy = 'demo/missing.json'),
      'services.parking.authPolicy',
      'ENOENT',
    ],
    [
      'an invalid policy',
      (c: WorldConfig) =>
        (c.services.parking!.authPolicy = {
          Statement: [{ Effect: 'Alow', Principal: '*', Action: '*', Resource: '*' }],
        }),
      'services.parking.authPolicy',
      'InvalidEffect',
    ],
    [
      'a duplicate account ID',
      (c: WorldConfig) => (c.accounts.tooling!.id = '111111111111'),
      'accounts.tooling.id',
      'account ID 111111111111 is also',
    ],
    [
      'a duplicate service ID',
      (c: WorldConfig) => (c.services.echo!.id = 'svc-0123456789abcdef0'),
      'services.echo.id',
      'service ID svc-0123456789abcdef0 is also',
    ],
    [
      'a duplicate role',
      (c: WorldConfig) => (c.roles!['b-no-invoke']!.name = 'lattice-invoker'),
      'roles.b-no-invoke',
      'is also',
    ],
    [
      'an unknown caller role',
      (c: WorldConfig) => ((c.callers['consumer-b'] as { role: string }).role = 'ghost'),
      'callers.consumer-b.role',
      'unknown role "ghost"',
    ],
    [
      'a misspelt field',
      (c: WorldConfig) => ((c.services.parking as unknown as Record<string, unknown>).authPolcy = {}),
      'services.parking.authPolcy',
      'unknown field',
    ],
    [
      'a bad listener',
      (c: WorldConfig) => (c.services.parking!.listeners = [{ protocol: 'HTTP2' as 'HTTP' }]),
      'services.parking.listeners[0].protocol',
      'must be one of',
    ],
  ])('%s: names the file and the field', (_what, change, field, detail) => {
    const error = refusal(variant(change));
    expect(error.file).toBe(FILE);
    expect(error.field).toBe(field);
    expect(error.message).toContain(detail);
  });

  it('a JSON syntax error in a policy file names the line and column', () => {
    writeFileSync(
      join(dir, 'demo', 'broken.json'),
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}\n',
    );
    const error = refusal(variant((c) => (c.services.parking!.authPolicy = 'demo/broken.json')));
    expect(error.field).toBe('services.parking.authPolicy');
    expect(error.message).toMatch(/broken\.json is not valid JSON at line 4, column \d+/);
  });
});
