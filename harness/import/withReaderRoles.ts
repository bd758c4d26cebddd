import type { WorldSpec } from '../../world';
import { roleArn } from '../../world/arns';
import type { ResolvedReader } from '../resolve/types';

/** The role, in every account of a local world, that reads the account (as `readers` name one in AWS). */
export const LOCAL_READER_ROLE = 'lattice-e2e-reader';

const READ_ACTIONS = [
  'vpc-lattice:Get*',
  'vpc-lattice:List*',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'organizations:List*',
  'organizations:Describe*',
];

/**
 * The spec with a read-only reader role in every account (trusting the runner's account) that the
 * runner may assume: what a local world needs to be imported or checked for drift the way a real
 * organization is, one reader per account. A spec that has them already is returned as is.
 */
export function withReaderRoles(spec: WorldSpec): WorldSpec {
  if (spec.roles.some((r) => r.name === LOCAL_READER_ROLE)) return spec;
  const readers = spec.accounts.map((a) => ({
    name: LOCAL_READER_ROLE,
    account: a.id,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${spec.runner.account}:root` }, Action: 'sts:AssumeRole' },
      ],
    },
    identityPolicies: [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: READ_ACTIONS, Resource: '*' }] },
    ],
  }));
  const runnerPolicy = spec.runner.identityPolicy as { Statement?: unknown };
  const statements = Array.isArray(runnerPolicy.Statement)
    ? runnerPolicy.Statement
    : runnerPolicy.Statement
      ? [runnerPolicy.Statement]
      : [];
  return {
    ...spec,
    roles: [...spec.roles, ...readers],
    runner: {
      ...spec.runner,
      identityPolicy: {
        Version: '2012-10-17',
        Statement: [
          ...statements,
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${LOCAL_READER_ROLE}` },
        ],
      },
    },
  };
}

/**
 * The `readers` of a local world started from `withReaderRoles(spec)`: one per account, named as
 * the world names it.
 */
export function localReaders(spec: WorldSpec): Record<string, ResolvedReader> {
  const readers: Record<string, ResolvedReader> = {};
  for (const a of spec.accounts) {
    readers[a.id] = {
      role: {
        kind: 'role',
        name: `reader-${a.id}`,
        roleArn: roleArn(a.id, LOCAL_READER_ROLE),
        sessionName: 'lattice-e2e-reader',
        durationSeconds: 3600,
        sessionTags: {},
        signing: 'sigv4',
      },
      name: a.name,
      inOrganization: a.inOrganization,
    };
  }
  return readers;
}
