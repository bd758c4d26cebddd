import type { RoleSpec } from '../../../world';

/**
 * The role `lattice-e2e-admin` in `account`, assumable by `trustedAccount`'s principals, allowed `actions` on
 * every resource: the administrator a test changes a running world as.
 */
export function adminRole(account: string, actions: string | string[], trustedAccount = '500000000005'): RoleSpec {
  return {
    name: 'lattice-e2e-admin',
    account,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${trustedAccount}:root` }, Action: 'sts:AssumeRole' },
      ],
    },
    identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }],
  };
}
