import { evaluatePolicy } from '../../policy';
import type { IncomingCall, Reply } from '../http/types';
import { callerPrincipal } from '../sts/callerPrincipal';
import { readStsParams } from '../sts/readStsParams';
import { StsError } from '../sts/stsXml';
import type { IssuedKey, World } from '../world/World';
import { IamError, iamErrorReply } from './iamXml';
import {
  findRole,
  getPolicy,
  getPolicyVersion,
  getRole,
  getRolePolicy,
  listAttachedRolePolicies,
  listRolePolicies,
  putRolePermissionsBoundary,
  updateAssumeRolePolicy,
} from './iamOperations';
import { authenticateCall } from '../world/authenticateCall';
import type { RejectionCode } from '../sigv4/types';

const VERSION = '2010-05-08';
const ACTIONS = [
  'GetRole',
  'ListRolePolicies',
  'GetRolePolicy',
  'ListAttachedRolePolicies',
  'GetPolicy',
  'GetPolicyVersion',
  'UpdateAssumeRolePolicy',
  'PutRolePermissionsBoundary',
] as const;
type Action = (typeof ACTIONS)[number];

/** IAM is global: requests are signed for us-east-1 (the aws partition's signing region). */
const SIGNING_REGION = 'us-east-1';

/** The verifier's refusals as IAM (a Query-protocol service, as STS) names them. */
const IAM_CODES: Record<RejectionCode, string> = {
  UnrecognizedClientException: 'InvalidClientTokenId',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  IncompleteSignatureException: 'IncompleteSignature',
  ExpiredTokenException: 'ExpiredToken',
};

function authenticate(call: IncomingCall, world: World): IssuedKey {
  const result = authenticateCall(call, world, 'iam', SIGNING_REGION);
  if (result.kind === 'unsigned')
    throw new IamError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  if (result.kind === 'rejected') throw new IamError(403, IAM_CODES[result.code], result.message);
  return result.key;
}

/**
 * May the key's owner call `iam:<action>` on `resource`? The runner's base credentials administer
 * their own account; anyone else needs an identity policy that allows it, in the resource's account.
 */
function authorize(key: IssuedKey, action: Action, resource: string, world: World): void {
  if (key.accessKeyId === world.runnerKey.accessKeyId) return;
  const caller = callerPrincipal(key.owner, world);
  const full = `iam:${action}`;
  const now = world.clock.now();
  const request = {
    principal: caller.principal,
    action: full,
    resource,
    context: { ...caller.context, 'aws:CurrentTime': now.toISOString() },
  };
  const decisions = caller.identityPolicies.map((p) => evaluatePolicy(p, request).decision);
  const prefix = `User: ${caller.arn} is not authorized to perform: ${full} on resource: ${resource}`;
  if (decisions.includes('ExplicitDeny'))
    throw new IamError(403, 'AccessDenied', `${prefix} with an explicit deny in an identity-based policy`);
  if (!decisions.includes('Allow'))
    throw new IamError(403, 'AccessDenied', `${prefix} because no identity-based policy allows the ${full} action`);
  if (resource.split(':')[4] !== caller.account)
    throw new IamError(403, 'AccessDenied', `${prefix} because no resource-based policy allows the ${full} action`);
}

/**
 * The local IAM endpoint (awsQuery, XML, SigV4 with service `iam`): reads of roles and their
 * policies, UpdateAssumeRolePolicy and PutRolePermissionsBoundary. A caller sees the roles of its
 * own account only, as in AWS: another account's roles are read as a role of that account.
 */
export function handleIamCall(call: IncomingCall, world: World): Reply {
  try {
    let params: URLSearchParams;
    try {
      params = readStsParams(call);
    } catch (error) {
      if (error instanceof StsError) throw new IamError(error.status, error.code, error.message);
      throw error;
    }
    const action = params.get('Action');
    if (params.get('Version') !== VERSION || !(ACTIONS as readonly (string | null)[]).includes(action)) {
      throw new IamError(
        400,
        'InvalidAction',
        `Could not find operation ${(action ?? '').slice(0, 128)} for version ` +
          `${(params.get('Version') ?? 'NO_VERSION_SPECIFIED').slice(0, 128)}`,
      );
    }
    const key = authenticate(call, world);
    // IAM answers about the caller's own account, the runner's included.
    const account = key.owner.account;
    const op = action as Action;
    if (op === 'GetPolicy' || op === 'GetPolicyVersion') {
      authorize(key, op, params.get('PolicyArn') ?? '*', world);
      return op === 'GetPolicy' ? getPolicy(params, world) : getPolicyVersion(params, world);
    }
    const roleArn = `arn:aws:iam::${account}:role/${params.get('RoleName') ?? ''}`;
    authorize(key, op, roleArn, world);
    const role = findRole(params, world, account);
    switch (op) {
      case 'GetRole':
        return getRole(role, world);
      case 'ListRolePolicies':
        return listRolePolicies(role, params, world);
      case 'GetRolePolicy':
        return getRolePolicy(role, params, world);
      case 'ListAttachedRolePolicies':
        return listAttachedRolePolicies(role, params, world);
      case 'UpdateAssumeRolePolicy':
        return updateAssumeRolePolicy(role, params);
      case 'PutRolePermissionsBoundary':
        return putRolePermissionsBoundary(role, params, world);
    }
  } catch (error) {
    if (error instanceof IamError) return iamErrorReply(error);
    throw error;
  }
}
