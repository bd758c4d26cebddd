import { randomUUID } from 'node:crypto';
import { QueryError, queryErrorReply, queryHeaders } from '../http/queryProtocol';
import { escapeXml } from '../http/xml';
import type { Answer } from '../http/types';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An STS error in the awsQuery XML shape the AWS SDK turns into typed exceptions. */
export class StsError extends QueryError {}

const headers = queryHeaders;

export function stsErrorReply(error: StsError): Answer {
  return queryErrorReply(NS, error);
}

/** `<{action}Response><{action}Result>…</{action}Result>…` with members already rendered as XML. */
export function stsResultReply(action: string, resultXml: string): Answer {
  const requestId = randomUUID();
  const body =
    `<${action}Response xmlns="${NS}">\n  <${action}Result>\n${resultXml}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
  return { status: 200, headers: headers(requestId), body };
}

/** Renders `{a: 'x', b: {c: 'y'}}` as indented XML elements. */
export function toXml(members: Record<string, unknown>, indent = '    '): string {
  let out = '';
  for (const [name, value] of Object.entries(members)) {
    if (value === undefined) continue;
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      out += `${indent}<${name}>\n${toXml(value as Record<string, unknown>, `${indent}  `)}${indent}</${name}>\n`;
    } else {
      const text = value instanceof Date ? value.toISOString() : String(value);
      out += `${indent}<${name}>${escapeXml(text)}</${name}>\n`;
    }
  }
  return out;
}
