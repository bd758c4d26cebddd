import { randomUUID } from 'node:crypto';
import type { Answer } from './types';
import { escapeXml } from './xml';

/**
 * An error of an AWS Query-protocol service (STS, IAM), in the XML shape the SDK turns into typed
 * exceptions. It is an answer, thrown to leave a handler early, and never shown with a stack: so it
 * records none (capturing one costs more than the rest of a refused request).
 */
export class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(withoutStack(message));
    Error.stackTraceLimit = savedStackTraceLimit;
  }
}

let savedStackTraceLimit = Error.stackTraceLimit;

/** Turns stack capture off for the Error constructor about to run (the constructor turns it back on). */
function withoutStack(message: string): string {
  savedStackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return message;
}

/** Every answer, errors included, carries its request ID, the same as in the body. */
export const queryHeaders = (requestId: string) => ({ 'content-type': 'text/xml', 'x-amzn-RequestId': requestId });

/** `<ErrorResponse xmlns=…><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function queryErrorReply(namespace: string, error: QueryError): Answer {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="${namespace}">\n  <Error>\n    ` +
    `<Type>${error.type}</Type>\n    ` +
    `<Code>${escapeXml(error.code)}</Code>\n` +
    `    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  ` +
    `<RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return { status: error.status, headers: queryHeaders(requestId), body };
}
