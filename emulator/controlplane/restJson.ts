import { randomUUID } from 'node:crypto';
import type { Answer } from '../http/types';
import { AUTHENTICATION_ERROR_STATUS } from '../world/authenticateCall';

/** The errors of the VPC Lattice API, with their HTTP status (from the service model). */
export const ERROR_STATUS = {
  AccessDeniedException: 403,
  ConflictException: 409,
  InternalServerException: 500,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  ValidationException: 400,
  ...AUTHENTICATION_ERROR_STATUS,
} as const;

export type ControlPlaneErrorCode = keyof typeof ERROR_STATUS;
export type ValidationReason = 'unknownOperation' | 'cannotParse' | 'fieldValidationFailed' | 'other';

/**
 * An error of the local control plane in the restJson1 shape: status from the model,
 * `x-amzn-errortype` naming the exception, a JSON body with `message` and the exception's members.
 */
export class ControlPlaneError extends Error {
  readonly code: ControlPlaneErrorCode;
  readonly members: Record<string, unknown>;

  constructor(code: ControlPlaneErrorCode, message: string, members: Record<string, unknown> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.members = members;
  }

  static validation(
    message: string,
    reason: ValidationReason,
    fields: { name: string; message: string }[] = [],
  ): ControlPlaneError {
    return new ControlPlaneError('ValidationException', message, {
      reason,
      ...(fields.length > 0 ? { fieldList: fields } : {}),
    });
  }

  static notFound(resourceId: string, resourceType: string, message: string): ControlPlaneError {
    return new ControlPlaneError('ResourceNotFoundException', message, { resourceId, resourceType });
  }
}

const headers = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-amzn-requestid': randomUUID(),
  ...extra,
});

export function jsonAnswer(status: number, body: unknown): Answer {
  return status === 204
    ? { status, headers: headers(), body: '' }
    : { status, headers: headers(), body: JSON.stringify(body) };
}

export function controlPlaneErrorAnswer(error: ControlPlaneError): Answer {
  return {
    status: ERROR_STATUS[error.code],
    headers: headers({ 'x-amzn-errortype': error.code }),
    body: JSON.stringify({ message: error.message, ...error.members }),
  };
}

/** A timestamp as the VPC Lattice model declares it (`date-time`): RFC 3339, UTC. */
export const dateTime = (date: Date): string => date.toISOString();
