import { join } from 'node:path';
import { IAMClient, PutRolePermissionsBoundaryCommand } from '@aws-sdk/client-iam';
import {
  AccessDeniedException,
  DetachPolicyCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { runCheckCli } from '../../harness/check/runCheckCli';
import { LOCAL_READER_ROLE, withReaderRoles } from '../../harness/import/withReaderRoles';
import { loadWorld, type WorldSpec } from '../../world';
import { projectRoot } from '../support/paths';
import { assume } from '../emulator/support/localCalls';
import { adminRole } from '../world/support/adminRole';
import { captureIo } from '../support/captureIo';

const SCENARIOS = join(projectRoot, 'scenarios');
const MANAGEMENT = '100000000001';
const WORKLOAD_B = '300000000003';
const ROOT = 'r-gr01';
const BOUNDED = `arn:aws:iam::${WORKLOAD_B}:role/lattice-bounded`;

let local: LocalWorld | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

/** The guardrails world with its readers, and administrators that may detach an SCP and set a boundary. */
async function guardrailsWorld(change: (spec: WorldSpec) => void = () => {}): Promise<WorldSpec> {
  const spec = withReaderRoles(await loadWorld('guardrails', SCENARIOS));
  spec.roles.push(adminRole(MANAGEMENT, ['organizations:ListPoliciesForTarget', 'organizations:DetachPolicy']));
  spec.roles.push(adminRole(WORKLOAD_B, ['iam:PutRolePermissionsBoundary']));
  change(spec);
  return spec;
}

interface Result {
  kind: string;
  id: string;
  status: string;
  differences: { field: string; code?: unknown; deployed?: unknown; policy?: unknown[] }[];
  error?: { operation: string; name: string; message: string };
}

async function checkDeployed(json = true): Promise<{ code: number; results: Result[]; text: string }> {
  const { io, out } = captureIo();
  const args = ['--deployed', '--world', 'guardrails', ...(json ? ['--json'] : [])];
  const code = await runCheckCli(args, io, { localWorld: local });
  for (const key of local!.world.issuedKeys()) expect(out()).not.toContain(key.secretAccessKey);
  return { code, results: json ? JSON.parse(out()).organization.results : [], text: out() };
}

const organizations = async (roleArn: string) =>
  new OrganizationsClient({
    region: 'us-east-1',
    endpoint: local!.organizationsEndpoint,
    credentials: await assume(local!, roleArn, 'guardrails-test'),
  });

describe('check --deployed: SCPs, RCPs and permissions boundaries against the deployed organization', () => {
  it('compares them target by target and role by role, and names an SCP detached and a boundary changed', async () => {
    local = await startLocalWorld({ spec: await guardrailsWorld() });
    const before = await checkDeployed();
    const guardrails = before.results.filter((r) => ['scp', 'rcp', 'boundary'].includes(r.kind));
    // Root, two OUs, five accounts: SCPs and RCPs of each; the one caller role with a boundary.
    expect(guardrails.map((r) => r.kind).sort()).toEqual([
      'boundary',
      ...Array(8).fill('rcp'),
      ...Array(8).fill('scp'),
    ]);
    expect(guardrails.filter((r) => r.status !== 'same')).toEqual([]);

    const org = await organizations(`arn:aws:iam::${MANAGEMENT}:role/lattice-e2e-admin`);
    const attached = await org.send(
      new ListPoliciesForTargetCommand({ TargetId: ROOT, Filter: 'SERVICE_CONTROL_POLICY' }),
    );
    const quarantine = attached.Policies!.find((p) => p.Name === 'deny-quarantined-roles')!;
    await org.send(new DetachPolicyCommand({ PolicyId: quarantine.Id!, TargetId: ROOT }));
    org.destroy();
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: local.iamEndpoint,
      credentials: await assume(local, `arn:aws:iam::${WORKLOAD_B}:role/lattice-e2e-admin`, 'guardrails-test'),
    });
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: 'lattice-bounded',
        PermissionsBoundary: `arn:aws:iam::${WORKLOAD_B}:policy/lattice-invoke-only`,
      }),
    );
    iam.destroy();

    const after = await checkDeployed();
    expect(after.code).toBe(1);
    const drift = after.results.filter((r) => r.status !== 'same');
    expect(drift.map((r) => [r.kind, r.id, r.status])).toEqual([
      ['boundary', BOUNDED, 'differs'],
      ['scp', ROOT, 'differs'],
    ]);
    expect(drift[0]!.differences.map((d) => d.field)).toEqual(['permissionsBoundary']);
    expect(drift[1]!.differences).toEqual([
      {
        field: 'attached',
        code: ['FullAWSAccess', 'deny-quarantined-roles', 'invoke-only-from-workloads'],
        deployed: ['FullAWSAccess', 'invoke-only-from-workloads'],
      },
    ]);
    const { text } = await checkDeployed(false);
    expect(text).toContain(`DIFFERS   SCPs of  ${ROOT}\n    attached: code [`);
    expect(text).toContain(`DIFFERS   permissions boundary of role  ${BOUNDED}\n    permissionsBoundary differs:\n`);
  }, 60_000);

  it('what the readers may not read is an error with the reason, never same or missing', async () => {
    local = await startLocalWorld({
      spec: await guardrailsWorld((spec) => {
        // The management account's reader may not call Organizations; workload B's may not read the boundary's policy.
        const deny = (account: string, Action: string, Resource: string) => {
          const reader = spec.roles.find((r) => r.name === LOCAL_READER_ROLE && r.account === account)!;
          reader.identityPolicies = [
            ...reader.identityPolicies,
            { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action, Resource }] },
          ];
        };
        deny(MANAGEMENT, 'organizations:*', '*');
        deny(WORKLOAD_B, 'iam:GetPolicy', `arn:aws:iam::${WORKLOAD_B}:policy/boundary-no-invoke`);
      }),
    });
    // Only the management account may call Organizations, as in AWS: a reader of another account is denied.
    const member = await organizations(`arn:aws:iam::${WORKLOAD_B}:role/${LOCAL_READER_ROLE}`);
    const denied = await member.send(new ListRootsCommand({})).catch((e: unknown) => e);
    member.destroy();
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect((denied as Error).message).toBe("You don't have permissions to access this resource.");

    const run = await checkDeployed();
    expect(run.code).toBe(1);
    const guardrails = run.results.filter((r) => ['scp', 'rcp', 'boundary'].includes(r.kind));
    expect(guardrails).toHaveLength(17);
    expect(guardrails.filter((r) => r.status !== 'error')).toEqual([]);
    const scp = guardrails.find((r) => r.kind === 'scp')!;
    expect(scp.error).toMatchObject({ operation: 'ListRoots', name: 'AccessDeniedException' });
    expect(scp.error!.message).toContain("You don't have permissions to access this resource.");
    const boundary = guardrails.find((r) => r.kind === 'boundary')!;
    expect(boundary).toMatchObject({ id: BOUNDED, error: { operation: 'GetPolicy', name: 'AccessDenied' } });
    // Everything else still compares.
    expect(run.results.filter((r) => !['scp', 'rcp', 'boundary'].includes(r.kind) && r.status !== 'same')).toEqual([]);
  }, 60_000);
});
