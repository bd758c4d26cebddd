import type { IncomingCall } from '../http/types';
import type { IssuedKey, World } from '../world/World';
import { StsError } from './stsXml';
import { authenticateCall } from '../world/authenticateCall';

/** STS's names for the signature failures the verifier reports. */
const STS_CODES: Record<string, { code: string; message?: string }> = {
  UnrecognizedClientException: { code: 'InvalidClientTokenId' },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch' },
  IncompleteSignatureException: { code: 'IncompleteSignature' },
  ExpiredTokenException: { code: 'ExpiredToken' },
};

/** Verifies the SigV4 signature of an STS call and returns the key it was signed with. */
export function verifyStsCaller(call: IncomingCall, world: World): IssuedKey {
  const result = authenticateCall(call, world, 'sts');
  if (result.kind === 'unsigned')
    throw new StsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  if (result.kind === 'rejected') {
    const mapped = STS_CODES[result.code] ?? { code: result.code };
    throw new StsError(403, mapped.code, mapped.message ?? result.message);
  }
  return result.key;
}
