import type { WorldSpec } from '../../../world';
import { roleArn } from '../../../world/arns';
import { startLocalWorld, type LocalWorld } from '../../../emulator/startLocalWorld';
import { localEnvironment } from '../../../harness/environments/localEnvironment';
import type { ResolvedEnvironment } from '../../../harness/resolve/types';

export const READER = 'lattice-e2e-reader';

const READ_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['vpc-lattice:Get*', 'vpc-lattice:List*', 'iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:GetPolicy', 'iam:GetPolicyVersion'], Resource: '*' }],
};

/** The spec with a reader role in every account (trusting the runner's account) that the runner may assume. */
export function withReaders(spec: WorldSpec): WorldSpec {
  const readers = spec.accounts.map((a) => ({
    name: READER,
    account: a.id,
    trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${spec.runner.account}:root` }, Action: 'sts:AssumeRole' }] },
    identityPolicies: [READ_POLICY],
  }));
  const runnerPolicy = spec.runner.identityPolicy as { Statement?: unknown };
  const statements = Array.isArray(runnerPolicy.Statement) ? runnerPolicy.Statement : runnerPolicy.Statement ? [runnerPolicy.Statement] : [];
  return {
    ...spec,
    roles: [...spec.roles, ...readers],
    runner: {
      ...spec.runner,
      identityPolicy: { Version: '2012-10-17', Statement: [...statements, { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${READER}` }] },
    },
  };
}

/** A running local world with readers, and the environment that reads it through the AWS SDK as a real one is read. */
export async function startReadableWorld(spec: WorldSpec): Promise<{ local: LocalWorld; env: ResolvedEnvironment }> {
  const local = await startLocalWorld({ spec: withReaders(spec) });
  const base = localEnvironment({ ...local, world: { spec: local.world.spec, runnerKey: local.world.runnerKey, userKeys: local.world.userKeys } });
  const readers: ResolvedEnvironment['readers'] = {};
  for (const a of spec.accounts) {
    readers[a.id] = {
      role: { kind: 'role', name: `reader-${a.id}`, roleArn: roleArn(a.id, READER), sessionName: 'lattice-e2e-import', durationSeconds: 3600, sessionTags: {}, signing: 'sigv4' },
      name: a.name,
      inOrganization: a.inOrganization,
    };
  }
  const env: ResolvedEnvironment = { ...base, name: 'local-import', organizationId: spec.accounts.some((a) => a.inOrganization) ? spec.organization.id : undefined, readers };
  return { local, env };
}
