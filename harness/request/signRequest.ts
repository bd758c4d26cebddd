import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';

export interface SignOptions {
  region: string;
  credentials: AwsCredentialIdentity;
  signingDate?: Date;
  /** Signing name; Lattice's is the default. */
  service?: string;
}

/**
 * Signs an Invoke with SigV4, service `vpc-lattice-svcs`. The payload is not signed (Lattice refuses
 * signed payloads): the request carries `x-amz-content-sha256: UNSIGNED-PAYLOAD` and signs that header.
 */
export async function signRequest(request: HttpRequest, options: SignOptions): Promise<HttpRequest> {
  const signer = new SignatureV4({
    service: options.service ?? 'vpc-lattice-svcs',
    region: options.region,
    credentials: options.credentials,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: false,
  });
  return signer.sign(request, { signingDate: options.signingDate }) as Promise<HttpRequest>;
}
