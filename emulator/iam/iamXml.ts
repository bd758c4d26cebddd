import { randomUUID } from 'node:crypto';
import { QueryError, queryErrorReply, queryHeaders } from '../http/queryProtocol';
import { escapeXml } from '../http/xml';
import type { Answer } from '../http/types';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** An IAM error in the awsQuery XML shape the AWS SDK turns into typed exceptions. */
export class IamError extends QueryError {}

const headers = queryHeaders;

export function iamErrorReply(error: IamError): Answer {
  return queryErrorReply(NS, error);
}

/** `<{action}Response><{action}Result>…` (no Result element for an operation without output). */
export function iamResultReply(action: string, result?: Record<string, unknown>): Answer {
  const requestId = randomUUID();
  const inner = result === undefined ? '' : `  <${action}Result>\n${renderXml(result, '    ')}  </${action}Result>\n`;
  const body =
    `<${action}Response xmlns="${NS}">\n${inner}  <ResponseMetadata>\n    ` +
    `<RequestId>${requestId}</RequestId>\n  ` +
    `</ResponseMetadata>\n</${action}Response>\n`;
  return { status: 200, headers: headers(requestId), body };
}

/** Members as XML elements; a list is a sequence of `<member>` elements, as the Query protocol has it. */
export function renderXml(members: Record<string, unknown>, indent: string): string {
  let out = '';
  for (const [name, value] of Object.entries(members)) {
    if (value === undefined) continue;
    out += element(name, value, indent);
  }
  return out;
}

function element(name: string, value: unknown, indent: string): string {
  if (Array.isArray(value))
    return `${indent}<${name}>\n${value.map((v) => element('member', v, `${indent}  `)).join('')}${indent}</${name}>\n`;
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return `${indent}<${name}>\n${renderXml(value as Record<string, unknown>, `${indent}  `)}${indent}</${name}>\n`;
  }
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `${indent}<${name}>${escapeXml(text)}</${name}>\n`;
}
