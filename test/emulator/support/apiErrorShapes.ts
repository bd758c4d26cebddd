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

/** IAM's error document, as the SDK's awsQuery deserializer reads it (Error/Code, Error/Message, RequestId). */
export const IAM_ERROR = joinPatterns([
  /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\n/,
  / {2}<Error>\n/,
  / {4}<Type>Sender<\/Type>\n/,
  / {4}<Code>(\w+)<\/Code>\n/,
  / {4}<Message>[^<]*<\/Message>\n/,
  / {2}<\/Error>\n/,
  / {2}<RequestId>[0-9a-f-]{36}<\/RequestId>\n/,
  /<\/ErrorResponse>\n$/,
]);

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
