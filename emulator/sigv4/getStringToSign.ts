import { createHash } from 'node:crypto';
import type { SigningAlgorithm } from './types';

export interface StringToSignInput {
  algorithm: SigningAlgorithm;
  /** ISO 8601 basic format, '20150830T123600Z'. */
  amzDate: string;
  /** 'date/region/service/aws4_request' (SigV4) or 'date/service/aws4_request' (SigV4A). */
  scope: string;
  canonicalRequest: string;
}

/** algorithm, request date, credential scope, hex sha256 of the UTF-8 canonical request. */
export function getStringToSign({ algorithm, amzDate, scope, canonicalRequest }: StringToSignInput): string {
  const hash = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return `${algorithm}\n${amzDate}\n${scope}\n${hash}`;
}
