import * as lambdaModel from '@aws-sdk/client-lambda';
import { joinPatterns } from '../../support/joinPatterns';
import type { Outcome } from './hostileTransport';

type Answer = Extract<Outcome, { kind: 'answer' }>;

/**
 * The error codes IAM (awsQuery) answers with: its documented common errors, under their Query-protocol names
 * (`IncompleteSignature`, not the JSON services' `IncompleteSignatureException`), and the operations' own.
 */
const IAM_CODES = new Set([
  'AccessDenied',
  'ExpiredToken',
  'IncompleteSignature',
  'InvalidAction',
  'InvalidClientTokenId',
  'InvalidInput',
  // The local world's answer to bytes that are not HTTP (as its STS's): a Query-protocol Sender error.
  'MalformedInput',
  'MalformedPolicyDocument',
  'MissingAuthenticationToken',
  'NoSuchEntity',
  'SignatureDoesNotMatch',
  'ValidationError',
]);

/**
 * A Query-protocol service's error document in its namespace (`https://<service>.amazonaws.com/doc/<version>/`), as
 * the SDK's awsQuery deserializer reads it (Error/Code, Error/Message, RequestId); the code is its first group.
 */
export const queryErrorPattern = (service: string, version: string) =>
  joinPatterns([
    new RegExp(`^<ErrorResponse xmlns="https://${service}\\.amazonaws\\.com/doc/${version}/">\\n`),
    / {2}<Error>\n/,
    / {4}<Type>Sender<\/Type>\n/,
    / {4}<Code>(\w+)<\/Code>\n/,
    / {4}<Message>[^<]*<\/Message>\n/,
    / {2}<\/Error>\n/,
    / {2}<RequestId>[0-9a-f-]{36}<\/RequestId>\n/,
    /<\/ErrorResponse>\n$/,
  ]);

/** IAM's error document. */
export const IAM_ERROR = queryErrorPattern('iam', '2010-05-08');

/** The IAM error code of a well-formed IAM error answer (a 4xx, text/xml, a known code), or undefined. */
export function iamErrorCode(o: Answer): string | undefined {
  const code = IAM_ERROR.exec(o.body)?.[1];
  const shaped = o.status >= 400 && o.status < 500 && o.contentType === 'text/xml';
  return shaped && code !== undefined && IAM_CODES.has(code) ? code : undefined;
}

/** The errors of the Organizations operations the local world serves, and those common to JSON 1.1 services. */
const ORGANIZATIONS_CODES = new Set([
  'AccessDeniedException',
  'ExpiredTokenException',
  'IncompleteSignatureException',
  'InvalidInputException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'ParentNotFoundException',
  'PolicyNotAttachedException',
  'PolicyNotFoundException',
  'SerializationException',
  'TargetNotFoundException',
  'UnknownOperationException',
  'UnrecognizedClientException',
]);

/**
 * The error type of a well-formed Organizations error answer, or undefined: a 4xx, `application/x-amz-json-1.1`,
 * a JSON object with `__type` (what the SDK's JSON 1.1 deserializer reads, after `x-amzn-errortype`, which must
 * agree) and a `Message` or `message` string.
 */
export function organizationsErrorType(o: Answer): string | undefined {
  if (o.status < 400 || o.status >= 500 || o.contentType !== 'application/x-amz-json-1.1') return undefined;
  let body: { __type?: unknown; Message?: unknown; message?: unknown };
  try {
    body = JSON.parse(o.body) as typeof body;
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || typeof body.__type !== 'string') return undefined;
  if (typeof (body.Message ?? body.message) !== 'string' || o.errorType !== body.__type) return undefined;
  return ORGANIZATIONS_CODES.has(body.__type) ? body.__type : undefined;
}

/**
 * The errors the Lambda API answers before or instead of running a function: the authentication errors common to
 * AWS's JSON services, AccessDeniedException, and UnknownOperationException for a path or method of no operation.
 * Lambda's modeled errors (InvalidParameterValueException, ResourceNotFoundException, ...) are read from the SDK.
 */
const LAMBDA_COMMON_CODES = new Set([
  'AccessDeniedException',
  'ExpiredTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'UnknownOperationException',
  'UnrecognizedClientException',
  'ValidationException',
]);

/** The HTTP status @aws-sdk/client-lambda's model gives an error (its schema's `httpError`), if it models it. */
function lambdaModelStatus(code: string): number | undefined {
  const schema = (lambdaModel as unknown as Record<string, unknown>)[`${code}$`];
  if (!Array.isArray(schema) || schema[0] !== -3 || schema[2] !== code) return undefined;
  return (schema[3] as { httpError?: number }).httpError;
}

/**
 * The error code of a well-formed Lambda API error, or undefined: a 4xx, `application/json`, `x-amzn-errortype`
 * naming the error (what the SDK's REST-JSON deserializer reads first), a JSON object with `Type` "User" and a
 * `message` or `Message` string; a modeled error with the status of the model, another a known common error.
 */
export function lambdaErrorCode(o: Answer): string | undefined {
  if (o.status < 400 || o.status >= 500 || o.contentType !== 'application/json' || !o.errorType) return undefined;
  let body: { Type?: unknown; Message?: unknown; message?: unknown };
  try {
    body = JSON.parse(o.body) as typeof body;
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || body.Type !== 'User') return undefined;
  if (typeof (body.message ?? body.Message) !== 'string') return undefined;
  const code = o.errorType;
  const modeled = lambdaModelStatus(code);
  if (modeled !== undefined) return modeled === o.status ? code : undefined;
  return LAMBDA_COMMON_CODES.has(code) ? code : undefined;
}

/**
 * What an Invoke that ran (or queued) the function answered, or undefined if it is no such answer: `200 refused
 * <reason>` for the relay's refusal (its JSON answer, without a function error), `200 no-response <code>` when it sent
 * nothing, `202` (Event) and `204` (DryRun) with no body. A function error (`X-Amz-Function-Error`) is
 * `200 function error <type>` when its body is Lambda's `{ errorType, errorMessage }`.
 */
export function invocationAnswer(o: Answer): string | undefined {
  if (o.status === 202 || o.status === 204) return o.body === '' && !o.functionError ? String(o.status) : undefined;
  if (o.status !== 200 || o.contentType !== 'application/json') return undefined;
  let body: { v?: unknown; kind?: unknown; reason?: unknown; message?: unknown } & Record<string, unknown>;
  try {
    body = JSON.parse(o.body) as typeof body;
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  if (o.functionError !== undefined) {
    const shaped = typeof body.errorType === 'string' && typeof body.errorMessage === 'string';
    return shaped && o.functionError === 'Unhandled' ? `200 function error ${body.errorType}` : undefined;
  }
  if (body.v !== 1 || typeof body.message !== 'string') return undefined;
  if (body.kind === 'refused' && typeof body.reason === 'string') return `200 refused ${body.reason}`;
  // It sent nothing (ERELAY: the relay itself failed): never the answer to a hostile payload, but named as such.
  if (body.kind === 'no-response' && typeof body.code === 'string') return `200 no-response ${body.code}`;
  return undefined;
}
