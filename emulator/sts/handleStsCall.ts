import type { Faults } from '../faults/Faults';
import type { IncomingCall, Reply } from '../http/types';
import type { World } from '../world/World';
import { assumeRole } from './assumeRole';
import { callerPrincipal } from './callerPrincipal';
import { StsError, stsErrorReply, stsResultReply, toXml } from './stsXml';
import { verifyStsCaller } from './verifyStsCaller';

const MAX_BODY = 64 * 1024;

/**
 * The local STS: `POST /` with a form body, awsQuery protocol, SigV4 with service `sts`. Every
 * AssumeRole with a verified signature counts for its RoleArn; with `throttleAssumeRole` faults
 * set, it then answers `Throttling: Rate exceeded` (HTTP 400) as STS does under load.
 */
export function handleStsCall(call: IncomingCall, world: World, faults?: Faults): Reply {
  try {
    if (call.method !== 'POST' && call.method !== 'GET') throw new StsError(405, 'InvalidAction', `Method ${call.method} is not supported`);
    if (call.body.length > MAX_BODY) throw new StsError(413, 'ValidationError', 'Request body too large');
    const params = call.method === 'POST'
      ? new URLSearchParams(call.body.toString('utf8'))
      : new URL(call.target, 'http://sts').searchParams;
    const action = params.get('Action');
    const key = verifyStsCaller(call, world);
    switch (action) {
      case 'AssumeRole': {
        const roleArn = params.get('RoleArn');
        if (roleArn) world.countAssumeRole(roleArn);
        if (faults?.take('throttleAssumeRole')) {
          world.stats.throttled++;
          throw new StsError(400, 'Throttling', 'Rate exceeded');
        }
        return assumeRole(params, key, call, world);
      }
      case 'GetCallerIdentity': {
        const caller = callerPrincipal(key.owner, world);
        return stsResultReply('GetCallerIdentity', toXml({ Arn: caller.arn, UserId: key.owner.userId, Account: caller.account }));
      }
      default:
        throw new StsError(400, 'InvalidAction', `Could not find operation ${action ?? '(none)'} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
    }
  } catch (error) {
    if (error instanceof StsError) return stsErrorReply(error);
    // A bug: the server reports it and answers InternalFailure.
    throw error;
  }
}
