import { join } from 'node:path';
import { readEndpoints } from '../import/support/readableWorld';
import { describe, expect, it } from 'vitest';
import { startLocalWorld } from '../../emulator/startLocalWorld';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { createReadClients } from '../../harness/import/createReadClients';
import { readDeployedOrganization } from '../../harness/import/readDeployedOrganization';
import { LOCAL_READER_ROLE, localReaders, withReaderRoles } from '../../harness/import/withReaderRoles';
import { loadWorld, type WorldSpec } from '../../world';
import { projectRoot } from '../support/paths';
import { readTemplate, resolveTemplate, type Json } from './support/resolveTemplate';

const TEMPLATE = join(projectRoot, 'docs', 'ci', 'reader-role.yaml');

/**
 * The guardrails world (a management account, SCPs, RCPs, boundaries) with a reader in every account
 * whose trust and identity policies are the template's, as a stack in that account would have them.
 */
async function worldWithTemplateReaders(
  management: (account: string) => boolean,
  edit: (statements: Json[]) => Json[] = (s) => s,
): Promise<WorldSpec> {
  const spec = withReaderRoles(await loadWorld('guardrails', join(projectRoot, 'scenarios')));
  const template = readTemplate(TEMPLATE);
  // The runner assumes the readers in a local world: the template's trust policy names it as the CI role.
  const ci = `arn:aws:iam::${spec.runner.account}:root`;
  return {
    ...spec,
    roles: spec.roles.map((role) => {
      if (role.name !== LOCAL_READER_ROLE) return role;
      const stack = resolveTemplate(
        template,
        { CiRoleArn: ci, ManagementAccount: String(management(role.account)) },
        { accountId: role.account },
      );
      const properties = stack.Resources.ReaderRole.Properties;
      const policies = properties.Policies as Json[];
      return {
        ...role,
        trustPolicy: properties.AssumeRolePolicyDocument,
        identityPolicies: policies.map((p) => ({ ...p.PolicyDocument, Statement: edit(p.PolicyDocument.Statement) })),
      };
    }),
  };
}

async function importAs(spec: WorldSpec) {
  const local = await startLocalWorld({ spec });
  const env = { ...localEnvironment(local), name: 'reader-template', organizationId: spec.organization.id };
  const endpoints = readEndpoints(local);
  const pool = createReadClients({ ...env, readers: localReaders(spec) }, { endpoints, maxAttempts: 1 });
  try {
    return await readDeployedOrganization({ ...env, readers: localReaders(spec) }, pool);
  } finally {
    pool.destroy();
    await local.close();
  }
}

describe("the reader role template's policies, in the local world, read through the AWS SDK", () => {
  it('read the whole organization: networks, services, caller roles, boundaries and the OU tree', async () => {
    const probe = await loadWorld('guardrails', join(projectRoot, 'scenarios'));
    const management = probe.organization.managementAccount;
    expect(management).toBeDefined();
    const org = await importAs(await worldWithTemplateReaders((a) => a === management));
    expect(org.errors ?? []).toEqual([]);
    expect(org.organization?.managementAccount).toBe(management);
    expect(org.roles.some((r) => r.permissionsBoundary !== undefined)).toBe(true);
    expect(org.services.length).toBeGreaterThan(0);
  });

  it('without ManagementAccount=true no reader reads the OU tree; without a read action the import fails', async () => {
    const member = await importAs(await worldWithTemplateReaders(() => false));
    expect((member.errors ?? []).map((e) => [e.kind, e.name])).toEqual([['organization', 'AccessDeniedException']]);
    const lacking = await importAs(
      await worldWithTemplateReaders(
        () => false,
        (statements) =>
          statements.map((s) => ({ ...s, Action: [s.Action].flat().filter((a) => a !== 'vpc-lattice:GetService') })),
      ),
    );
    expect((lacking.errors ?? []).filter((e) => e.kind === 'service').map((e) => e.operation)).toContain('GetService');
  });
});
