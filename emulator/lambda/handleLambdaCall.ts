import { randomUUID } from 'node:crypto';
import { lambdaFunctionArn } from '../../world/arns';
import { decideLambdaInvoke, type LambdaFunctionAction } from '../../world/decideLambdaInvoke';
import { headerValue, type Answer, type IncomingCall } from '../http/types';
import type { IssuedKey, World } from '../world/World';
import { LambdaError, lambdaErrorAnswer } from './LambdaError';
import type { LocalFunction } from './LocalFunction';
import { authenticateCall } from '../world/authenticateCall';
import { functionConfigurationAnswer, functionPolicyAnswer } from './functionReadAnswers';

/** `/2015-03-31/functions/{FunctionName}/<operation>`, with an optional query (`Qualifier`). */
const FUNCTION_PATH = /^\/2015-03-31\/functions\/([^/?]+)\/(invocations|configuration|policy)(?:\?(.*))?$/;
type FunctionOperation = 'invocations' | 'configuration' | 'policy';
/** Each operation on a function: its HTTP method and the IAM action that authorizes it. */
const OPERATIONS: Record<FunctionOperation, { method: string; action: LambdaFunctionAction }> = {
  invocations: { method: 'POST', action: 'lambda:InvokeFunction' },
  configuration: { method: 'GET', action: 'lambda:GetFunctionConfiguration' },
  policy: { method: 'GET', action: 'lambda:GetPolicy' },
};
/** Lambda's synchronous payload limit, both ways. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];
const LOG_TYPES = ['None', 'Tail'];
/** The `Qualifier` query parameter: a version or an alias name, `$LATEST` included (1 to 128 characters). */
const QUALIFIER = /^[a-zA-Z0-9$_-]{1,128}$/;
/** A function name, a partial ARN (`<account>:function:<name>`) or a full ARN, each with an optional qualifier. */
const FUNCTION_REF = new RegExp(
  '^(?:(?:arn:aws[\\w-]*:lambda:([a-z0-9-]+):)?(\\d{12}):function:)?' +
    '([A-Za-z0-9_.-]+)(?::(\\$LATEST|[A-Za-z0-9_-]+))?$',
);
/** Lambda's own pattern for FunctionName, as its validation error quotes it (in errors users report since 2020). */
const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?' +
  '([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const FUNCTION_NAME = new RegExp(`^(?:${FUNCTION_NAME_PATTERN})$`);
/** FunctionName's length bounds in Invoke's model (a name, a partial or a full ARN, with a qualifier). */
const MAX_FUNCTION_NAME = 170;

function authenticate(call: IncomingCall, world: World): IssuedKey {
  const result = authenticateCall(call, world, 'lambda');
  if (result.kind === 'unsigned')
    throw new LambdaError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (result.kind === 'rejected') throw new LambdaError(result.code, result.message);
  return result.key;
}

/** A parameter out of its model's constraints: Lambda answers `ValidationException` (400), as for any JSON service. */
const validationError = (value: string, member: string, constraint: string) =>
  new LambdaError(
    'ValidationException',
    `1 validation error detected: Value '${value.slice(0, 140)}' at '${member}' failed to satisfy constraint: ` +
      `Member must ${constraint}`,
  );

/** A function and its qualifier (a version or alias), as FunctionName and the `Qualifier` query name them. */
interface FunctionRef {
  /** The unqualified ARN: a bare name is a function of the caller's own account, in the world's region. */
  arn: string;
  qualifier?: string;
}

