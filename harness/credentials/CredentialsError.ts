/**
 * A role could not be assumed: the code and message of what went wrong (STS's error, the SDK's,
 * or the connection's; never a secret), and whether asking again may help (throttling, a 5xx, a
 * broken or timed-out connection) or not (a refusal, no base credentials, an answer that is not
 * STS's, an untrusted certificate).
 */
export class CredentialsError extends Error {
  constructor(
    readonly role: string,
    readonly code: string,
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'CredentialsError';
  }
}

/** STS error codes that mean "slow down" or "try again", whatever the status. */
const TRANSIENT_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'TooManyRequestsException',
  'IDPCommunicationError',
]);

/** A connection that broke, was refused or timed out (Node's codes, the SDK's and our own timeout's). */
const BROKEN_CONNECTION_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'TimeoutError',
  'EAI_AGAIN',
]);

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  status?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: unknown;
}

function codeOf(e: ErrorFields): string {
  if (typeof e.code === 'string' && e.code) return e.code;
  if (typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
  // The SDK could not read what came back (not XML, not STS's document): it carries the response.
  if (e.$metadata !== undefined || e.$response !== undefined) return 'InvalidResponse';
  return 'Error';
}

function statusOf(e: ErrorFields): number | undefined {
  return e.$metadata?.httpStatusCode ?? (typeof e.status === 'number' ? e.status : undefined);
}

/**
 * Any failure to get a role's credentials, as a CredentialsError: from STS (its code), from the
 * SDK (no base credentials, an unreadable answer), or from the connection (its code).
 */
export function toCredentialsError(role: string, error: unknown): CredentialsError {
  if (error instanceof CredentialsError) return error;
  const e: ErrorFields = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const code = codeOf(e);
  const status = statusOf(e);
  const throttled = TRANSIENT_CODES.has(code) || status === 429;
  const serverError = status !== undefined && status >= 500 && status <= 599;
  const transient = throttled || serverError || BROKEN_CONNECTION_CODES.has(code);
  const message = typeof e.message === 'string' && e.message ? e.message : code;
  return new CredentialsError(role, code, message, transient);
}
