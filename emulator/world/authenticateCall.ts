import type { IncomingCall } from '../http/types';
import { verifyRequest } from '../sigv4';
import type { IssuedKey, World } from './World';

/** Who signed an AWS API call, or why no one did; each API names these in its own error shape. */
export type CallAuthentication =
  | { kind: 'signed'; key: IssuedKey }
  | { kind: 'unsigned' }
  /** `code`: the verifier's (`InvalidSignatureException`, `UnrecognizedClientException`, ...). */
  | { kind: 'rejected'; code: string; message: string };

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
