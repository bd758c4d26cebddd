import { verifyRequest } from '../sigv4';
import type { IncomingCall } from '../http/types';
import type { IssuedKey, World } from '../world/World';
import { ControlPlaneError, ERROR_STATUS, type ControlPlaneErrorCode } from './restJson';

/**
 * Verifies the SigV4 signature of a control-plane call (signing name `vpc-lattice`, signed body) and returns the
 * key.
 */
export function verifyControlPlaneCaller(call: IncomingCall, world: World): IssuedKey {
  const result = verifyRequest(
    { method: call.method, target: call.target, rawHeaders: call.rawHeaders, body: call.body },
    {
      service: 'vpc-lattice',
      region: world.spec.region,
      now: world.clock.now(),
      payload: 'verify',
      allowSigV4a: false,
      lookupKey: (id) => world.key(id),
    },
  );
  if (result.kind === 'unsigned')
    throw new ControlPlaneError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (result.kind === 'rejected') {
    const code = (result.code in ERROR_STATUS ? result.code : 'IncompleteSignatureException') as ControlPlaneErrorCode;
    throw new ControlPlaneError(code, result.message);
  }
  const key = world.key(result.accessKeyId);
  if (!key)
    throw new ControlPlaneError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  return key;
}
