import type { WorldSpec } from '../../world';
import { roleArn } from '../../world/arns';
import type { ResolvedReader } from '../resolve/types';

/** The role, in every account of a local world, that reads the account (as `readers` name one in AWS). */
export const LOCAL_READER_ROLE = 'lattice-e2e-reader';

/**
 * What a reader may do: exactly the read calls the import and the drift check send, as
 * docs/ci/reader-role.yaml grants them (a test holds the two to the same list), so every local
 * import and drift check runs with the permissions a deployed reader has.
 */
export const READER_ACTIONS = [
  'vpc-lattice:GetAuthPolicy',
  'vpc-lattice:GetService',
  'vpc-lattice:GetServiceNetwork',
  'vpc-lattice:ListListeners',
  'vpc-lattice:ListServiceNetworkServiceAssociations',
  'vpc-lattice:ListServiceNetworkVpcAssociations',
  'vpc-lattice:ListServiceNetworks',
  'vpc-lattice:ListServices',
  'vpc-lattice:ListTagsForResource',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListRolePolicies',
  'lambda:GetFunctionConfiguration',
  'lambda:GetPolicy',
];

/** Only the management account's reader reads the organization (the template's `ManagementAccount=true`). */
export const MANAGEMENT_READER_ACTIONS = [
  'organizations:DescribePolicy',
  'organizations:ListAccountsForParent',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListPoliciesForTarget',
  'organizations:ListRoots',
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
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action:
              a.id === spec.organization.managementAccount
                ? [...READER_ACTIONS, ...MANAGEMENT_READER_ACTIONS]
                : READER_ACTIONS,
            Resource: '*',
          },
        ],
      },
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
