import { UpdateAssumeRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DeleteServiceNetworkVpcAssociationCommand,
  ListServiceNetworkVpcAssociationsCommand,
  UpdateServiceNetworkCommand,
} from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { runCheckCli } from '../../harness/check/runCheckCli';
import { withReaderRoles } from '../../harness/import/withReaderRoles';
import { seedWorld, type WorldSpec } from '../../world';
import { projectRoot } from '../support/paths';
import { assume, INVOKER_B, latticeClient, NETWORK_ARN } from '../emulator/support/localCalls';
import { adminRole } from '../world/support/adminRole';
import { captureIo } from '../support/captureIo';

const ADMIN_B = 'arn:aws:iam::222222222222:role/lattice-e2e-admin';
const VPC_C = 'vpc-0c0c0c0c0c0c0c0c0';
const ISOLATED_NETWORK_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0fedcba9876543210';

let local: LocalWorld | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

/** The demo world with readers, and an administrator role in account B that may change its roles' trust. */
function worldWithAdmin(): WorldSpec {
  const spec = withReaderRoles(seedWorld());
  spec.roles.push(adminRole('222222222222', 'iam:UpdateAssumeRolePolicy', '333333333333'));
  return spec;
}

async function checkDeployed() {
  const { io, out, err } = captureIo();
  const code = await runCheckCli(['--deployed', '--json'], io, { localWorld: local });
  expect(err()).toBe('');
  for (const key of local!.world.issuedKeys()) expect(out()).not.toContain(key.secretAccessKey);
  return {
    code,
    doc: JSON.parse(out()) as {
      organization: {
        summary: Record<string, number>;
        results: {
          kind: string;
          id: string;
          status: string;
          differences: { field: string; code?: unknown; deployed?: unknown; policy?: unknown[] }[];
        }[];
      };
    },
  };
}

describe('check --deployed: the whole world against the deployed organization', () => {
  it('names each drift made through the control plane and IAM: an ' +
    'association removed, an auth type switched, a trust policy changed', async () => {
    local = await startLocalWorld({ spec: worldWithAdmin() });
    const before = await checkDeployed();
    expect(before.code).toBe(0);
    expect(before.doc.organization.summary).toMatchObject({ differs: 0, missing: 0, extra: 0, error: 0 });

    const lattice = latticeClient(local);
    const associations = await lattice.send(
      new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: NETWORK_ARN, vpcIdentifier: VPC_C }),
    );
    expect(associations.items).toHaveLength(1);
    await lattice.send(
      new DeleteServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: associations.items![0]!.id!,
      }),
    );
    await lattice.send(
      new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: ISOLATED_NETWORK_ARN, authType: 'AWS_IAM' }),
    );
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444444444444:root' }, Action: 'sts:AssumeRole' }],
    };
    const admin = await assume(local, ADMIN_B, 'drift-test');
    const iam = new IAMClient({ region: 'us-east-1', endpoint: local.iamEndpoint, credentials: admin });
    await iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'lattice-invoker', PolicyDocument: JSON.stringify(trust) }),
    );
    iam.destroy();

    const after = await checkDeployed();
    expect(after.code).toBe(1);
    const notSame = after.doc.organization.results.filter((r) => r.status !== 'same');
    expect(notSame.map((r) => [r.kind, r.id, r.status])).toEqual([
      // The VPC is associated with no network any more: a reading no longer shows it (nor its owner).
      ['vpc', VPC_C, 'missing'],
      ['service-network', ISOLATED_NETWORK_ARN, 'differs'],
      ['vpc-association', `sn-0123456789abcdef0 ↔ ${VPC_C}`, 'missing'],
      ['role', INVOKER_B, 'differs'],
    ]);
    expect(notSame[1]!.differences).toEqual([{ field: 'authType', code: 'NONE', deployed: 'AWS_IAM' }]);
    expect(notSame[3]!.differences.map((d) => d.field)).toEqual(['trustPolicy']);
    expect(notSame[3]!.differences[0]!.policy!.length).toBeGreaterThan(0);

    // The console report names each drift and what differs.
    let text = '';
    const io = {
      stdout: { write: (t: string) => (text += t) },
      stderr: { write: () => true },
      cwd: projectRoot,
      env: {},
    };
    expect(await runCheckCli(['--deployed'], io, { localWorld: local })).toBe(1);
    expect(text).toContain(
      `MISSING   VPC association  sn-0123456789abcdef0 ↔ ${VPC_C}\n` +
        '    finding:   in the world as code, not deployed\n',
    );
    expect(text).toContain(
      `DIFFERS   service network  ${ISOLATED_NETWORK_ARN}\n    authType: code "NONE", deployed "AWS_IAM"\n`,
    );
    expect(text).toContain(`DIFFERS   role  ${INVOKER_B}\n    trustPolicy differs:\n`);
    expect(text).toContain('arn:aws:iam::444444444444:root');
    expect(text).toMatch(/\n\d+ same, 2 differ, 2 missing, 0 extra, 0 errors\n/);
  }, 60_000);

  it('a reader the account does not trust: its resources are errors, never missing', async () => {
    const spec = withReaderRoles(seedWorld());
    // Account B's reader may no longer be assumed by the runner.
    const readerB = spec.roles.find((r) => r.account === '222222222222' && r.name === 'lattice-e2e-reader')!;
    readerB.trustPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    };
    local = await startLocalWorld({ spec });
    const run = await checkDeployed();
    expect(run.code).toBe(1);
    const roleB = run.doc.organization.results.find((r) => r.kind === 'role' && r.id === INVOKER_B)!;
    expect(roleB.status).toBe('error');
    expect(run.doc.organization.results.filter((r) => r.status === 'missing')).toEqual([]);
  }, 60_000);
});
