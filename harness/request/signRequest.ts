import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignatureV4a } from '@smithy/signature-v4a';
import type { SigningAlgorithm } from '../config/types';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';

export interface SignOptions {
  region: string;
  credentials: AwsCredentialIdentity;
  signingDate?: Date;
  /** Signing name; Lattice's is the default. */
  service?: string;
  /** `sigv4a` signs for the region set `*`. Default `sigv4`. */
  algorithm?: SigningAlgorithm;
}

/**
 * Signs an Invoke with SigV4, service `vpc-lattice-svcs`. The payload is not signed (Lattice refuses
 * signed payloads): the request carries `x-amz-content-sha256: UNSIGNED-PAYLOAD` and signs that header.
 */
export async function signRequest(request: HttpRequest, options: SignOptions): Promise<HttpRequest> {
  const Signer = options.algorithm === 'sigv4a' ? SignatureV4a : SignatureV4;
  const signer = new Signer({
    service: options.service ?? 'vpc-lattice-svcs',
    region: options.algorithm === 'sigv4a' ? '*' : options.region,
    credentials: options.credentials,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: false,
  });
  return signer.sign(request, { signingDate: options.signingDate }) as Promise<HttpRequest>;
}
