import type { Principal, Policy, RequestContext } from '../../policy';
import type { KeyOwner, World } from '../world/World';

export interface CallerView {
  arn: string;
  account: string;
  principal: Principal;
  identityPolicies: Policy[];
  /** Global condition keys that describe the caller (aws:Principal*, aws:userid, aws:username). */
  context: RequestContext;
}

/** Describes the owner of a key as IAM sees it when that principal makes a request. */
export function callerPrincipal(owner: KeyOwner, world: World): CallerView {
  if (owner.kind === 'user') {
    const org = world.organizationOf(owner.account);
    return {
      arn: owner.arn,
      account: owner.account,
      principal: { kind: 'aws', arn: owner.arn, account: owner.account },
      identityPolicies: owner.identityPolicies,
      context: {
        'aws:PrincipalArn': owner.arn,
        'aws:PrincipalAccount': owner.account,
        'aws:PrincipalType': 'User',
        'aws:userid': owner.userId,
        'aws:username': owner.arn.slice(owner.arn.lastIndexOf('/') + 1),
        ...(org ? { 'aws:PrincipalOrgID': org.orgId, 'aws:PrincipalOrgPaths': org.orgPaths } : {}),
      },
    };
  }
  const account = owner.role.spec.account;
  const org = world.organizationOf(account);
  const tags = { ...(owner.role.spec.tags ?? {}), ...owner.sessionTags };
  const context: RequestContext = {
    'aws:PrincipalArn': owner.role.arn,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': owner.userId,
    ...(org ? { 'aws:PrincipalOrgID': org.orgId, 'aws:PrincipalOrgPaths': org.orgPaths } : {}),
  };
  for (const [k, v] of Object.entries(tags)) context[`aws:PrincipalTag/${k}`] = v;
  return {
    arn: owner.arn,
    account,
    principal: { kind: 'aws', arn: owner.arn, account, roleArn: owner.role.arn },
    identityPolicies: owner.role.identityPolicies,
    context,
  };
}
