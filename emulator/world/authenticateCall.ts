import type { IncomingCall } from '../http/types';
import { verifyRequest } from '../sigv4';
import type { RejectionCode } from '../sigv4/types';
import type { IssuedKey, World } from './World';

/**
 * The authentication failures of a REST-JSON API (the VPC Lattice control plane, Lambda), answered before any
 * operation runs, and their HTTP status: no signature at all, or the verifier's refusal under its own code.
 */
export const AUTHENTICATION_ERROR_STATUS = {
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  ExpiredTokenException: 403,
} as const satisfies Record<RejectionCode | 'MissingAuthenticationTokenException', number>;

/** Who signed an AWS API call, or why no one did; each API names these in its own error shape. */
export type CallAuthentication =
  | { kind: 'signed'; key: IssuedKey }
  | { kind: 'unsigned' }
  | { kind: 'rejected'; code: RejectionCode; message: string };

/**
 * Verifies the SigV4 signature of a call to one of the local world's AWS APIs (signing name
 * `service`, signed body, no SigV4A) against the world's keys.
 */
export function authenticateCall(
  call: IncomingCall,
  world: World,
  service: string,
  region: string = world.spec.region,
): CallAuthentication {
  const result = verifyRequest(
    { method: call.method, target: call.target, rawHeaders: call.rawHeaders, body: call.body },
    {
      service,
      region,
      now: world.clock.now(),
      payload: 'verify',
      allowSigV4a: false,
      lookupKey: (id) => world.key(id),
    },
  );
  if (result.kind === 'unsigned') return { kind: 'unsigned' };
  if (result.kind === 'rejected') return { kind: 'rejected', code: result.code, message: result.message };
  const key = world.key(result.accessKeyId);
  if (!key) {
    const message = 'The security token included in the request is invalid.';
    return { kind: 'rejected', code: 'UnrecognizedClientException', message };
  }
  return { kind: 'signed', key };
}
