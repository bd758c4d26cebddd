import type { Principal, Policy, RequestContext } from '../../policy';
import { callerOfKey } from '../world/callerOfKey';
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
  const caller = callerOfKey(owner, world);
  const user = caller.principalType === 'User';
  const context: RequestContext = {
    'aws:PrincipalArn': caller.roleArn,
    'aws:PrincipalAccount': caller.account,
    'aws:PrincipalType': caller.principalType ?? 'AssumedRole',
    'aws:userid': caller.userId,
    ...(user && { 'aws:username': caller.arn.slice(caller.arn.lastIndexOf('/') + 1) }),
    ...(caller.orgId !== undefined && { 'aws:PrincipalOrgID': caller.orgId }),
    ...(caller.orgPaths !== undefined && { 'aws:PrincipalOrgPaths': caller.orgPaths }),
  };
  for (const [k, v] of Object.entries(caller.principalTags)) context[`aws:PrincipalTag/${k}`] = v;
  return {
    arn: caller.arn,
    account: caller.account,
    principal: { kind: 'aws', arn: caller.arn, account: caller.account, ...(!user && { roleArn: caller.roleArn }) },
    identityPolicies: caller.identityPolicies,
    context,
  };
}
