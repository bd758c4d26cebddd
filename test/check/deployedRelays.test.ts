import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { runCheckCli } from '../../harness/check/runCheckCli';
import { LOCAL_READER_ROLE, withReaderRoles } from '../../harness/import/withReaderRoles';
import { loadWorld, type WorldSpec } from '../../world';
import { projectRoot } from '../support/paths';
import { captureIo } from '../support/captureIo';

const B = '222222222222';
const B_RELAY = `arn:aws:lambda:us-east-1:${B}:function:lattice-e2e-relay-consumer-b`;
const C_RELAY = 'arn:aws:lambda:us-east-1:444444444444:function:lattice-e2e-relay-outsider-c';
const SPARE = `arn:aws:lambda:us-east-1:${B}:function:lattice-e2e-relay-spare`;

interface DriftResult {
  kind: string;
  id: string;
  status: string;
  differences: { field: string; code?: unknown; deployed?: unknown; policy?: { kind: string }[] }[];
  error?: { operation: string; name: string; message: string };
}

let relays: WorldSpec;
let local: LocalWorld | undefined;
beforeAll(async () => {
  relays = await loadWorld('relays', join(projectRoot, 'scenarios'));
});
afterEach(async () => {
  await local?.close();
  local = undefined;
});

/** The world as code, a fresh copy of the relays world changed by `change`. */
const worldWith = (change: (spec: WorldSpec) => void = () => {}): WorldSpec => {
  const spec = structuredClone(relays);
  change(spec);
  return spec;
};

/** `check --deployed` of `code` against a local world started from `deployed` (with its readers). */
async function checkDeployed(code: WorldSpec, deployed: WorldSpec, json = true) {
  local = await startLocalWorld({ spec: withReaderRoles(deployed) });
  const { io, out, err } = captureIo();
  const exit = await runCheckCli(['--deployed', ...(json ? ['--json'] : [])], io, {
    localWorld: local,
    world: () => code,
  });
  expect(err()).toBe('');
  for (const key of local.world.issuedKeys()) expect(out()).not.toContain(key.secretAccessKey);
  if (!json) return { code: exit, text: out(), relays: [] as DriftResult[] };
  const doc = JSON.parse(out()) as { organization: { results: DriftResult[] } };
  return { code: exit, text: out(), relays: doc.organization.results.filter((r) => r.kind === 'relay') };
}

describe('check --deployed compares the relays (function VPC and policy) through the local Lambda endpoint', () => {
  it('same when the deployed relays are the world as code', async () => {
    const { relays: found } = await checkDeployed(worldWith(), worldWith());
    expect(found.map((r) => [r.id, r.status])).toEqual([
      [B_RELAY, 'same'],
      [C_RELAY, 'same'],
    ]);
  });

  it("differs when the function's policy means something else, naming the statement", async () => {
    const deployed = worldWith((spec) => {
      const relay = spec.relays!.find((r) => r.arn === B_RELAY)!;
      const policy = structuredClone(relay.policy) as { Statement: { Principal: unknown }[] };
      policy.Statement[0]!.Principal = { AWS: 'arn:aws:iam::333333333333:role/someone-else' };
      relay.policy = policy;
    });
    const { code, relays: found } = await checkDeployed(worldWith(), deployed);
    expect(code).toBe(1);
    const b = found.find((r) => r.id === B_RELAY)!;
    expect(b.status).toBe('differs');
    expect(b.differences.map((d) => d.field)).toEqual(['policy']);
    expect(b.differences[0]!.policy!.length).toBeGreaterThan(0);
    expect(found.find((r) => r.id === C_RELAY)!.status).toBe('same');
    // The console report names it, with what differs.
    await local?.close();
    const { text } = await checkDeployed(worldWith(), deployed, false);
    expect(text).toMatch(new RegExp(`^DIFFERS +relay +${B_RELAY}$`, 'm'));
    expect(text).toContain('    policy differs:');
  });

  it('differs when the function has no policy deployed, and in its VPC when that moved', async () => {
    const deployed = worldWith((spec) => {
      delete spec.relays!.find((r) => r.arn === C_RELAY)!.policy;
      // A second VPC of B's, associated with the network, where B's relay now runs.
      spec.vpcs.push({ id: 'vpc-0b0b0b0b0b0b0b0b1', account: B, address: '127.0.0.14' });
      spec.serviceNetworks[0]!.vpcAssociations.push('vpc-0b0b0b0b0b0b0b0b1');
      spec.relays!.find((r) => r.arn === B_RELAY)!.vpc = 'vpc-0b0b0b0b0b0b0b0b1';
    });
    const code = worldWith((spec) => {
      spec.vpcs.push({ id: 'vpc-0b0b0b0b0b0b0b0b1', account: B, address: '127.0.0.14' });
      spec.serviceNetworks[0]!.vpcAssociations.push('vpc-0b0b0b0b0b0b0b0b1');
    });
    const { relays: found } = await checkDeployed(code, deployed);
    const b = found.find((r) => r.id === B_RELAY)!;
    expect(b).toMatchObject({
      status: 'differs',
      differences: [{ field: 'vpc', code: 'vpc-0b0b0b0b0b0b0b0b0', deployed: 'vpc-0b0b0b0b0b0b0b0b1' }],
    });
    const c = found.find((r) => r.id === C_RELAY)!;
    expect(c.status).toBe('differs');
    expect(c.differences).toEqual([{ field: 'policy', code: expect.any(Object) }]);
  });

  it('missing when the world as code has a relay that is not deployed', async () => {
    const code = worldWith((spec) => {
      spec.relays!.push({
        name: 'spare',
        account: B,
        vpc: 'vpc-0b0b0b0b0b0b0b0b0',
        functionName: 'lattice-e2e-relay-spare',
        arn: SPARE,
      });
    });
    const { code: exit, relays: found } = await checkDeployed(code, worldWith());
    expect(exit).toBe(1);
    expect(found.map((r) => [r.id, r.status])).toEqual([
      [B_RELAY, 'same'],
      [SPARE, 'missing'],
      [C_RELAY, 'same'],
    ]);
  });

  it('error, never missing, when the reader may not read the function policy', async () => {
    const deployed = withReaderRoles(worldWith());
    const reader = deployed.roles.find((r) => r.name === LOCAL_READER_ROLE && r.account === B)!;
    reader.identityPolicies = [
      ...reader.identityPolicies,
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'lambda:GetPolicy', Resource: '*' }] },
    ];
    const { code, relays: found } = await checkDeployed(worldWith(), deployed);
    expect(code).toBe(1);
    const b = found.find((r) => r.id === B_RELAY)!;
    expect(b).toMatchObject({
      status: 'error',
      differences: [],
      error: {
        operation: 'GetPolicy',
        name: 'AccessDeniedException',
        message:
          `User: arn:aws:sts::${B}:assumed-role/${LOCAL_READER_ROLE}/lattice-e2e-reader is not authorized to ` +
          `perform: lambda:GetPolicy on resource: ${B_RELAY} with an explicit deny in an identity-based policy`,
      },
    });
    expect(found.find((r) => r.id === C_RELAY)!.status).toBe('same');
  });
});
