import { rejections } from './rejections';
import type { Rejection } from './types';

export interface Credential {
  accessKeyId: string;
  /** YYYYMMDD */
  date: string;
  /** SigV4 only: SigV4A scopes carry no region (the region set is a header). */
  region?: string;
  service: string;
  terminator: string;
  /** Everything after the access key id, as it goes into the string to sign. */
  scope: string;
}

/**
 * Splits `AKID/20150830/us-east-1/service/aws4_request` (SigV4) or
 * `AKID/20150830/service/aws4_request` (SigV4A). The parts are checked against the request by
 * checkScope; only the shape is checked here.
 */
export function parseCredential(credential: string, sigV4a: boolean): Credential | Rejection {
  const parts = credential.split('/');
  if (parts.length !== (sigV4a ? 4 : 5)) return rejections.badCredential(credential, sigV4a);
  const [accessKeyId, date, ...rest] = parts as [string, string, ...string[]];
  const [region, service, terminator] = sigV4a ? [undefined, rest[0]!, rest[1]!] : [rest[0]!, rest[1]!, rest[2]!];
  return { accessKeyId, date, region, service, terminator, scope: parts.slice(1).join('/') };
}
