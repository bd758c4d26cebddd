import { evaluatePolicy, trustsWholeAccount, type RequestContext } from '../../policy';
import type { IncomingCall, Reply } from '../http/types';
import type { World } from '../world/World';
import { callerPrincipal } from './callerPrincipal';
import { StsError, stsResultReply, toXml } from './stsXml';
import type { IssuedKey } from '../world/World';
import { validateSessionTags } from './validateSessionTags';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const MIN_DURATION = 900;

function validation(message: string): StsError {
  return new StsError(400, 'ValidationError', message);
}

/** Session tags from `Tags.member.N.Key` / `Tags.member.N.Value`. */
function readSessionTags(params: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = Object.create(null);
  for (let n = 1; params.has(`Tags.member.${n}.Key`); n++) {
    tags[params.get(`Tags.member.${n}.Key`)!] = params.get(`Tags.member.${n}.Value`) ?? '';
  }
  return tags;
}

/** STS AssumeRole: checks the trust policy and the caller's own permission, then issues a session. */
export function assumeRole(params: URLSearchParams, key: IssuedKey, call: IncomingCall, world: World): Reply {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  if (!roleArn) throw validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  if (!sessionName) throw validation("1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
  if (!SESSION_NAME.test(sessionName)) {
    throw validation(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  const durationText = params.get('DurationSeconds');
  // A whole number as the Query protocol writes one: '1e3' or ' 900' is not.
  const duration = durationText === null ? 3600 : /^\d{1,9}$/.test(durationText) ? Number(durationText) : Number.NaN;
  if (!Number.isInteger(duration) || duration < MIN_DURATION || duration > 43200) {
    throw validation(`1 validation error detected: Value '${durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
  }
  const caller = callerPrincipal(key.owner, world);
  const role = world.roleByArn(roleArn);
  const denied = new StsError(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  if (!role) throw denied;
  const maxDuration = key.owner.kind === 'session' ? 3600 : role.spec.maxSessionDurationSeconds ?? 3600;
  if (duration > maxDuration) {
    throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  // Session policies narrow a session; ignoring one would grant more than was asked for, so it is refused.
  if (params.has('Policy') || [...params.keys()].some((k) => k.startsWith('PolicyArns.'))) {
    throw validation('Session policies (Policy, PolicyArns) are not supported by the local world');
  }
  const sessionTags = readSessionTags(params);
  validateSessionTags(params);
  const now = world.clock.now();
  const context: RequestContext = {
    ...caller.context,
    'aws:SourceIp': call.remoteAddress,
    'aws:SecureTransport': String(call.secure),
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
  const externalId = params.get('ExternalId');
  if (externalId !== null) context['sts:ExternalId'] = externalId;
  if (Object.keys(sessionTags).length > 0) {
    context['aws:TagKeys'] = Object.keys(sessionTags);
    for (const [k, v] of Object.entries(sessionTags)) context[`aws:RequestTag/${k}`] = v;
  }
  const actions = ['sts:AssumeRole', ...(Object.keys(sessionTags).length > 0 ? ['sts:TagSession'] : [])];
  for (const action of actions) {
    const request = { principal: caller.principal, action, resource: roleArn, context };
    const trust = evaluatePolicy(role.trustPolicy, request).decision;
    if (trust !== 'Allow') throw denied;
    const identity = caller.identityPolicies.map((p) => evaluatePolicy(p, request).decision);
    if (identity.includes('ExplicitDeny')) throw denied;
    // Across accounts, and within one when the trust policy trusts the account rather than this
    // principal, the caller's own identity policy must allow the call as well.
    const needsIdentity = caller.account !== role.spec.account || trustsWholeAccount(role.trustPolicy, request, caller.account);
    if (needsIdentity && !identity.includes('Allow')) throw denied;
  }
  const issued = world.issueSession(role, sessionName, duration, sessionTags);
  const owner = issued.owner as Extract<IssuedKey['owner'], { kind: 'session' }>;
  return stsResultReply(
    'AssumeRole',
    toXml({
      AssumedRoleUser: { AssumedRoleId: owner.userId, Arn: owner.arn },
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        SessionToken: issued.sessionToken,
        Expiration: issued.expiration,
      },
      ...(Object.keys(sessionTags).length > 0 ? { PackedPolicySize: 1 } : {}),
    }),
  );
}
