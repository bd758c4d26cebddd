import type { InvokeCaller } from '../../policy';
import type { KeyOwner, World } from './World';

/**
 * Who owns a key, as IAM sees the principal: ARNs, account, organization, tags and identity
 * policies (the shape the Lattice authorizer takes; STS builds its request context from it too).
 */
export function callerOfKey(owner: KeyOwner, world: World): InvokeCaller {
  if (owner.kind === 'user') {
    const org = world.organizationOf(owner.account);
    return {
      kind: 'iam',
      arn: owner.arn,
      roleArn: owner.arn,
      account: owner.account,
      userId: owner.userId,
      orgId: org?.orgId,
      orgPaths: org?.orgPaths,
      principalTags: {},
      principalType: 'User',
      identityPolicies: owner.identityPolicies,
    };
  }
  const account = owner.role.spec.account;
  const org = world.organizationOf(account);
  return {
    kind: 'iam',
    arn: owner.arn,
    roleArn: owner.role.arn,
    account,
    userId: owner.userId,
    orgId: org?.orgId,
    orgPaths: org?.orgPaths,
    principalTags: { ...(owner.role.spec.tags ?? {}), ...owner.sessionTags },
    identityPolicies: owner.role.identityPolicies,
  };
}
