import type { Principal, Policy, RequestContext } from '../../policy';
import { principalContext, principalOf } from '../../world';
import { WorldMemo } from '../../world/WorldMemo';
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
  const caller = WorldMemo.of(world.model).invokeCaller(owner);
  return {
    arn: caller.arn,
    account: caller.account,
    principal: principalOf(caller),
    identityPolicies: caller.identityPolicies,
    context: principalContext(caller),
  };
}
