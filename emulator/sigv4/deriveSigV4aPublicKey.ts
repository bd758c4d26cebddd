import { createECDH, createHmac, createPublicKey, type KeyObject } from 'node:crypto';

export interface SigV4aPublicKey {
  /** Affine coordinates, 32 bytes each, lower-case hex (the form of the suite's public-key.json). */
  x: string;
  y: string;
  /** For `crypto.verify`. */
  key: KeyObject;
}

/** n - 2 for NIST P-256, big-endian. */
const N_MINUS_TWO = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f', 'hex');
const MAX_CACHED_KEYS = 64;
const cache = new Map<string, SigV4aPublicKey>();

/**
 * The P-256 public key a SigV4A signer derives from an access key pair (the NIST SP 800-108
 * counter-mode KDF of aws-c-auth and @smithy/signature-v4a):
 *
 *   for counter = 1..254:
 *     k = HMAC-SHA256(key = "AWS4A" + secret,
 *                     data = 00000001 || "AWS4-ECDSA-P256-SHA256" || 00 || accessKeyId || counter || 00000100)
 *     if k <= n - 2: private key d = k + 1, public key d·G
 *
 * Each trial hashes a fresh input, as aws-c-auth does. (@smithy/signature-v4a appends each
 * trial's input to the previous one; the two agree whenever the first trial succeeds, which
 * fails with probability about 2^-32.) Derived keys are cached; the derivation costs a scalar
 * multiplication.
 */
export function deriveSigV4aPublicKey(accessKeyId: string, secretAccessKey: string): SigV4aPublicKey {
  const cacheKey = `${accessKeyId}\n${secretAccessKey}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const derived = computePublicKey(accessKeyId, secretAccessKey);
  if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, derived);
  return derived;
}

function computePublicKey(accessKeyId: string, secretAccessKey: string): SigV4aPublicKey {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(derivePrivateKey(accessKeyId, secretAccessKey));
  const point = ecdh.getPublicKey();
  const x = point.subarray(1, 33);
  const y = point.subarray(33, 65);
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: x.toString('base64url'), y: y.toString('base64url') },
    format: 'jwk',
  });
  return { x: x.toString('hex'), y: y.toString('hex'), key };
}

function derivePrivateKey(accessKeyId: string, secretAccessKey: string): Buffer {
  const hmacKey = Buffer.from(`AWS4A${secretAccessKey}`, 'utf8');
  for (let counter = 1; counter < 255; counter++) {
    const input = Buffer.concat([
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('AWS4-ECDSA-P256-SHA256\0', 'utf8'),
      Buffer.from(accessKeyId, 'utf8'),
      Buffer.from([counter, 0, 0, 1, 0]),
    ]);
    const candidate = createHmac('sha256', hmacKey).update(input).digest();
    if (Buffer.compare(candidate, N_MINUS_TWO) <= 0) return addOne(candidate);
  }
  throw new Error(`Cannot derive a SigV4A key for ${accessKeyId}: every counter gave a value above n - 2`);
}

/** k + 1 as a 32-byte big-endian number (k <= n - 2, so it cannot overflow). */
function addOne(value: Buffer): Buffer {
  const out = Buffer.from(value);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === 0xff) {
      out[i] = 0;
      continue;
    }
    out[i]! += 1;
    break;
  }
  return out;
}
