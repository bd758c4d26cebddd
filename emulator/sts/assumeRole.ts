import { decideAssumeRole } from '../../world';
import { headerValue, type IncomingCall, type Reply } from '../http/types';
import type { IssuedKey, World } from '../world/World';
import { StsError, stsResultReply, toXml } from './stsXml';
import { validateSessionTags } from './validateSessionTags';

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

/** Managed session policies from `PolicyArns.member.N.arn`; absent when none is given. */
function readPolicyArns(params: URLSearchParams): { sessionPolicyArns?: string[] } {
  const arns: string[] = [];
  for (let n = 1; params.has(`PolicyArns.member.${n}.arn`); n++) arns.push(params.get(`PolicyArns.member.${n}.arn`)!);
  const stray = [...params.keys()].find(
    (k) => k.startsWith('PolicyArns.') && !/^PolicyArns\.member\.\d+\.arn$/.test(k),
  );
  if (stray !== undefined) throw validation(`Unknown parameter ${stray.slice(0, 64)}`);
  return arns.length > 0 ? { sessionPolicyArns: arns } : {};
}

/**
 * STS AssumeRole: reads the parameters (session policies `Policy` and `PolicyArns` included),
 * asks the world's decision core, issues the session, which keeps its session policies.
 */
export function assumeRole(params: URLSearchParams, key: IssuedKey, call: IncomingCall, world: World): Reply {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  if (!roleArn) {
    throw validation(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!sessionName) {
    throw validation(
      "1 validation error detected: Value null at 'roleSessionName' failed to " +
        'satisfy constraint: Member must not be null',
    );
  }
  const durationText = params.get('DurationSeconds');
  // A whole number as the Query protocol writes one: '1e3' or ' 900' is not.
  const duration = durationText === null ? 3600 : /^\d{1,9}$/.test(durationText) ? Number(durationText) : Number.NaN;
  if (Number.isNaN(duration)) {
    throw validation(
      `1 validation error detected: Value '${durationText}' at ` +
        `'durationSeconds' failed to satisfy constraint: Member must have value ` +
        `between 900 and 43200`,
    );
  }
  validateSessionTags(params);
  const externalId = params.get('ExternalId');
  const userAgent = headerValue(call.rawHeaders, 'user-agent');
  const decision = decideAssumeRole(world.model, {
    caller: key.owner,
    roleArn,
    sessionName,
    durationSeconds: duration,
    ...(externalId !== null && { externalId }),
    sessionTags: readSessionTags(params),
    ...(params.has('Policy') && { sessionPolicy: params.get('Policy')! }),
    ...readPolicyArns(params),
    sourceIp: call.remoteAddress.replace(/^::ffff:/, ''),
    ...(userAgent !== undefined && { userAgent }),
    secure: call.secure,
    now: world.clock.now(),
  });
  if (decision.kind === 'refused') throw new StsError(decision.status, decision.code, decision.message);
  const issued = world.issueSession(decision.principal, duration);
  const { owner } = issued;
  // STS reports the packed size of session policies and tags, as a percentage of the limit.
  const tagged =
    Object.keys(decision.principal.sessionTags).length > 0 || (decision.principal.sessionPolicies?.length ?? 0) > 0;
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
      ...(tagged ? { PackedPolicySize: 1 } : {}),
    }),
  );
}
