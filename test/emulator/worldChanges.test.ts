import { join } from 'node:path';
import { IAMClient, PutRolePermissionsBoundaryCommand } from '@aws-sdk/client-iam';
import { DetachPolicyCommand, ListPoliciesForTargetCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { PutAuthPolicyCommand } from '@aws-sdk/client-vpc-lattice';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { loadWorld, type WorldSpec } from '../../world';
import { projectRoot } from '../support/paths';
import { assume, invoke, latticeClient, REGION } from './support/localCalls';
import { adminRole } from '../world/support/adminRole';

// The guardrails world (scenarios/worlds/guardrails.ts): an SCP at the root lets only the workloads
// OU invoke; lattice-bounded's permissions boundary has no Invoke. Every change below goes through
// the world's APIs with the SDK's own clients, after a request that made the data plane derive
// what it needs from the world as it was; the very next request must see the change.
const MANAGEMENT = '100000000001';
const WORKLOAD_B = '300000000003';
const SANDBOX = '400000000004';
const ROOT = 'r-gr01';

let local: LocalWorld;
let orders: { host: string; arn: string };
let address: (vpc: string) => string;

beforeAll(async () => {
  const spec: WorldSpec = await loadWorld('guardrails', join(projectRoot, 'scenarios'));
  spec.roles.push(adminRole(MANAGEMENT, ['organizations:ListPoliciesForTarget', 'organizations:DetachPolicy']));
  spec.roles.push(adminRole(WORKLOAD_B, ['iam:PutRolePermissionsBoundary']));
  local = await startLocalWorld({ spec });
  const service = local.world.services.find((s) => s.spec.name === 'orders')!;
  orders = { host: service.domain, arn: service.arn };
  address = (vpc) => local.world.spec.vpcs.find((v) => (v.name ?? v.id) === vpc)!.address;
});
afterAll(() => local?.close());

const call = (credentials: AwsCredentialIdentity, vpc: string) =>
  invoke(local, credentials, { host: orders.host, method: 'POST', localAddress: address(vpc) });

/** Lattice's refusal text for a session of `role` in `account` (lattice-behaviour.md §2), with IAM's tail. */
const refusal = (account: string, role: string, session: string, tail: string) =>
  `AccessDeniedException: User: arn:aws:sts::${account}:assumed-role/${role}/${session} is not authorized to ` +
  `perform: vpc-lattice-svcs:Invoke on resource: ${orders.arn}/ ${tail}`;

const adminCredentials = (account: string) => assume(local, `arn:aws:iam::${account}:role/lattice-e2e-admin`, 'admin');

describe('a change to the world is seen by the very next request', () => {
  it('Organizations: an SCP detached from the root no longer refuses the next Invoke', async () => {
    const sandbox = await assume(local, `arn:aws:iam::${SANDBOX}:role/lattice-invoker`, 'sandbox');
    const before = await call(sandbox, 'sandbox-vpc');
    expect(before).toMatchObject({
      status: 403,
      body: refusal(SANDBOX, 'lattice-invoker', 'sandbox', 'with an explicit deny in a service control policy'),
    });
    const org = new OrganizationsClient({
      region: REGION,
      endpoint: local.organizationsEndpoint,
      credentials: await adminCredentials(MANAGEMENT),
    });
    const attached = await org.send(
      new ListPoliciesForTargetCommand({ TargetId: ROOT, Filter: 'SERVICE_CONTROL_POLICY' }),
    );
    const scp = attached.Policies!.find((p) => p.Name === 'invoke-only-from-workloads')!;
    await org.send(new DetachPolicyCommand({ PolicyId: scp.Id!, TargetId: ROOT }));
    org.destroy();
    expect(await call(sandbox, 'sandbox-vpc')).toMatchObject({ status: 200, body: '"orders"' });
  });

  it("IAM: a role's new permissions boundary applies to its existing session from the next Invoke on", async () => {
    const bounded = await assume(local, `arn:aws:iam::${WORKLOAD_B}:role/lattice-bounded`, 'bounded');
    expect(await call(bounded, 'workload-vpc')).toMatchObject({
      status: 403,
      body: refusal(
        WORKLOAD_B,
        'lattice-bounded',
        'bounded',
        'because no permissions boundary allows the vpc-lattice-svcs:Invoke action',
      ),
    });
    const iam = new IAMClient({
      region: REGION,
      endpoint: local.iamEndpoint,
      credentials: await adminCredentials(WORKLOAD_B),
    });
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: 'lattice-bounded',
        PermissionsBoundary: `arn:aws:iam::${WORKLOAD_B}:policy/lattice-invoke-only`,
      }),
    );
    iam.destroy();
    expect(await call(bounded, 'workload-vpc')).toMatchObject({ status: 200, body: '"orders"' });
  });

  it('control plane: an auth policy put on the service network refuses the next Invoke', async () => {
    const workload = await assume(local, `arn:aws:iam::${WORKLOAD_B}:role/lattice-invoker`, 'workload');
    expect(await call(workload, 'workload-vpc')).toMatchObject({ status: 200, body: '"orders"' });
    const network = local.world.networks.find((n) => n.spec.name === 'org-network')!;
    const lattice = latticeClient(local);
    await lattice.send(
      new PutAuthPolicyCommand({
        resourceIdentifier: network.arn,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SANDBOX}:root` }, Action: '*', Resource: '*' },
          ],
        }),
      }),
    );
    lattice.destroy();
    expect(await call(workload, 'workload-vpc')).toMatchObject({
      status: 403,
      body: refusal(
        WORKLOAD_B,
        'lattice-invoker',
        'workload',
        'because no network-based policy allows the vpc-lattice-svcs:Invoke action',
      ),
    });
  });
});