function functionRefOf(raw: string, query: string, key: IssuedKey, world: World): FunctionRef {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  if (name.length > MAX_FUNCTION_NAME)
    throw validationError(name, 'functionName', `have length less than or equal to ${MAX_FUNCTION_NAME}`);
  if (!FUNCTION_NAME.test(name))
    throw validationError(name, 'functionName', `satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`);
  const match = FUNCTION_REF.exec(name);
  // Within Lambda's pattern but no reference to a function (`function:x` without an account, say): none such exists.
  if (!match) throw new LambdaError('ResourceNotFoundException', `Function not found: ${name}`);
  const [, region = world.spec.region, account = key.owner.account, functionName, derived] = match;
  const specified = new URLSearchParams(query).get('Qualifier') ?? undefined;
  if (specified !== undefined && !QUALIFIER.test(specified))
    throw validationError(specified, 'qualifier', 'satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)');
  if (derived !== undefined && specified !== undefined && derived !== specified)
    throw new LambdaError(
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  const qualifier = derived ?? specified;
  return { arn: lambdaFunctionArn(region, account, functionName), ...(qualifier !== undefined && { qualifier }) };
}

/**
 * `action` on the function, decided as IAM does (decideLambdaInvoke): the caller's identity policies, the function's
 * resource-based policy, SCPs, permissions boundary and session policies.
 */
function authorize(call: IncomingCall, key: IssuedKey, arn: string, world: World, action: LambdaFunctionAction): void {
  const userAgent = headerValue(call.rawHeaders, 'user-agent');
  const decision = decideLambdaInvoke(world.model, {
    caller: key.owner,
    functionArn: arn,
    action,
    sourceIp: call.remoteAddress.replace(/^::ffff:/, ''),
    secure: call.secure,
    now: world.clock.now(),
    region: world.spec.region,
    ...(userAgent !== undefined && { userAgent }),
  });
  if (decision.kind === 'refused') throw new LambdaError('AccessDeniedException', decision.message);
}

function readPayload(body: Buffer): unknown {
  if (body.length > MAX_PAYLOAD_BYTES)
    throw new LambdaError(
      'RequestTooLargeException',
      `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
    );
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new LambdaError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
    );
  }
}

function invocationAnswer(status: number, body: string, functionError?: boolean): Answer {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-RequestId': randomUUID(),
      'x-amz-executed-version': '$LATEST',
      ...(functionError && { 'x-amz-function-error': 'Unhandled' }),
    },
    body,
  };
}

/** Runs a function the way Lambda does: its answer as JSON, or a function error with `{ errorType, errorMessage }`. */
async function runFunction(fn: LocalFunction, payload: unknown): Promise<Answer> {
  let text: string;
  try {
    text = JSON.stringify((await fn.run(payload)) ?? null);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return invocationAnswer(200, JSON.stringify({ errorType: e.name || 'Error', errorMessage: e.message }), true);
  }
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
    const errorMessage = `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).`;
    return invocationAnswer(200, JSON.stringify({ errorType: 'Function.ResponseSizeTooLarge', errorMessage }), true);
  }
  return invocationAnswer(200, text);
}

/**
 * The local Lambda endpoint (REST-JSON, SigV4 service `lambda`): `Invoke` (`POST .../invocations`),
 * `GetFunctionConfiguration` (`GET .../configuration`) and `GetPolicy` (`GET .../policy`) of
 * `/2015-03-31/functions/{FunctionName}`. The signature is verified with the world's keys, the operation's action
 * on the function authorized as IAM does (identity and resource-based policies, guardrails), then the function run
 * or read. Every refusal is in Lambda's error shape.
 */
export async function handleLambdaCall(
  call: IncomingCall,
  world: World,
  functions: ReadonlyMap<string, LocalFunction>,
): Promise<Answer> {
  try {
    const route = FUNCTION_PATH.exec(call.target);
    const operation = route?.[2] as FunctionOperation | undefined;
    if (!route || !operation || call.method !== OPERATIONS[operation].method)
      throw new LambdaError('UnknownOperationException', 'Unknown operation');
    const key = authenticate(call, world);
    const ref = functionRefOf(route[1]!, route[3] ?? '', key, world);
    authorize(call, key, ref.arn, world, OPERATIONS[operation].action);
    const fn = functions.get(ref.arn);
    if (!fn) throw new LambdaError('ResourceNotFoundException', `Function not found: ${ref.arn}`);
    // A relay is deployed without versions or aliases: only $LATEST is.
    if (ref.qualifier !== undefined && ref.qualifier !== '$LATEST')
      throw new LambdaError('ResourceNotFoundException', `Function not found: ${ref.arn}:${ref.qualifier}`);
    if (operation === 'configuration') return functionConfigurationAnswer(fn, world);
    if (operation === 'policy') return functionPolicyAnswer(fn, world);
    const invocationType = headerValue(call.rawHeaders, 'x-amz-invocation-type') ?? 'RequestResponse';
    if (!INVOCATION_TYPES.includes(invocationType))
      throw validationError(
        invocationType,
        'invocationType',
        `satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
      );
    const logType = headerValue(call.rawHeaders, 'x-amz-log-type') ?? 'None';
    if (!LOG_TYPES.includes(logType))
      throw validationError(logType, 'logType', `satisfy enum value set: [${LOG_TYPES.join(', ')}]`);
    const payload = readPayload(call.body);
    if (invocationType === 'DryRun') return invocationAnswer(204, '');
    if (invocationType === 'Event') {
      // Queued: run it, keep nothing of what it answers.
      void runFunction(fn, payload);
      return invocationAnswer(202, '');
    }
    return await runFunction(fn, payload);
  } catch (error) {
    if (error instanceof LambdaError) return lambdaErrorAnswer(error);
    throw error;
  }
}
