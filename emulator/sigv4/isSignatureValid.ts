import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import { deriveSigV4aPublicKey } from './deriveSigV4aPublicKey';
import { getSigningKey } from './getSigningKey';
import type { Credential } from './parseCredential';
import type { SigningAlgorithm } from './types';

export interface SignatureCheck {
  algorithm: SigningAlgorithm;
  stringToSign: string;
  /** As sent: lower-case hex (HMAC: 32 bytes; ECDSA: a DER signature). */
  signature: string;
  credential: Credential;
  secretAccessKey: string;
}

const HMAC_HEX = /^[0-9a-f]{64}$/;
/** A DER-encoded P-256 ECDSA signature is at most 72 bytes. */
const DER_HEX = /^(?:[0-9a-f]{2}){8,72}$/;

/**
 * SigV4: recompute the HMAC and compare in constant time. SigV4A: verify the ECDSA P-256
 * signature (DER) over the string to sign with the public key derived from the secret; ECDSA
 * signatures are randomised, so they are verified, never compared.
 */
export function isSignatureValid(check: SignatureCheck): boolean {
  return check.algorithm === 'AWS4-HMAC-SHA256' ? isHmacValid(check) : isEcdsaValid(check);
}

function isHmacValid({ stringToSign, signature, credential, secretAccessKey }: SignatureCheck): boolean {
  if (!HMAC_HEX.test(signature)) return false;
  const key = getSigningKey(secretAccessKey, credential.date, credential.region ?? '', credential.service);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

function isEcdsaValid({ stringToSign, signature, credential, secretAccessKey }: SignatureCheck): boolean {
  if (!DER_HEX.test(signature)) return false;
  const { key } = deriveSigV4aPublicKey(credential.accessKeyId, secretAccessKey);
  try {
    return verify(
      'sha256',
      Buffer.from(stringToSign, 'utf8'),
      { key, dsaEncoding: 'der' },
      Buffer.from(signature, 'hex'),
    );
  } catch {
    // OpenSSL refuses some malformed DER by throwing rather than returning false: not a valid signature either way.
    return false;
  }
}
