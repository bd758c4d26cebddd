import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { compareOrganizations } from '../../harness/check/deployed/compareOrganizations';
import { deployedViewOfWorld } from '../../harness/import/deployedViewOfWorld';
import { withReaderRoles } from '../../harness/import/withReaderRoles';
import { loadWorld, seedWorld, SEED } from '../../world';
import { runScript, scenarioDir } from '../support/runCli';

const INVOKER_B = 'arn:aws:iam::222222222222:role/lattice-invoker';
const INVOKER_C = 'arn:aws:iam::444444444444:role/lattice-invoker';

/** A real environment's file: everything from variables, one reader per account, account C outside the organization. */
const ENVIRONMENT = `import { defineEnvironment } from HARNESS;
export default defineEnvironment((env) => ({
  region: env.required('AWS_REGION'),
  organizationId: 'o-a1b2c3d4e5',
  credentials: { source: 'chain' },
  callers: {
    'consumer-b': { roleArn: '${INVOKER_B}' },
    'outsider-c': { roleArn: '${INVOKER_C}', externalId: env.required('OUTSIDER_EXTERNAL_ID') },
  },
  services: {},
  readers: {
    '111111111111': { roleArn: 'arn:aws:iam::111111111111:role/lattice-e2e-reader', name: 'service-owner' },
    '222222222222': { roleArn: 'arn:aws:iam::222222222222:role/lattice-e2e-reader', name: 'consumer-b' },
    '333333333333': { roleArn: 'arn:aws:iam::333333333333:role/lattice-e2e-reader', name: 'tooling' },
    '444444444444': {
      roleArn: 'arn:aws:iam::444444444444:role/lattice-e2e-reader',
      name: 'outsider-c',
      inOrganization: false,
    },
  },
}));`;

let local: LocalWorld;
let dir: string;
beforeAll(async () => {
  local = await startLocalWorld({ spec: withReaderRoles(seedWorld()) });
  dir = scenarioDir({ 'environments/staging.ts': ENVIRONMENT });
});
afterAll(() => local.close());

/** The variables the standalone emulator exports: keys by the SDK's chain, every endpoint by AWS_ENDPOINT_URL_*. */
const vars = () => ({
  AWS_ACCESS_KEY_ID: local.world.runnerKey.accessKeyId,
  AWS_SECRET_ACCESS_KEY: local.world.runnerKey.secretAccessKey,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_STS: local.stsEndpoint,
  AWS_ENDPOINT_URL_VPC_LATTICE: local.controlPlaneEndpoint,
  AWS_ENDPOINT_URL_IAM: local.iamEndpoint,
  AWS_ENDPOINT_URL_ORGANIZATIONS: local.organizationsEndpoint,
  OUTSIDER_EXTERNAL_ID: SEED.externalIdC,
  HOME: dir,
});

describe('npm run world -- import', () => {
  it('writes the deployed organization as a world file and policies through ' +
    'the AWS SDK, the same bytes twice, no secret', async () => {
    const out = join(dir, 'worlds', 'staging.ts');
    const first = await runScript('world.ts', ['import', '--env', 'staging', '--dir', dir], vars());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`  ${out}\n`);
    const world = readFileSync(out, 'utf8');
    const trust = readFileSync(join(dir, 'worlds', 'staging', 'trust-lattice-invoker-222222222222.json'), 'utf8');
    const second = await runScript('world.ts', ['import', '--env', 'staging', '--dir', dir], vars());
    expect(second.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(world);
    expect(readFileSync(join(dir, 'worlds', 'staging', 'trust-lattice-invoker-222222222222.json'), 'utf8')).toBe(trust);

    expect(world).toContain('externalId: process.env.LATTICE_E2E_EXTERNAL_ID_OUTSIDER_C');
    expect(world).not.toContain(SEED.externalIdC);
    for (const key of local.world.issuedKeys()) expect(first.stdout + world).not.toContain(key.secretAccessKey);

    // The world file loads, and its deployed part is the running world's.
    const imported = await loadWorld(out, dir);
    const roles = [INVOKER_B, INVOKER_C];
    const readers = ['111111111111', '222222222222', '333333333333', '444444444444'];
    const drift = compareOrganizations(
      deployedViewOfWorld(seedWorld(), roles, readers),
      deployedViewOfWorld(imported, roles, readers),
    );
    expect(drift.filter((d) => d.status !== 'same')).toEqual([]);
    expect(imported.accounts.find((a) => a.id === '444444444444')).toMatchObject({
      name: 'outsider-c',
      inOrganization: false,
    });
  }, 60_000);

  it('writes nothing when part of the organization cannot be read, and says what (exit 2)', async () => {
    const out = join(dir, 'worlds', 'denied.ts');
    const run = await runScript('world.ts', ['import', '--env', 'staging', '--dir', dir, '--out', out], {
      ...vars(),
      AWS_ENDPOINT_URL_IAM: local.controlPlaneEndpoint,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('could not read all of environment "staging"; nothing was written');
    expect(run.stderr).toContain(`role ${INVOKER_B}: GetRole: `);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('usage mistakes exit 2 with the usage', async () => {
    const run = await runScript('world.ts', ['export'], vars());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run world -- [options] [command]');
  });
});
