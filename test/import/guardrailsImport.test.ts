import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DescribePolicyCommand,
  DetachPolicyCommand,
  InvalidInputException,
  ListAccountsForParentCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  TargetNotFoundException,
} from '@aws-sdk/client-organizations';
import { afterAll, describe, expect, it } from 'vitest';
import { importWorld } from '../../harness/import/importWorld';
import { LOCAL_READER_ROLE, withReaderRoles } from '../../harness/import/withReaderRoles';
import { loadWorld, type WorldSpec } from '../../world';
import { assume } from '../emulator/support/localCalls';
import { startReadableWorld, readEndpoints } from './support/readableWorld';
import { adminRole } from '../world/support/adminRole';

const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = join(ROOT_DIR, 'scenarios');
const MANAGEMENT = '100000000001';
const WORKLOAD_B = '300000000003';
const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-guardrails-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const readerOf = (spec: WorldSpec, account: string) =>
  spec.roles.find((r) => r.name === LOCAL_READER_ROLE && r.account === account)!;

describe('the local Organizations and IAM endpoints, through the AWS SDK', () => {
  it("the management account's reader reads the tree page by page and each policy's document; a boundary", async () => {
    const spec = await loadWorld('guardrails', SCENARIOS);
    const { local } = await startReadableWorld(spec);
    try {
      const credentials = await assume(
        local,
        `arn:aws:iam::${MANAGEMENT}:role/${LOCAL_READER_ROLE}`,
        'guardrails-read',
      );
      const org = new OrganizationsClient({ region: 'us-east-1', endpoint: local.organizationsEndpoint, credentials });
      const accounts: string[] = [];
      for await (const page of paginateListAccountsForParent(
        { client: org, pageSize: 1 },
        { ParentId: 'ou-gr01-wrk10ads' },
      )) {
        expect(page.Accounts!.length).toBeLessThanOrEqual(1);
        accounts.push(...page.Accounts!.map((a) => a.Id!));
      }
      expect(accounts).toEqual(['200000000002', '300000000003']);
      const rcps = await org.send(
        new ListPoliciesForTargetCommand({ TargetId: 'r-gr01', Filter: 'RESOURCE_CONTROL_POLICY' }),
      );
      expect(rcps.Policies!.map((p) => [p.Name, p.AwsManaged])).toEqual([
        ['RCPFullAWSAccess', true],
        ['sts-org-only', false],
      ]);
      const described = await org.send(new DescribePolicyCommand({ PolicyId: rcps.Policies![1]!.Id! }));
      const file = join(SCENARIOS, 'worlds', 'guardrails', 'rcp-sts-org-only.json');
      expect(JSON.parse(described.Policy!.Content!)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      await expect(
        org.send(new ListAccountsForParentCommand({ ParentId: 'r-gr01', NextToken: 'not-a-token' })),
      ).rejects.toBeInstanceOf(InvalidInputException);
      await expect(
        org.send(new ListPoliciesForTargetCommand({ TargetId: '999999999999', Filter: 'SERVICE_CONTROL_POLICY' })),
      ).rejects.toBeInstanceOf(TargetNotFoundException);
      org.destroy();

      const iam = new IAMClient({
        region: 'us-east-1',
        endpoint: local.iamEndpoint,
        credentials: await assume(local, `arn:aws:iam::${WORKLOAD_B}:role/${LOCAL_READER_ROLE}`, 'guardrails-read'),
      });
      const bounded = await iam.send(new GetRoleCommand({ RoleName: 'lattice-bounded' }));
      expect(bounded.Role!.PermissionsBoundary).toEqual({
        PermissionsBoundaryType: 'Policy',
        PermissionsBoundaryArn: `arn:aws:iam::${WORKLOAD_B}:policy/boundary-no-invoke`,
      });
      expect((await iam.send(new GetRoleCommand({ RoleName: 'lattice-invoker' }))).Role!.PermissionsBoundary).toBe(
        undefined,
      );
      iam.destroy();
    } finally {
      await local.close();
    }
  }, 60_000);
});

describe('world import of guardrails', () => {
  it('FullAWSAccess detached from an OU is written as detached there; the OU tree as deployed', async () => {
    const spec = withReaderRoles(await loadWorld('guardrails', SCENARIOS));
    spec.roles.push(adminRole(MANAGEMENT, 'organizations:DetachPolicy'));
    const { local, env } = await startReadableWorld(spec);
    try {
      const org = new OrganizationsClient({
        region: 'us-east-1',
        endpoint: local.organizationsEndpoint,
        credentials: await assume(local, `arn:aws:iam::${MANAGEMENT}:role/lattice-e2e-admin`, 'guardrails-admin'),
      });
      await org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: 'ou-gr01-5andb0x0' }));
      org.destroy();
      const file = join(out, 'detached', 'detached.ts');
      await importWorld(env, {
        out: file,
        root: ROOT_DIR,
        endpoints: readEndpoints(local),
      });
      // The OU takes another key than the account named "sandbox": a target names one or the other.
      expect(readFileSync(file, 'utf8')).toMatch(
        /fullAwsAccess: \{\s+detachedFrom: \[\s+'sandbox-ou-gr01-5andb0x0',\s+\],/,
      );
      const imported = await loadWorld(file, SCENARIOS);
      const full = imported.organization.scps!.find((p) => p.name === 'FullAWSAccess')!;
      expect(full.targets).not.toContain('ou-gr01-5andb0x0');
      expect(full.targets).toHaveLength(7);
      expect(imported.organization.managementAccount).toBe(MANAGEMENT);
      expect(imported.organization.ouPaths).toEqual(spec.organization.ouPaths);
      expect(imported.organization.ous.map((o) => o.id).sort()).toEqual(['ou-gr01-5andb0x0', 'ou-gr01-wrk10ads']);
    } finally {
      await local.close();
    }
  }, 60_000);

  it('writes the world without them and says which, never a stand-in', async () => {
    const spec = withReaderRoles(await loadWorld('guardrails', SCENARIOS));
    const deny = (account: string, Action: string, Resource: string) => {
      const reader = readerOf(spec, account);
      reader.identityPolicies = [
        ...reader.identityPolicies,
        { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action, Resource }] },
      ];
    };
    deny(MANAGEMENT, 'organizations:*', '*');
    deny(WORKLOAD_B, 'iam:GetPolicy', `arn:aws:iam::${WORKLOAD_B}:policy/boundary-no-invoke`);
    const { local, env } = await startReadableWorld(spec);
    try {
      const file = join(out, 'denied', 'denied.ts');
      const result = await importWorld(env, {
        out: file,
        root: ROOT_DIR,
        endpoints: readEndpoints(local),
      });
      expect(result.notes.filter((n) => n.includes('could not be read'))).toEqual([
        expect.stringMatching(
          new RegExp(
            `^the permissions boundary of role arn:aws:iam::${WORKLOAD_B}:role/lattice-bounded could not be read ` +
              '\\(GetPolicy: AccessDenied: .*\\): the world gives the role none$',
          ),
        ),
        expect.stringMatching(
          new RegExp(
            '^the SCPs, RCPs and OUs of organization o-gr4rdr41l5 could not be read ' +
              "\\(ListRoots: AccessDeniedException: You don't have permissions to access this resource\\. " +
              '\\(tried as the runner and the readers of .*\\)\\): the world has none of them$',
          ),
        ),
      ]);
      const imported = await loadWorld(file, SCENARIOS);
      expect(imported.organization.scps!.map((p) => p.name)).toEqual(['FullAWSAccess']);
      expect(imported.organization.rcps!.map((p) => p.name)).toEqual(['RCPFullAWSAccess']);
      expect(imported.organization.ous).toEqual([]);
      expect(imported.roles.find((r) => r.name === 'lattice-bounded')!.permissionsBoundary).toBeUndefined();
      // The rest is read as usual.
      expect(imported.serviceNetworks).toHaveLength(1);
      expect(imported.roles.map((r) => r.name)).toContain('lattice-bounded');
    } finally {
      await local.close();
    }
  }, 60_000);
});
