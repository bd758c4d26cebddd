import type { IncomingCall } from '../http/types';
import { StsError } from './stsXml';

/** STS's own bound on a request; the listener's body limit (1 MiB) is higher. */
export const MAX_STS_BODY = 64 * 1024;

/** The awsQuery parameters of an STS call: the form body of a POST, the query of a GET. */
export function readStsParams(call: IncomingCall): URLSearchParams {
  if (call.method !== 'POST' && call.method !== 'GET')
    throw new StsError(405, 'InvalidAction', `Method ${call.method.slice(0, 32)} is not supported`);
  if (call.body.length > MAX_STS_BODY) throw new StsError(413, 'ValidationError', 'Request body too large');
  return call.method === 'POST'
    ? new URLSearchParams(call.body.toString('utf8'))
    : new URL(call.target, 'http://sts').searchParams;
}
