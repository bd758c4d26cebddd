import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listWorlds, loadWorld, seedWorld, type WorldSpec } from '../../world';
import { importWorld } from '../../harness/import/importWorld';
import { callerRoleArns } from '../../harness/import/readDeployedOrganization';
import { deployedViewOfWorld } from '../../harness/import/deployedViewOfWorld';
import { compareOrganizations } from '../../harness/check/deployed/compareOrganizations';
import { roleArn } from '../../world/arns';
import { startReadableWorld, readEndpoints } from './support/readableWorld';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = join(ROOT, 'scenarios');
const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-import-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every file under `dir`, by relative path, with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(
        join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return files;
}

describe.each(listWorlds(SCENARIOS))('world import round trip: %s', (name) => {
  it('imports from the running local world a world that resolves to the ' +
    'deployed part of the one it started with, twice the same bytes', async () => {
    const original = await loadWorld(name, SCENARIOS);
    const { local, env } = await startReadableWorld(original);
    try {
      const dir = join(out, name);
      const file = join(dir, `imported-${name}.ts`);
      // Pages of one item: every list is followed through its pages.
      const first = await importWorld(env, {
        out: file,
        root: ROOT,
        endpoints: readEndpoints(local),
        pageSize: 1,
      });
      const bytes = snapshot(dir);
      await importWorld(env, {
        out: file,
        root: ROOT,
        endpoints: readEndpoints(local),
      });
      expect(snapshot(dir)).toEqual(bytes);
      expect(first.files.length).toBeGreaterThan(1);

      const imported = await loadWorld(file, SCENARIOS);
      const roles = callerRoleArns(env);
      const drift = compareOrganizations(deployedViewOfWorld(original, roles), deployedViewOfWorld(imported, roles));
      expect(drift.filter((d) => d.status !== 'same')).toEqual([]);
      // Every network, service, caller role and association of the original was compared.
      expect(drift.filter((d) => d.kind === 'service-network')).toHaveLength(original.serviceNetworks.length);
      expect(drift.filter((d) => d.kind === 'service')).toHaveLength(original.services.length);
      expect(drift.filter((d) => d.kind === 'role')).toHaveLength(roles.length);
      // Every relay the callers send through, with its VPC and function policy.
      expect(drift.filter((d) => d.kind === 'relay')).toHaveLength(original.relays?.length ?? 0);
      // Each caller role's boundary, and the SCPs and RCPs of every target when the management account can be read.
      const bounded = original.roles.filter((r) => r.permissionsBoundary && roles.includes(roleArn(r.account, r.name)));
      expect(drift.filter((d) => d.kind === 'boundary')).toHaveLength(bounded.length);
      const org = original.organization;
      if (org.managementAccount !== undefined) {
        const targets = 1 + org.ous.length + Object.keys(org.ouPaths).length;
        expect(drift.filter((d) => d.kind === 'scp')).toHaveLength(targets);
        expect(drift.filter((d) => d.kind === 'rcp')).toHaveLength(targets);
        expect(first.notes.join('\n')).not.toContain('could not be read');
      } else {
        // Nobody may read the organization: said so, and nothing invented.
        expect(first.notes.join('\n')).toContain('could not be read (ListRoots: AccessDeniedException');
        expect(imported.organization.scps?.map((p) => p.name) ?? ['FullAWSAccess']).toEqual(['FullAWSAccess']);
      }
      // No secret in any file; callers' external IDs stay environment variables (a trust policy that
      // names one is deployed content and is written as deployed).
      const worldText = readFileSync(file, 'utf8');
      for (const c of original.callers)
        if (c.kind === 'role' && c.externalId) expect(worldText).not.toContain(c.externalId);
      if (original.callers.some((c) => c.kind === 'role' && c.externalId))
        expect(worldText).toContain('process.env.LATTICE_E2E_EXTERNAL_ID_');
      const text = Object.values(bytes).join('\n');
      for (const key of local.world.issuedKeys()) {
        expect(text).not.toContain(key.secretAccessKey);
        if (key.sessionToken) expect(text).not.toContain(key.sessionToken);
      }
    } finally {
      await local.close();
    }
  }, 60_000);
});

describe('world import round trip: what the demo world leaves at its defaults', () => {
  it('a custom domain, a listener on another port, a longer session, several ' +
    'inline policies, tags on a network', async () => {
    const original: WorldSpec = seedWorld();
    const parking = original.services.find((s) => s.name === 'parking')!;
    parking.customDomainName = 'parking.example.com';
    parking.listeners = [
      { protocol: 'HTTPS', port: 443 },
      { protocol: 'HTTP', port: 8080 },
    ];
    original.serviceNetworks[0]!.tags = { owner: 'platform', 'cost-center': '42' };
    const invoker = original.roles.find((r) => r.name === 'lattice-no-invoke')!;
    invoker.maxSessionDurationSeconds = 7200;
    invoker.tags = { b: '2', a: '1' };
    invoker.identityPolicies = [
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] },
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
    ];
    const { local, env } = await startReadableWorld(original);
    try {
      const file = join(out, 'variant', 'variant.ts');
      await importWorld(env, {
        out: file,
        root: ROOT,
        endpoints: readEndpoints(local),
      });
      const imported = await loadWorld(file, SCENARIOS);
      const roles = callerRoleArns(env);
      const drift = compareOrganizations(deployedViewOfWorld(original, roles), deployedViewOfWorld(imported, roles));
      expect(drift.filter((d) => d.status !== 'same')).toEqual([]);
      expect(imported.services.find((s) => s.name === 'parking')).toMatchObject({
        customDomainName: 'parking.example.com',
        listeners: [
          { protocol: 'HTTPS', port: 443 },
          { protocol: 'HTTP', port: 8080 },
        ],
      });
      expect(imported.roles.find((r) => r.name === 'lattice-no-invoke')).toMatchObject({
        maxSessionDurationSeconds: 7200,
        tags: { a: '1', b: '2' },
      });
      // And a change is seen: the comparison is not blind.
      imported.roles.find((r) => r.name === 'lattice-no-invoke')!.identityPolicies.pop();
      const changed = compareOrganizations(deployedViewOfWorld(original, roles), deployedViewOfWorld(imported, roles));
      expect(
        changed.filter((d) => d.status !== 'same').map((d) => [d.kind, d.status, d.differences[0]?.field]),
      ).toEqual([['role', 'differs', 'identityPolicies']]);
    } finally {
      await local.close();
    }
  }, 60_000);
});
