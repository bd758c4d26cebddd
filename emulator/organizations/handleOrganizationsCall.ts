import { randomUUID } from 'node:crypto';
import { evaluatePolicy } from '../../policy';
import { headerValue, type Answer, type IncomingCall, type Reply } from '../http/types';
import { callerPrincipal } from '../sts/callerPrincipal';
import type { IssuedKey, World } from '../world/World';
import {
  describePolicy,
  detachPolicy,
  listAccountsForParent,
  listOrganizationalUnitsForParent,
  listPoliciesForTarget,
  listRoots,
  OrganizationsError,
} from './organizationsOperations';
import { authenticateCall } from '../world/authenticateCall';

const PREFIX = 'AWSOrganizationsV20161128.';
const OPERATIONS = {
  ListRoots: listRoots,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
  ListAccountsForParent: listAccountsForParent,
  ListPoliciesForTarget: listPoliciesForTarget,
  DescribePolicy: describePolicy,
  DetachPolicy: detachPolicy,
} as const;
type Operation = keyof typeof OPERATIONS;

/** Organizations is global: the aws partition signs it for us-east-1. */
const SIGNING_REGION = 'us-east-1';
const MAX_BODY = 64 * 1024;
const DENIED = "You don't have permissions to access this resource.";

/** An Organizations error in the JSON 1.1 shape: `__type` and `Message`, and `x-amzn-ErrorType`. */
export function organizationsErrorAnswer(error: OrganizationsError): Answer {
  return reply(error.status, { __type: error.code, Message: error.message }, error.code);
}

function reply(status: number, body: unknown, errorType?: string): Answer {
  const requestId = randomUUID();
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-RequestId': requestId,
      ...(errorType && { 'x-amzn-ErrorType': errorType }),
    },
    body: JSON.stringify(body),
  };
}

function authenticate(call: IncomingCall, world: World): IssuedKey {
  const result = authenticateCall(call, world, 'organizations', SIGNING_REGION);
  if (result.kind === 'unsigned')
    throw new OrganizationsError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (result.kind === 'rejected') throw new OrganizationsError(400, result.code, result.message);
  return result.key;
}

/**
 * Only principals of the management account may call the Organizations API, and only what their
 * identity policies allow (the runner's base credentials administer their own account).
 */
function authorize(key: IssuedKey, op: Operation, world: World): void {
  const management = world.spec.organization.managementAccount;
  if (management === undefined || key.owner.account !== management)
    throw new OrganizationsError(400, 'AccessDeniedException', DENIED);
  if (key.accessKeyId === world.runnerKey.accessKeyId) return;
  const caller = callerPrincipal(key.owner, world);
  const request = {
    principal: caller.principal,
    action: `organizations:${op}`,
    resource: '*',
    context: { ...caller.context, 'aws:CurrentTime': world.clock.now().toISOString() },
  };
  const decisions = caller.identityPolicies.map((p) => evaluatePolicy(p, request).decision);
  if (decisions.includes('ExplicitDeny') || !decisions.includes('Allow'))
    throw new OrganizationsError(400, 'AccessDeniedException', DENIED);
}

/**
 * The local AWS Organizations endpoint (JSON 1.1, `X-Amz-Target: AWSOrganizationsV20161128.<Op>`,
 * SigV4 with service `organizations`): the OU tree, the SCPs and RCPs attached to each target, and
 * DetachPolicy. Callable from the management account only, as in AWS.
 */
export function handleOrganizationsCall(call: IncomingCall, world: World): Reply {
  try {
    if (call.method !== 'POST') throw new OrganizationsError(400, 'UnknownOperationException', 'Unknown operation');
    if (call.body.length > MAX_BODY) throw new OrganizationsError(413, 'InvalidInputException', 'Request too large');
    const target = headerValue(call.rawHeaders, 'x-amz-target') ?? '';
    const op = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
    if (!Object.hasOwn(OPERATIONS, op))
      throw new OrganizationsError(400, 'UnknownOperationException', 'Unknown operation');
    const key = authenticate(call, world);
    authorize(key, op as Operation, world);
    let input: unknown;
    try {
      input = call.body.length === 0 ? {} : JSON.parse(call.body.toString('utf8'));
    } catch {
      throw new OrganizationsError(400, 'SerializationException', 'Start of structure or map found where not expected');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new OrganizationsError(400, 'SerializationException', 'Start of structure or map found where not expected');
    return reply(200, OPERATIONS[op as Operation](world, input as Record<string, unknown>));
  } catch (error) {
    if (error instanceof OrganizationsError) return organizationsErrorAnswer(error);
    throw error;
  }
}
