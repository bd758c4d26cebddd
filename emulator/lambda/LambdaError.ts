import { randomUUID } from 'node:crypto';
import type { Answer } from '../http/types';
import { AUTHENTICATION_ERROR_STATUS } from '../world/authenticateCall';

/** The Lambda API's errors the local endpoint answers with, and their HTTP status (from the service model). */
export const LAMBDA_ERROR_STATUS = {
  AccessDeniedException: 403,
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
  RequestTooLargeException: 413,
  ResourceNotFoundException: 404,
  ServiceException: 500,
  UnknownOperationException: 404,
  ValidationException: 400,
  ...AUTHENTICATION_ERROR_STATUS,
} as const;

export type LambdaErrorCode = keyof typeof LAMBDA_ERROR_STATUS;

/** An error of the local Lambda endpoint, in Lambda's REST-JSON shape. */
export class LambdaError extends Error {
  constructor(
    readonly code: LambdaErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** Lambda's error answer: the status of the code, `x-amzn-ErrorType` naming it, `{ Type, message }` as JSON. */
export function lambdaErrorAnswer(error: LambdaError): Answer {
  const status = LAMBDA_ERROR_STATUS[error.code];
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-RequestId': randomUUID(),
      'x-amzn-ErrorType': error.code,
    },
    body: JSON.stringify({ Type: status >= 500 ? 'Service' : 'User', message: error.message }),
  };
}
