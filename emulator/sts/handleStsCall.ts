import type { Faults } from '../faults/Faults';
import type { IncomingCall, Reply } from '../http/types';
import type { World } from '../world/World';
import { assumeRole } from './assumeRole';
import { assumeRoleWithWebIdentity } from './assumeRoleWithWebIdentity';
import { callerPrincipal } from './callerPrincipal';
import { readStsParams } from './readStsParams';
import { StsError, stsErrorReply, stsResultReply, toXml } from './stsXml';
import { validateRoleArn } from './validateRoleArn';
import { verifyStsCaller } from './verifyStsCaller';

/** The one API version of STS; AWS finds an operation by its Action and this Version. */
const VERSION = '2011-06-15';
const ACTIONS = ['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetCallerIdentity'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * STS's answer for an Action it does not have in the Version asked for (a missing Version is
 * `NO_VERSION_SPECIFIED`).
 */
function resolveAction(params: URLSearchParams): Action {
  const action = params.get('Action');
  const version = params.get('Version');
  if (version === VERSION && (ACTIONS as readonly (string | null)[]).includes(action)) return action as Action;
  const shown = (text: string) => (text.length > 128 ? `${text.slice(0, 128)}...` : text);
  throw new StsError(
    400,
    'InvalidAction',
    `Could not find operation ${shown(action ?? '')} for version ${shown(version ?? 'NO_VERSION_SPECIFIED')}`,
  );
}

/**
 * The local STS: `POST /` with a form body (or `GET` with a query), awsQuery protocol, SigV4 with
 * service `sts`, except AssumeRoleWithWebIdentity, which the SDKs send unsigned (the token is the
 * credential). Every AssumeRole with a verified signature counts for its RoleArn; with
 * `throttleAssumeRole` faults set, it then answers `Throttling: Rate exceeded` (HTTP 400) as STS
 * does under load.
 */
export function handleStsCall(call: IncomingCall, world: World, faults?: Faults): Reply {
  try {
    const params = readStsParams(call);
    const action = resolveAction(params);
    if (action === 'AssumeRoleWithWebIdentity') {
      validateRoleArn(params);
      return assumeRoleWithWebIdentity(params, call, world);
    }
    const key = verifyStsCaller(call, world);
    switch (action) {
      case 'AssumeRole': {
        const roleArn = params.get('RoleArn');
        if (roleArn) world.countAssumeRole(roleArn);
        if (faults?.take('throttleAssumeRole')) {
          world.stats.throttled++;
          throw new StsError(400, 'Throttling', 'Rate exceeded');
        }
        validateRoleArn(params);
        return assumeRole(params, key, call, world);
      }
      case 'GetCallerIdentity': {
        const caller = callerPrincipal(key.owner, world);
        return stsResultReply(
          'GetCallerIdentity',
          toXml({ Arn: caller.arn, UserId: key.owner.userId, Account: caller.account }),
        );
      }
    }
  } catch (error) {
    if (error instanceof StsError) return stsErrorReply(error);
    // A bug: the server reports it and answers InternalFailure.
    throw error;
  }
}
