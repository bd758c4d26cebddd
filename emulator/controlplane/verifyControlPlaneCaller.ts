import type { IncomingCall } from '../http/types';
import type { IssuedKey, World } from '../world/World';
import { ControlPlaneError } from './restJson';
import { authenticateCall } from '../world/authenticateCall';

/**
 * Verifies the SigV4 signature of a control-plane call (signing name `vpc-lattice`, signed body) and returns the
 * key.
 */
export function verifyControlPlaneCaller(call: IncomingCall, world: World): IssuedKey {
  const result = authenticateCall(call, world, 'vpc-lattice');
  if (result.kind === 'unsigned')
    throw new ControlPlaneError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (result.kind === 'rejected') throw new ControlPlaneError(result.code, result.message);
  return result.key;
}
