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
  return signerFor(options).sign(request, { signingDate: options.signingDate }) as Promise<HttpRequest>;
}

type Signer = SignatureV4 | SignatureV4a;

/**
 * Signers by credentials, then by algorithm, region and service. A signer caches its signing key
 * (one per scope date), so reusing it spares each call the key's HMAC chain; keyed weakly by the
 * credentials object, a signer goes when the credentials it signs with go (refreshed, or the run ends).
 */
const signers = new WeakMap<AwsCredentialIdentity, Map<string, Signer>>();

function signerFor(options: SignOptions): Signer {
  const algorithm = options.algorithm ?? 'sigv4';
  const service = options.service ?? 'vpc-lattice-svcs';
  const region = algorithm === 'sigv4a' ? '*' : options.region;
  const key = `${algorithm} ${region} ${service}`;
  let byScope = signers.get(options.credentials);
  if (!byScope) signers.set(options.credentials, (byScope = new Map()));
  let signer = byScope.get(key);
  if (!signer) {
    const Signer = algorithm === 'sigv4a' ? SignatureV4a : SignatureV4;
    signer = new Signer({
      service,
      region,
      credentials: options.credentials,
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: true,
      applyChecksum: false,
    });
    byScope.set(key, signer);
  }
  return signer;
}
