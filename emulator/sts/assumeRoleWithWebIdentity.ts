import { evaluatePolicy, type RequestContext } from '../../policy';
import type { Answer, IncomingCall } from '../http/types';
import { accountOfArn } from '../../world/arns';
import type { World } from '../world/World';
import { StsError, stsResultReply, toXml } from './stsXml';
import { verifyWebIdentityToken, type VerifiedWebIdentity } from './verifyWebIdentityToken';

const SESSION_NAME = /^[\w+=,.@-]*$/;
/** The OIDC claims IAM offers as `<provider>:<claim>` condition keys (IAM User Guide, OIDC keys). */
const CLAIM_KEYS = ['aud', 'sub', 'azp', 'oaud', 'amr', 'email'] as const;

const validation = (message: string) => new StsError(400, 'ValidationError', `1 validation error detected: ${message}`);
const required = (params: URLSearchParams, name: string, member: string): string => {
  const value = params.get(name);
  if (value === null)
    throw validation(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
};

function readRequest(params: URLSearchParams) {
  const roleArn = required(params, 'RoleArn', 'roleArn');
  const sessionName = required(params, 'RoleSessionName', 'roleSessionName');
  const token = required(params, 'WebIdentityToken', 'webIdentityToken');
  const at = (member: string, value?: string) =>
    `Value ${value === undefined ? '' : `'${value}' `}at '${member}' failed to satisfy constraint`;
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw validation(
      `${at('roleSessionName', sessionName)}: Member must have length ` +
        `${sessionName.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`,
    );
  }
  if (!SESSION_NAME.test(sessionName))
    throw validation(
      `${at('roleSessionName', sessionName)}: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  // The token is sensitive: STS names the member without echoing it.
  if (token.length < 4 || token.length > 20_000) {
    throw validation(
      `${at('webIdentityToken')}: Member must have length ` +
        `${token.length < 4 ? 'greater than or equal to 4' : 'less than or equal to 20000'}`,
    );
  }
  const durationText = params.get('DurationSeconds');
  const duration = durationText === null ? 3600 : /^\d{1,9}$/.test(durationText) ? Number(durationText) : Number.NaN;
  if (!(duration >= 900 && duration <= 43_200))
    throw validation(`${at('durationSeconds', durationText ?? '')}: Member must have value between 900 and 43200`);
  if (params.has('Policy') || [...params.keys()].some((k) => k.startsWith('PolicyArns.'))) {
    throw new StsError(
      400,
      'ValidationError',
      'Session policies (Policy, PolicyArns) are not supported by the local world',
    );
  }
  return { roleArn, sessionName, token, duration };
}

/** The trust policy's view of the token: `<provider>:aud`, `:sub`, ... and the request's global keys. */
function webIdentityContext(identity: VerifiedWebIdentity, call: IncomingCall, now: Date): RequestContext {
  const context: RequestContext = {
    'aws:FederatedProvider': identity.providerArn,
    'aws:SourceIp': call.remoteAddress,
    'aws:SecureTransport': String(call.secure),
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
  for (const claim of CLAIM_KEYS) {
    const value = identity.claims[claim];
    if (typeof value === 'string') context[`${identity.providerHost}:${claim}`] = value;
    else if (Array.isArray(value))
      context[`${identity.providerHost}:${claim}`] = value.filter((v): v is string => typeof v === 'string');
  }
  return context;
}

/**
 * STS AssumeRoleWithWebIdentity, unsigned as the SDKs send it: the token is the credential. It is
 * verified (verifyWebIdentityToken), then the role's trust policy must allow
 * `sts:AssumeRoleWithWebIdentity` to the provider (`Principal.Federated`) under the token's claims.
 */
export function assumeRoleWithWebIdentity(params: URLSearchParams, call: IncomingCall, world: World): Answer {
  const { roleArn, sessionName, token, duration } = readRequest(params);
  const identity = verifyWebIdentityToken(token, accountOfArn(roleArn), world);
  const denied = new StsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  const role = world.roleByArn(roleArn);
  if (!role) throw denied;
  if (duration > (role.spec.maxSessionDurationSeconds ?? 3600)) {
    throw new StsError(
      400,
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  const request = {
    // A federated caller has no account of its own: only the provider's ARN can name it.
    principal: { kind: 'aws' as const, arn: identity.providerArn, account: 'federated' },
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: roleArn,
    context: webIdentityContext(identity, call, world.clock.now()),
  };
  if (evaluatePolicy(role.trustPolicy.policy, request).decision !== 'Allow') throw denied;

  const issued = world.issueSession(
    { kind: 'session', role, sessionName, sessionTags: {}, federatedProvider: identity.providerArn },
    duration,
  );
  const owner = issued.owner;
  const aud = identity.claims.aud;
  return stsResultReply(
    'AssumeRoleWithWebIdentity',
    toXml({
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        SessionToken: issued.sessionToken,
        Expiration: issued.expiration,
      },
      SubjectFromWebIdentityToken: String(identity.claims.sub ?? ''),
      AssumedRoleUser: { AssumedRoleId: owner.userId, Arn: owner.arn },
      Provider: identity.provider.url,
      Audience: Array.isArray(aud) ? aud.find((a) => identity.provider.clientIds.includes(a)) : aud,
    }),
  );
}
