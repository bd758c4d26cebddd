import { evaluatePolicy } from '../../policy';
import { callerPrincipal } from '../sts/callerPrincipal';
import type { IssuedKey, World } from '../world/World';
import { accountOfArn } from '../../world/arns';
import { ControlPlaneError } from './restJson';

/**
 * May `key`'s owner call `vpc-lattice:<action>` on `resourceArn`? The runner's base credentials
 * act as the service owner in the local world: they may manage every network and service (in
 * AWS the runner would use a role in the owner's account). Any other principal needs an
 * identity-based policy that allows the action and must belong to the resource's account.
 */
export function authorizeControlPlane(key: IssuedKey, action: string, resourceArn: string, world: World): void {
  if (key.accessKeyId === world.runnerKey.accessKeyId) return;
  const caller = callerPrincipal(key.owner, world);
  const fullAction = `vpc-lattice:${action}`;
  const owner = resourceArn === '*' ? caller.account : accountOfArn(resourceArn);
  const now = world.clock.now();
  const request = {
    principal: caller.principal,
    action: fullAction,
    resource: resourceArn,
    context: {
      ...caller.context,
      'aws:CurrentTime': now.toISOString(),
      'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    },
  };
  const decisions = caller.identityPolicies.map((p) => evaluatePolicy(p, request).decision);
  const prefix = `User: ${caller.arn} is not authorized to perform: ${fullAction} on resource: ${resourceArn}`;
  if (decisions.includes('ExplicitDeny'))
    throw new ControlPlaneError('AccessDeniedException', `${prefix} with an explicit deny in an identity-based policy`);
  if (!decisions.includes('Allow'))
    throw new ControlPlaneError(
      'AccessDeniedException',
      `${prefix} because no identity-based policy allows the ${fullAction} action`,
    );
  if (owner !== caller.account)
    throw new ControlPlaneError(
      'AccessDeniedException',
      `${prefix} because no resource-based policy allows the ${fullAction} action`,
    );
}

/**
 * The account whose resources a caller's List operations see: its own (in AWS, what another
 * account shares is listed too; the local world shares nothing), or every account for the
 * runner's base credentials, which act as the owner of the whole local world.
 */
export function visibleAccount(key: IssuedKey, world: World): string | undefined {
  return key.accessKeyId === world.runnerKey.accessKeyId ? undefined : key.owner.account;
}
