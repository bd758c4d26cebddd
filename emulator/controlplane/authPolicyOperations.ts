import { parsePolicy, PolicyError, type Policy } from '../../policy';
import type { Answer } from '../http/types';
import { rewriteAuthPolicy } from '../../world/rewriteAuthPolicy';
import type { ConfiguredAuth, World } from '../world/World';
import type { LatticeResource } from './resolveResource';
import { RESOURCE_TYPE } from './resolveResource';
import { readJsonBody, requiredString } from './readJsonBody';
import { ControlPlaneError, dateTime, jsonAnswer } from './restJson';

/** `Active` while the resource's auth type is AWS_IAM; a policy on a NONE resource is kept but `Inactive`. */
const stateOf = (auth: ConfiguredAuth) => (auth.authType === 'AWS_IAM' ? 'Active' : 'Inactive');

export interface AuthPolicyOptions {
  /**
   * What DeleteAuthPolicy does while the resource's auth type is AWS_IAM. lattice-behaviour.md §7:
   * "Removing a policy before switching the auth type to NONE fails" ('refuse', the default,
   * answers ConflictException). 'allow' removes it, after which AWS_IAM denies every request.
   */
  deleteWhileAwsIam: 'refuse' | 'allow';
}

/**
 * GetAuthPolicy: `{createdAt, lastUpdatedAt, policy, state}`; a resource with no policy is
 * ResourceNotFoundException. [guess]
 */
export function getAuthPolicy(resource: LatticeResource, world: World): Answer {
  const auth = world.configuredAuthOf(resource.arn);
  if (auth.policyText === undefined) {
    throw ControlPlaneError.notFound(
      resource.arn,
      RESOURCE_TYPE[resource.kind],
      `Auth policy not found for resource ${resource.arn}`,
    );
  }
  return jsonAnswer(200, {
    createdAt: dateTime(auth.policyCreatedAt!),
    lastUpdatedAt: dateTime(auth.policyUpdatedAt!),
    policy: auth.policyText,
    state: stateOf(auth),
  });
}

/** Parses a submitted policy as a resource policy (10,000-character limit); a refusal names what and where. */
function validatePolicy(text: string): Policy {
  try {
    return parsePolicy(text, { kind: 'resource' });
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw ControlPlaneError.validation(`Invalid auth policy: ${error.message}`, 'fieldValidationFailed', [
      { name: 'policy', message: error.message },
    ]);
  }
}

/** PutAuthPolicy: validates, stores the policy as AWS rewrites it, answers `{policy, state}`. */
export function putAuthPolicy(resource: LatticeResource, body: Buffer, world: World): Answer {
  const text = requiredString(readJsonBody(body), 'policy');
  const policy = validatePolicy(text);
  const auth = world.changeAuth(resource.arn, { policy: { policy, text: rewriteAuthPolicy(policy.source) } });
  return jsonAnswer(200, { policy: auth.policyText, state: stateOf(auth) });
}

/** DeleteAuthPolicy: 204, or ConflictException while the auth type is still AWS_IAM (see AuthPolicyOptions). */
export function deleteAuthPolicy(resource: LatticeResource, world: World, options: AuthPolicyOptions): Answer {
  const auth = world.configuredAuthOf(resource.arn);
  if (auth.policyText !== undefined && auth.authType === 'AWS_IAM' && options.deleteWhileAwsIam === 'refuse') {
    const what = resource.kind === 'service' ? 'service' : 'service network';
    throw new ControlPlaneError(
      'ConflictException',
      `The auth policy of ${what} ${resource.arn} cannot be removed while its ` +
        `auth type is AWS_IAM. Set the auth type to NONE first.`,
      { resourceId: resource.arn, resourceType: RESOURCE_TYPE[resource.kind] },
    );
  }
  if (auth.policyText !== undefined) world.changeAuth(resource.arn, { policy: null });
  return jsonAnswer(204, undefined);
}
